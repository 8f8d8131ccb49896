/**
 * Which folder the build may write its site into. The build replaces its output folder whole
 * (output-swap.ts), so a wrong `--out` would delete what the folder held: `--out .` or `--out src`
 * used to succeed and delete the project's sources. A folder is accepted only when
 *   - it does not exist yet, or is empty;
 *   - or a previous build wrote it: every build leaves OUTPUT_MARKER in its output;
 *   - or it has the shape of a site written before the marker existed (see `isEarlierBuild`);
 * and never when it is, holds or lies inside the working directory's sources, templates,
 * publisher data, articles, `.git` or `node_modules`. The preview (`npm start --output`) follows
 * the same rule. Everything is checked before anything is written.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { writeWhole } from "../input/write-whole.ts";
import { shownPath } from "../text/shown-path.ts";

/**
 * The file that says "a build wrote this folder". A dotfile, so that the hosts and upload tools
 * that skip hidden files leave it out; one that publishes it serves a line of plain text.
 */
export const OUTPUT_MARKER = ".news-build";
const MARKER_TEXT =
  "This folder was written by news-build (npm run build or npm start); the next run replaces it whole.\n";

/** A folder the output must never replace, hold or be written into. */
export interface ProtectedFolder {
  path: string;
  /** What it is, for the message: "the templates", "the articles"… */
  role: string;
}

/** The folders of the project a build or the preview runs in (all absolute). */
export function projectFolders(options: {
  cwd: string;
  input: string;
  includes: string;
  data: string;
  articlesDir: string;
  dataDir: string;
  pagesDir?: string;
}): { project: string; protectedFolders: ProtectedFolder[] } {
  const { cwd } = options;
  return {
    project: cwd,
    protectedFolders: [
      { path: path.resolve(cwd, options.input), role: "the templates folder" },
      { path: path.resolve(cwd, options.includes), role: "the layouts folder" },
      { path: path.resolve(cwd, options.data), role: "the publisher data folder" },
      { path: options.articlesDir, role: "the articles folder" },
      { path: options.dataDir, role: "the publisher data folder" },
      ...(options.pagesDir ? [{ path: options.pagesDir, role: "the folder of pages about the publisher" }] : []),
      { path: path.join(cwd, ".git"), role: "the git repository" },
      { path: path.join(cwd, "node_modules"), role: "the installed packages" },
    ],
  };
}

/** What is at a path, its last part not followed when it is a symbolic link. */
export type PathEntry =
  | { kind: "missing" | "folder" | "file" | "other" }
  | { kind: "link"; target: string; leadsTo: "missing" | "folder" | "file" | "other" };

const kindOf = (stats: ReturnType<typeof lstatSync> | undefined): "missing" | "folder" | "file" | "other" =>
  !stats ? "missing" : stats.isDirectory() ? "folder" : stats.isFile() ? "file" : "other";

export function pathEntry(file: string): PathEntry {
  let stats: ReturnType<typeof lstatSync> | undefined;
  try {
    stats = lstatSync(file);
  } catch {
    // Missing, or a parent that is not a folder: nothing is there either way.
    return { kind: "missing" };
  }
  if (!stats.isSymbolicLink()) return { kind: kindOf(stats) };
  let leadsTo: ReturnType<typeof kindOf>;
  try {
    leadsTo = kindOf(statSync(file));
  } catch {
    // Dangling, or a loop of links.
    leadsTo = "missing";
  }
  return { kind: "link", target: readlinkSync(file), leadsTo };
}

/** "is a symbolic link to /var/www/html", "is a file"…: what a refusal says was found. */
export function describeEntry(entry: PathEntry): string {
  if (entry.kind === "link") {
    const leads = { missing: ", which leads nowhere", folder: "", file: " (a file)", other: "" }[entry.leadsTo];
    return `is a symbolic link to ${entry.target}${leads}`;
  }
  return { missing: "is not there", folder: "is a folder", file: "is a file", other: "is a FIFO, socket or device" }[
    entry.kind
  ];
}

/** The path with every symbolic link resolved, for the part of it that exists. */
export function realPath(file: string): string {
  const missing: string[] = [];
  let existing = path.resolve(file);
  for (;;) {
    try {
      return path.join(realpathSync.native(existing), ...missing.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(file);
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
}

/** True when `inner` is `outer` or below it. */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === "" || (!relative.startsWith(`..${path.sep}`) && relative !== ".." && !path.isAbsolute(relative));
}

/** Files a build writes at the root of its output, whatever the content. */
const BUILD_ROOT_FILES = ["index.html", "404.html", "sitemap.xml", "robots.txt"];
/** The first line of every `_headers` the build has written (scripts/output/security-headers.ts). */
const HEADERS_FIRST_LINE = "# HTTP headers for Netlify and Cloudflare Pages, generated by the build";

/**
 * A site written before builds left OUTPUT_MARKER: its root pages, and a `_headers` file that
 * starts with the build's own comment. A folder of sources never looks like this, and accepting
 * it means an existing dist/ (a developer's, a CI cache) keeps working without a manual step;
 * the next build writes the marker.
 */
function isEarlierBuild(dir: string, entries: string[]): boolean {
  if (!BUILD_ROOT_FILES.every((file) => entries.includes(file)) || !entries.includes("_headers")) return false;
  try {
    return readFileSync(path.join(dir, "_headers"), "utf8").startsWith(HEADERS_FIRST_LINE);
  } catch {
    return false;
  }
}

/**
 * What `dir` (links resolved) is to the project's folders when it is, holds or lies inside one of
 * them ("is the templates folder (src)"), or null.
 */
export function protectedFolderProblem(
  dir: string,
  folders: { project: string; protectedFolders: ProtectedFolder[] },
): string | null {
  const real = realPath(dir);
  const project = realPath(folders.project);
  if (isWithin(project, real)) return `${real === project ? "is" : "holds"} the working directory (the project)`;
  for (const folder of folders.protectedFolders) {
    const guarded = realPath(folder.path);
    if (isWithin(guarded, real))
      return `${real === guarded ? "is" : "holds"} ${folder.role} (${shownPath(folder.path)})`;
    if (isWithin(real, guarded)) return `is inside ${folder.role} (${shownPath(folder.path)})`;
  }
  return null;
}

/**
 * Why the folder `out` may not be written as a site's output, as one line
 * (`--out "src": …; expected …`), or null when it may.
 */
export function outputFolderProblem(
  out: string,
  folders: { project: string; protectedFolders: ProtectedFolder[] },
  flag = "--out",
): string | null {
  const expected =
    "expected a new or empty folder, or one a previous build wrote (it holds a .news-build file); nothing was written";
  const refuse = (found: string) => `${flag} "${shownPath(out)}": ${found}; ${expected}`;
  const guarded = protectedFolderProblem(out, folders);
  if (guarded) return refuse(guarded);

  const entry = pathEntry(out);
  if (entry.kind === "link") {
    // Renaming the new output into place would replace the link itself: the folder it leads to
    // would be written every other build, and its own files lost.
    return refuse(
      `${describeEntry(entry)}; the build renames its new output into place, which replaces a link instead of filling the folder it leads to (link the web server's folder to the output instead)`,
    );
  }
  if (entry.kind === "missing") {
    const blocked = blockedParent(out);
    return blocked ? refuse(blocked) : null;
  }
  if (entry.kind !== "folder") return refuse("is not a folder");
  return builtFolderProblem(out, refuse);
}

/** What keeps the folders that would hold `path` from being made (a file, a link leading nowhere), or null. */
function blockedParent(file: string): string | null {
  for (let at = path.dirname(file); path.dirname(at) !== at; at = path.dirname(at)) {
    const entry = pathEntry(at);
    if (entry.kind === "missing") continue;
    if (entry.kind === "folder" || (entry.kind === "link" && entry.leadsTo === "folder")) return null;
    return `lies inside ${shownPath(at)}, which ${describeEntry(entry)}`;
  }
  return null;
}

/**
 * Why the folder `dir` is not one a build wrote: null when it is empty, holds the marker or has
 * the shape of an earlier build's output; else `refuse`'s line.
 */
export function builtFolderProblem(dir: string, refuse: (found: string) => string): string | null {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return refuse("cannot be read");
  }
  if (entries.length === 0) return null;
  if (lstatSync(path.join(dir, OUTPUT_MARKER), { throwIfNoEntry: false })?.isFile()) return null;
  // A build killed between writing its marker aside and renaming it (takeStaging, in a new
  // folder) leaves that partial file alone: the folder is still the build's own.
  if (entries.every((entry) => isMarkerPartial(entry) && isPartOfMarker(path.join(dir, entry)))) return null;
  if (isEarlierBuild(dir, entries)) return null;
  return refuse(`is a folder no build wrote (it has ${entries.length} entries and no ${OUTPUT_MARKER} file)`);
}

/**
 * Marks a folder as written by the build, so that a later build may replace it. Written aside,
 * then renamed: a marker already there may be another output's file too (hard links), and is
 * never written into.
 */
/** The partial file writeOutputMarker writes first, which a build killed in between leaves behind. */
export const isMarkerPartial = (name: string): boolean => /^\.news-build\.\d+\.tmp$/.test(name);

/** The file holds what writeOutputMarker writes, or the start of it (a write cut short). */
function isPartOfMarker(file: string): boolean {
  try {
    const stats = lstatSync(file);
    return stats.isFile() && stats.size <= MARKER_TEXT.length && MARKER_TEXT.startsWith(readFileSync(file, "utf8"));
  } catch {
    return false;
  }
}

/** Written whole: its partial file (`.news-build.<pid>.tmp`, isMarkerPartial) is writeWhole's. */
export function writeOutputMarker(dir: string): void {
  writeWhole(path.join(dir, OUTPUT_MARKER), MARKER_TEXT);
}

/**
 * Which output a folder holds, as its marker's device, inode and change time: every build writes
 * its marker anew, and nothing else writes it. Null when the folder has none.
 */
export function markerIdentity(dir: string): string | null {
  const stats = lstatSync(path.join(dir, OUTPUT_MARKER), { throwIfNoEntry: false });
  return stats?.isFile() ? `${stats.dev}:${stats.ino}:${stats.ctimeMs}` : null;
}

/**
 * Which folders may hold the build's cache (CACHE_DIR, `.cache` by default, and IMAGE_CACHE_DIR).
 * The build writes there, and prunes what it wrote (old manifests, other versions' parsed
 * articles), so the same care as for the output applies:
 *   - the cache folder itself may be a symbolic link (a cache kept on another disk): it is
 *     followed, and where it leads is checked; one that leads nowhere, or to a file, is refused;
 *   - it is never the project, a folder holding it, the sources, `.git`, `node_modules`, the
 *     output, a folder holding the output or the folders the swap uses beside it;
 *   - it is new, empty, tagged by a build (CACHEDIR.TAG, the Cache Directory Tagging
 *     Specification, which backup tools honour) or holds only the build's own folders (a cache
 *     made before the tag): never someone's folder;
 *   - inside it, nothing is followed: a link, a file or anything else where the build keeps a
 *     folder is refused. A link or file where the build keeps a file (a manifest) is replaced, never
 *     written through; a folder there is refused.
 * Every refusal is one line, found before anything is written.
 */
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { writeWhole } from "../input/write-whole.ts";
import { shownPath } from "../text/shown-path.ts";
import { manifestFile } from "./manifest.ts";
import {
  describeEntry,
  type PathEntry,
  type ProtectedFolder,
  pathEntry,
  protectedFolderProblem,
  realPath,
} from "./output-folder.ts";

/** The tag that says "a build's cache" (https://bford.info/cachedir/). */
export const CACHE_TAG = "CACHEDIR.TAG";
const TAG_TEXT =
  "Signature: 8a477f597d28d172789f06886806bc55\n" +
  "# This file is a cache directory tag created by news-build (npm run build).\n" +
  "# For information about cache directory tags, see https://bford.info/cachedir/\n";

/** The folders the build keeps in CACHE_DIR (`compiled` only in the project's `.cache`). */
const CACHE_FOLDERS = ["builds", "content", "git-dates", "images", "search", "stylesheets", "uploads"];
/** What a cache made before the tag holds; anything else makes it someone's folder. */
const isTag = (name: string) => /^CACHEDIR\.TAG(?:\.\d+\.tmp)?$/.test(name);
const OWN_ENTRIES: Record<"cache" | "images", (name: string) => boolean> = {
  cache: (name) => [...CACHE_FOLDERS, "compiled"].includes(name) || isTag(name),
  images: (name) => /^[0-9a-f]{64}\.png(?:\.\d+\.tmp)?$/.test(name) || name === "photos" || isTag(name),
};

export interface CacheFolders {
  cacheDir: string;
  imageCacheDir: string;
}

/** The folders that hold a cache of their own: CACHE_DIR, and IMAGE_CACHE_DIR when it is not inside it. */
interface CacheRoot {
  dir: string;
  name: string;
  kind: "cache" | "images";
}

function cacheRoots({ cacheDir, imageCacheDir }: CacheFolders): CacheRoot[] {
  const roots: CacheRoot[] = [{ dir: cacheDir, name: "CACHE_DIR", kind: "cache" }];
  if (imageCacheDir !== path.join(cacheDir, "images"))
    roots.push({ dir: imageCacheDir, name: "IMAGE_CACHE_DIR", kind: "images" });
  return roots;
}

/** The caches as folders the output must not be, hold or lie in. */
export function cacheFoldersProtected(caches: CacheFolders): ProtectedFolder[] {
  return cacheRoots(caches).map(({ dir, name }) => ({ path: dir, role: `the build's cache (${name})` }));
}

const leadsToFolder = (entry: PathEntry) =>
  entry.kind === "folder" || (entry.kind === "link" && entry.leadsTo === "folder");

/** Why a cache root cannot be used, or null. */
function rootProblem(
  root: CacheRoot,
  out: string,
  folders: { project: string; protectedFolders: ProtectedFolder[] },
): string | null {
  const refuse = (found: string) =>
    `${root.name} "${shownPath(root.dir)}": ${found}; expected a new or empty folder, or one a build keeps its cache in (it holds a ${CACHE_TAG} file); nothing was written`;
  const entry = pathEntry(root.dir);
  if (entry.kind !== "missing" && !leadsToFolder(entry)) return refuse(describeEntry(entry));
  const guarded = protectedFolderProblem(root.dir, folders);
  if (guarded) return refuse(guarded);
  const real = realPath(root.dir);
  // Whether it holds or lies inside the output is the output's refusal (cacheFoldersProtected);
  // beside it are the previous output, staging folders and the lock, which the swap renames and removes.
  const realOut = realPath(out);
  const beside = path.relative(path.dirname(realOut), real).split(path.sep)[0] ?? "";
  const swapName = beside.slice(path.basename(realOut).length);
  if (beside.startsWith(path.basename(realOut)) && /^\.(?:previous|staging-.*|lock.*)$/.test(swapName)) {
    return refuse(`is where the build keeps ${beside} beside its output`);
  }
  if (entry.kind === "missing") return null;
  let entries: string[];
  try {
    entries = readdirSync(root.dir);
  } catch {
    return refuse("cannot be read");
  }
  const tagged = pathEntry(path.join(root.dir, CACHE_TAG)).kind === "file";
  if (tagged || entries.every(OWN_ENTRIES[root.kind])) return null;
  return refuse(`is a folder no build keeps its cache in (it has ${entries.length} entries and no ${CACHE_TAG} file)`);
}

/**
 * What stops a build in its cache folders, one line each: the roots (above), the folders the build
 * keeps inside them, and the manifest of `out`.
 */
export function cacheFolderProblems(
  caches: CacheFolders,
  out: string,
  folders: { project: string; protectedFolders: ProtectedFolder[] },
): string[] {
  const problems: string[] = [];
  for (const root of cacheRoots(caches)) {
    const problem = rootProblem(root, out, folders);
    if (problem) problems.push(problem);
  }
  const own = [
    ...CACHE_FOLDERS.map((name) => path.join(caches.cacheDir, name)),
    path.join(caches.imageCacheDir, "photos"),
  ];
  for (const dir of own) {
    const entry = pathEntry(dir);
    if (entry.kind === "missing" || entry.kind === "folder") continue;
    problems.push(
      `the cache folder "${shownPath(dir)}": ${describeEntry(entry)}; expected the build's own folder, or nothing (nothing inside the cache is followed: remove it; CACHE_DIR and IMAGE_CACHE_DIR move the cache); nothing was written`,
    );
  }
  const manifest = manifestFile(caches.cacheDir, out);
  if (pathEntry(manifest).kind === "folder") {
    problems.push(
      `the manifest "${shownPath(manifest)}": is a folder; expected the file the last build of ${shownPath(out)} wrote, or nothing (remove the folder); nothing was written`,
    );
  }
  return problems;
}

/** Tags the cache folders as the build's (made when missing); call once they passed cacheFolderProblems. */
export function tagCacheFolders(caches: CacheFolders): void {
  for (const { dir } of cacheRoots(caches)) {
    mkdirSync(dir, { recursive: true });
    const tag = path.join(dir, CACHE_TAG);
    if (pathEntry(tag).kind === "file") continue;
    writeWhole(tag, TAG_TEXT);
  }
}

/**
 * Uploading only what changed: the output's files are compared with what the last upload to the
 * same place sent, and only new and changed files go, then the files the site no longer has are
 * deleted. For object storage behind a CDN (a bucket mounted as a folder, or any tool that takes
 * lists of files: rclone, aws s3), where a full upload of a 100,000-article site is 600,000
 * requests.
 *
 * What a file is: the SHA-256 the build's manifest already has for pages and cards; for the
 * others (feeds, sitemaps, stylesheet, photos) a SHA-256 remembered by the file's device, inode,
 * size and times, so that a file the builds kept (the same inode from build to build) is not read
 * again. The order is the one readers need: images, photos and the stylesheet first, then pages,
 * then the feeds and sitemaps that announce them, and deletions last; a reader never gets a page
 * whose image is not there yet.
 */
import { createHash } from "node:crypto";
import {
  copyFileSync,
  type Dirent,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
} from "node:fs";
import path from "node:path";
import { writeWhole } from "../input/write-whole.ts";
import { pageFile } from "./kept-pages.ts";
import { type Manifest, manifestFile, readManifest } from "./manifest.ts";
import { OUTPUT_MARKER } from "./output-folder.ts";
import { SHARE_RECORD } from "./shares.ts";

/** What the last upload to a place sent: each file's SHA-256, and the stat it was read at. */
export interface UploadState {
  files: Record<string, { sha256: string; stat?: string }>;
}

export interface UploadPlan {
  /** Relative paths to send, in the order readers need. */
  send: string[];
  /** Relative paths the site no longer has. */
  remove: string[];
  /** What the place holds once both are done. */
  state: UploadState;
}

const statOf = (file: string) => {
  const stats = lstatSync(file);
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
};
const sha256Of = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Every file of the output but the build's own marker and share record, relative, with `/`. */
function filesBelow(dir: string, relative = "", found: string[] = []): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(dir, relative), { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const file = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (relative === "" && (entry.name === OUTPUT_MARKER || entry.name === SHARE_RECORD)) continue;
    if (entry.isDirectory()) filesBelow(dir, file, found);
    else if (entry.isFile()) found.push(file);
  }
  return found;
}

/** Images, photos, fonts and the stylesheet first; pages next; what announces pages last. */
function rank(file: string): number {
  if (/\.(xml|json|txt)$/.test(file) || file === "_headers") return 2;
  if (file.endsWith(".html")) return 1;
  return 0;
}

/** What to send to a place whose last upload was `previous`, for the output `out` the manifest describes. */
export function planUpload(out: string, manifest: Manifest | null, previous: UploadState): UploadPlan {
  const known = new Map<string, string>();
  if (manifest) {
    for (const [url, entry] of Object.entries(manifest.pages)) known.set(pageFile(url), entry.sha256);
    for (const [file, entry] of Object.entries(manifest.images)) known.set(file.slice(1), entry.sha256);
  }
  const state: UploadState = { files: {} };
  const send: string[] = [];
  for (const file of filesBelow(out)) {
    let entry: UploadState["files"][string];
    const sha256 = known.get(file);
    if (sha256 !== undefined) {
      entry = { sha256 };
    } else {
      const stat = statOf(path.join(out, file));
      const before = previous.files[file];
      entry = { sha256: before?.stat === stat ? before.sha256 : sha256Of(path.join(out, file)), stat };
    }
    state.files[file] = entry;
    if (previous.files[file]?.sha256 !== entry.sha256) send.push(file);
  }
  send.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const remove = Object.keys(previous.files)
    .filter((file) => !(file in state.files))
    .sort();
  return { send, remove, state };
}

/** Where the state of uploads from `out` to `place` is kept. */
export function uploadStateFile(cacheDir: string, out: string, place: string): string {
  const name = createHash("sha256").update(`${out}\0${place}`).digest("hex").slice(0, 16);
  return path.join(cacheDir, "uploads", `${name}.json`);
}

export function readUploadState(file: string): UploadState {
  try {
    const state = JSON.parse(readFileSync(file, "utf8")) as UploadState;
    return state && typeof state.files === "object" && state.files !== null ? state : { files: {} };
  } catch {
    // No state (a first upload) or an unreadable one: everything is sent again.
    return { files: {} };
  }
}

export function writeUploadState(file: string, state: UploadState): void {
  writeWhole(file, JSON.stringify(state));
}

/** The plan for `out`, from its last build's manifest and the last upload to `place`. */
export function planFor(out: string, cacheDir: string, place: string): { plan: UploadPlan; stateFile: string } {
  const read = readManifest(manifestFile(cacheDir, out), { out });
  const stateFile = uploadStateFile(cacheDir, out, place);
  return { plan: planUpload(out, "reason" in read ? null : read, readUploadState(stateFile)), stateFile };
}

/**
 * Carries out a plan into a folder (a mounted bucket, or the tests' stand-in): each file written
 * aside and renamed, so that nothing ever serves half a file; then the removals, and the folders
 * they leave empty.
 */
export function uploadToFolder(out: string, target: string, plan: UploadPlan): void {
  const made = new Set<string>();
  for (const file of plan.send) {
    const destination = path.join(target, file);
    const folder = path.dirname(destination);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    const partial = `${destination}.${process.pid}.partial`;
    copyFileSync(path.join(out, file), partial);
    renameSync(partial, destination);
  }
  for (const file of plan.remove) {
    rmSync(path.join(target, file), { force: true });
    for (
      let dir = path.dirname(path.join(target, file));
      dir.startsWith(`${target}${path.sep}`);
      dir = path.dirname(dir)
    ) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
    }
  }
}

/**
 * Replacing the output folder without ever leaving a half-written site behind.
 *
 * The build writes everything into `<out>.staging-<pid>`, then swaps with two renames:
 *   1. out → out.previous      2. staging → out
 * The previous output is kept: the next build renames it into its staging folder and makes it
 * the new site there (publish/staging.ts), instead of creating and deleting thousands of folders
 * and files. Renames within one file system are atomic, so a build killed at any moment
 * (SIGKILL, power aside: nothing is fsynced) leaves one of these states, and the next build
 * repairs it first:
 *   - before 1: out is the last good site; a stale staging folder becomes out.previous if there
 *     is none (staging.ts checks every file it keeps), or is removed;
 *   - between 1 and 2 (a window of microseconds): out is missing, out.previous is the last
 *     good site and is renamed back;
 *   - after 2: out is the new site, out.previous the one before.
 * POSIX has no portable atomic exchange of two folders, so during that window a web server
 * reading out/ directly would briefly see nothing; hosts that upload out/ are unaffected.
 *
 * The build lock (build-lock.ts) keeps two builds from repairing or swapping the same folder at
 * once.
 *
 * These folders are the build's own, and carry its marker (output-folder.ts) from the moment
 * they are made. Anything else found under their names (a symbolic link, a file, a folder of
 * someone's files) is refused before the build starts (swapFoldersProblems): the build never
 * follows a link beside its output, nor removes what it did not make there.
 */
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { shownPath } from "../text/shown-path.ts";
import { builtFolderProblem, describeEntry, pathEntry, writeOutputMarker } from "./output-folder.ts";

export const previousDir = (out: string) => `${out}.previous`;
export const stagingDir = (out: string, pid = process.pid) => `${out}.staging-${pid}`;

/** The staging folders killed builds may have left beside `out`. */
function staleStagingDirs(out: string): string[] {
  const parent = path.dirname(out);
  const prefix = `${path.basename(out)}.staging-`;
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  return entries.filter((entry) => entry.startsWith(prefix)).map((entry) => path.join(parent, entry));
}

/**
 * What stops a build among the folders the swap uses beside `out` (the previous output, staging
 * folders left by killed builds): one line each. Each may be missing, or a real folder a build
 * wrote (its marker, or empty); never a link, a file or someone's folder.
 */
export function swapFoldersProblems(out: string): string[] {
  const problems: string[] = [];
  const check = (dir: string, what: string, expected: string) => {
    const refuse = (found: string) =>
      `${what} "${shownPath(dir)}": ${found}; expected ${expected}, or nothing (the build neither follows nor removes what it did not make beside its output: move it away); nothing was written`;
    const entry = pathEntry(dir);
    if (entry.kind === "missing") return;
    const problem = entry.kind === "folder" ? builtFolderProblem(dir, refuse) : refuse(describeEntry(entry));
    if (problem) problems.push(problem);
  };
  check(previousDir(out), "the previous output", "the folder the build before last left");
  for (const dir of staleStagingDirs(out)) check(dir, "a staging folder", "the folder a killed build left");
  return problems;
}

/** A real folder (not a link to one). */
const isFolder = (dir: string) => lstatSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
/** Something at the path, a link leading nowhere included. */
const present = (file: string) => lstatSync(file, { throwIfNoEntry: false }) !== undefined;

/** Repairs what an interrupted build left (see the file comment). Call with the lock held. */
export function recoverInterruptedSwap(out: string): void {
  const previous = previousDir(out);
  if (!present(out) && isFolder(previous)) renameSync(previous, out);
  for (const folder of staleStagingDirs(out)) {
    if (!isFolder(folder)) continue;
    if (!present(previous)) renameSync(folder, previous);
    else rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The staging folder of this build: the previous output renamed, when there is one (its files
 * are checked one by one before any is kept), else a new empty folder. Call with the lock held.
 */
export function takeStaging(out: string): string {
  const staging = stagingDir(out);
  if (isFolder(previousDir(out))) renameSync(previousDir(out), staging);
  else mkdirSync(staging, { recursive: true });
  // Marked from the start: a build killed now leaves a folder the next build recognises.
  writeOutputMarker(staging);
  return staging;
}

/** A failed build's staging folder: kept as the previous output for the next build, when there is none. */
export function giveBackStaging(staging: string, out: string): void {
  if (!present(staging)) return;
  if (present(previousDir(out))) rmSync(staging, { recursive: true, force: true });
  else renameSync(staging, previousDir(out));
}

/** Puts a finished staging folder in place of `out`; `out` becomes the previous output. Call with the lock held. */
export function swapIntoPlace(staging: string, out: string): void {
  const previous = previousDir(out);
  if (present(out)) {
    rmSync(previous, { recursive: true, force: true });
    renameSync(out, previous);
  }
  renameSync(staging, out);
}

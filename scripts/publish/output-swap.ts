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
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

export const previousDir = (out: string) => `${out}.previous`;
export const stagingDir = (out: string, pid = process.pid) => `${out}.staging-${pid}`;

/** Repairs what an interrupted build left (see the file comment). Call with the lock held. */
export function recoverInterruptedSwap(out: string): void {
  const previous = previousDir(out);
  if (!existsSync(out) && existsSync(previous)) renameSync(previous, out);
  const parent = path.dirname(out);
  const stale = `${path.basename(out)}.staging-`;
  for (const entry of existsSync(parent) ? readdirSync(parent) : []) {
    if (!entry.startsWith(stale)) continue;
    const folder = path.join(parent, entry);
    if (!existsSync(previous)) renameSync(folder, previous);
    else rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The staging folder of this build: the previous output renamed, when there is one (its files
 * are checked one by one before any is kept), else a new empty folder. Call with the lock held.
 */
export function takeStaging(out: string): string {
  const staging = stagingDir(out);
  if (existsSync(previousDir(out))) renameSync(previousDir(out), staging);
  else mkdirSync(staging, { recursive: true });
  return staging;
}

/** A failed build's staging folder: kept as the previous output for the next build, when there is none. */
export function giveBackStaging(staging: string, out: string): void {
  if (!existsSync(staging)) return;
  if (existsSync(previousDir(out))) rmSync(staging, { recursive: true, force: true });
  else renameSync(staging, previousDir(out));
}

/** Puts a finished staging folder in place of `out`; `out` becomes the previous output. Call with the lock held. */
export function swapIntoPlace(staging: string, out: string): void {
  const previous = previousDir(out);
  if (existsSync(out)) {
    rmSync(previous, { recursive: true, force: true });
    renameSync(out, previous);
  }
  renameSync(staging, out);
}

/**
 * Replacing the output folder without ever leaving a half-written site behind.
 *
 * The build writes everything into `<out>.staging-<pid>`, then swaps with two renames:
 *   1. out → out.previous      2. staging → out      3. remove out.previous
 * Renames within one file system are atomic, so a build killed at any moment (SIGKILL, power
 * aside: nothing is fsynced) leaves one of these states, and the next build repairs it first:
 *   - before 1: out is the last good site; a stale staging folder is removed;
 *   - between 1 and 2 (a window of microseconds): out is missing, out.previous is the last
 *     good site and is renamed back;
 *   - between 2 and 3: out is the new site; out.previous is removed.
 * POSIX has no portable atomic exchange of two folders, so during that window a web server
 * reading out/ directly would briefly see nothing; hosts that upload out/ are unaffected.
 *
 * The build lock (build-lock.ts) keeps two builds from repairing or swapping the same folder at
 * once.
 */
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

export const previousDir = (out: string) => `${out}.previous`;
export const stagingDir = (out: string, pid = process.pid) => `${out}.staging-${pid}`;

/** Repairs what an interrupted build left (see the file comment). Call with the lock held. */
export function recoverInterruptedSwap(out: string): void {
  const previous = previousDir(out);
  if (!existsSync(out) && existsSync(previous)) renameSync(previous, out);
  else if (existsSync(previous)) rmSync(previous, { recursive: true, force: true });
  const parent = path.dirname(out);
  const stale = `${path.basename(out)}.staging-`;
  for (const entry of existsSync(parent) ? readdirSync(parent) : []) {
    if (entry.startsWith(stale)) rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
}

/** Puts a finished staging folder in place of `out`. Call with the lock held. */
export function swapIntoPlace(staging: string, out: string): void {
  const previous = previousDir(out);
  if (existsSync(out)) renameSync(out, previous);
  renameSync(staging, out);
  rmSync(previous, { recursive: true, force: true });
}

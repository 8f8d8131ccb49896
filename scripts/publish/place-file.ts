/**
 * Puts files the build keeps in a cache (social cards, photos) into an output folder. Nothing
 * writes into a file in place: the staging folder is the output before last, and its files may
 * be the current output's too (hard links).
 */
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, renameSync } from "node:fs";
import path from "node:path";

/** Whether two paths are the same file (same device and inode); false when either is missing. */
export function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [lstatSync(a), lstatSync(b)];
    return x.isFile() && x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/**
 * Puts `cached` at `target`: a hard link when the cache and the output share a file system (no
 * bytes copied: a warm build of thousands of files stays cheap), else a copy. A file already at
 * the target is left when it is the cached file itself, else replaced whole (written aside, then
 * renamed over it). False when the cache does not have the file.
 */
export function placeFile(cached: string, target: string): boolean {
  try {
    linkSync(cached, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && sameFile(cached, target)) return true;
    if (code === "ENOENT") {
      if (!existsSync(cached)) return false;
      mkdirSync(path.dirname(target), { recursive: true });
    }
  }
  const partial = `${target}.${process.pid}.tmp`;
  try {
    linkSync(cached, partial);
  } catch {
    copyFileSync(cached, partial);
  }
  renameSync(partial, target);
  return true;
}

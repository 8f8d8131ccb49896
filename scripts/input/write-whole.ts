/**
 * Writing a file whole: written aside, then renamed onto its place, so that a reader at the same
 * time (another build, the preview's watcher, a CMS) sees the old file or the new one, never a
 * part. The aside file is `<file>.<pid>.tmp` unless told otherwise: the cache's checks
 * (publish/cache-folder.ts) know that name as the build's own.
 */
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export function writeWhole(
  file: string,
  data: string | NodeJS.ArrayBufferView,
  partial = `${file}.${process.pid}.tmp`,
): void {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(partial, data);
    renameSync(partial, file);
  } catch (error) {
    // Only a file of ours: what stands in its place otherwise is someone's.
    if (lstatSync(partial, { throwIfNoEntry: false })?.isFile()) rmSync(partial);
    throw error;
  }
}

/** Fingerprints of folders, to prove a build left them byte-identical. */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Relative path → SHA-256 of every file below `dir` (sorted); empty for a missing folder. */
export function hashTree(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const entries = readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
  const hashes: Record<string, string> = {};
  for (const entry of entries) {
    const file = path.join(dir, entry);
    if (statSync(file).isFile()) hashes[entry] = createHash("sha256").update(readFileSync(file)).digest("hex");
  }
  return hashes;
}

/** Relative path → "size mtime" for files and "dir mtime" for folders: catches any write, even of equal bytes. */
export function statTree(dir: string): Record<string, string> {
  const stats: Record<string, string> = { ".": `dir ${statSync(dir).mtimeMs}` };
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const s = statSync(path.join(dir, entry));
    stats[entry] = s.isDirectory() ? `dir ${s.mtimeMs}` : `${s.size} ${s.mtimeMs}`;
  }
  return stats;
}

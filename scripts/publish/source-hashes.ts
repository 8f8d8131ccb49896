/**
 * The SHA-256 of each photo source, remembered in the image cache by the file's identity and
 * change stamp (device, inode, size, modification and status-change times in nanoseconds), the
 * way git's index remembers its files: a warm build stats a source instead of reading it (at 4000
 * synthetic articles, 1334 photos were 0.9 GB to read and hash on every build). Any write to a
 * file gives it a new status-change time, which no tool can set back, so a changed photo is read
 * again. A file changed within the last second is not remembered: clocks are coarse, and a second
 * write in the same tick would keep its stamp. Synchronous: it runs in the worker that places
 * photos (photos.ts).
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { writeWhole } from "../input/write-whole.ts";

const RECENT_NS = 1_000_000_000n;

interface Entry {
  stamp: string;
  hash: string;
}

export class SourceHashes {
  readonly #file: string;
  readonly #known: Map<string, Entry>;
  readonly #seen = new Map<string, Entry>();
  /** Sources read and hashed so far (the others were known by their stamp). */
  read = 0;

  /** The hashes remembered in `file` (none when it is missing or unreadable). */
  constructor(file: string) {
    this.#file = file;
    let entries: [string, Entry][] = [];
    try {
      entries = JSON.parse(readFileSync(file, "utf8")) as [string, Entry][];
    } catch {
      // No cache yet, or a damaged one: every source is read.
    }
    this.#known = new Map(entries);
  }

  /** The source's SHA-256 (hex), read and hashed only when its stamp is not remembered. */
  of(source: string): string {
    const stats = statSync(source, { bigint: true });
    const stamp = [stats.dev, stats.ino, stats.size, stats.mtimeNs, stats.ctimeNs].join(":");
    const known = this.#known.get(source);
    if (known?.stamp === stamp) {
      this.#seen.set(source, known);
      return known.hash;
    }
    this.read += 1;
    const hash = this.#hashFile(source);
    const now = BigInt(Date.now()) * 1_000_000n;
    if (now - stats.ctimeNs > RECENT_NS) this.#seen.set(source, { stamp, hash });
    return hash;
  }

  // One buffer for every source read: a first build reads every photo (1334 at 4000 articles,
  // 0.9 GB), and a buffer per photo left that garbage to the worker's collector.
  readonly #chunk = Buffer.allocUnsafe(1 << 20);

  #hashFile(source: string): string {
    const hash = createHash("sha256");
    const fd = openSync(source, "r");
    try {
      for (let read = readSync(fd, this.#chunk); read > 0; read = readSync(fd, this.#chunk)) {
        hash.update(this.#chunk.subarray(0, read));
      }
    } finally {
      closeSync(fd);
    }
    return hash.digest("hex");
  }

  /** Writes what was remembered and what this build saw, aside then renamed. */
  save(): void {
    writeWhole(this.#file, JSON.stringify([...new Map([...this.#known, ...this.#seen])]));
  }
}

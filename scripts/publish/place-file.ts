/**
 * Puts files the build keeps in a cache (social cards, photos) into an output folder, as copies:
 * a published file never shares its inode with the cache. (They used to be hard links: an
 * upload tool that optimises PNGs in place rewrote the cached card too, and the wrong image
 * survived even `--clean`.) Copies are made with copy-on-write where the file system has it
 * (btrfs, XFS, APFS: no bytes copied), else byte for byte.
 *
 * So that a build does not copy every image again, each output remembers, in a record under the
 * cache, which of its files is a copy of which cache file (cache files are named by what they
 * hold, and never change), with the copy's stamp (inode, size, modification and status-change
 * times). A file whose stamp is unchanged is that copy still: any write changes its
 * status-change time, which no tool can set back. Such a file of the current output is
 * hard-linked into the staging folder (the current output and the staging folder may share
 * files; neither shares one with the cache), or kept when the staging folder has it already;
 * anything else is copied from the cache again. At 4000 articles (20,000 images) a build that
 * changes none costs two lstat calls per image, as many as linking from the cache did.
 *
 * Nothing writes into a file in place: the staging folder is the output before last, and its
 * files may be the current output's too.
 */
import { createHash } from "node:crypto";
import {
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  type Stats,
} from "node:fs";
import path from "node:path";
import { writeWhole } from "../input/write-whole.ts";

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
 * What changes whenever a file does: "dev:ino:size:mtimeMs:ctimeMs" (times to a fraction of a
 * microsecond; bigint nanoseconds cost a dozen allocations per file, for 20,000 files a build);
 * null when it is not a regular file.
 */
function stampOf(stats: Stats | undefined): string | null {
  return stats?.isFile() ? `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}` : null;
}

const lstat = (file: string) => lstatSync(file, { throwIfNoEntry: false });

/** Written aside, then renamed over `target`: never into a file that may have other links. */
function replaceWith(target: string, write: (partial: string) => void): void {
  const partial = `${target}.${process.pid}.tmp`;
  try {
    write(partial);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(path.dirname(target), { recursive: true });
    write(partial);
  }
  renameSync(partial, target);
}

/** A copy of `cached` at `target` (copy-on-write when the file system can); false when the cache lacks the file. */
export function copyFile(cached: string, target: string): boolean {
  if (!existsSync(cached)) return false;
  replaceWith(target, (partial) => copyFileSync(cached, partial, constants.COPYFILE_FICLONE));
  return true;
}

/** Where the record of an output's copies is kept (beside its manifest, under the cache). */
export function copiesRecordFile(cacheDir: string, out: string, kind: "cards" | "photos" | "search"): string {
  return path.join(cacheDir, "builds", `${createHash("sha256").update(out).digest("hex").slice(0, 16)}.${kind}.json`);
}

/** How a placement uses the record: where it is, and the current output the staging folder is made from. */
export interface CopiesOptions {
  record: string;
  /** The current output, whose recorded copies are linked rather than copied; the target itself when unset. */
  current?: string;
  /** Adds to the copies this build recorded already (a second step of one build), instead of starting anew. */
  adding?: boolean;
}

/** Places cached files into `target` as copies (see the file comment), and records them. */
export class PlacedCopies {
  readonly #target: string;
  readonly #options: CopiesOptions | undefined;
  /** Relative path → "<cache file name> <the copy's stamp>", as the last build left it. */
  readonly #known: Map<string, string>;
  readonly #placed = new Map<string, string>();

  constructor(target: string, options?: CopiesOptions) {
    this.#target = target;
    this.#options = options;
    let known: unknown = [];
    try {
      if (options) known = JSON.parse(readFileSync(options.record, "utf8"));
    } catch {
      // No record yet, or a damaged one: every file is copied.
    }
    this.#known = new Map(Array.isArray(known) ? (known as [string, string][]) : []);
  }

  /**
   * Puts a copy of `cached` at `relative` (a path below the target); false when the cache lacks
   * the file. `fresh`: the cache file was just made (a damaged one drawn again), so no earlier
   * copy of it counts.
   */
  place(cached: string, relative: string, fresh = false): boolean {
    const name = path.basename(cached);
    const target = path.join(this.#target, relative);
    const from = path.join(this.#options?.current ?? this.#target, relative);
    const fromStats = lstat(from);
    const known = this.#known.get(relative);
    if (fresh || known === undefined || known !== `${name} ${stampOf(fromStats)}`) {
      if (!copyFile(cached, target)) return false;
      this.#placed.set(relative, `${name} ${stampOf(lstat(target))}`);
    } else if (from === target) {
      this.#placed.set(relative, known);
    } else {
      const targetStats = lstat(target);
      if (targetStats?.ino === fromStats?.ino && targetStats?.dev === fromStats?.dev) {
        this.#placed.set(relative, known);
      } else {
        replaceWith(target, (partial) => linkSync(from, partial));
        // After a link, the file's status-change time is the link's: recorded as it is now.
        this.#placed.set(relative, `${name} ${stampOf(lstat(target))}`);
      }
    }
    return true;
  }

  /** Writes the record: this build's copies (with the earlier step's, when adding). */
  save(): void {
    if (!this.#options) return;
    const entries = this.#options.adding ? new Map([...this.#known, ...this.#placed]) : this.#placed;
    writeWhole(this.#options.record, JSON.stringify([...entries]));
  }
}

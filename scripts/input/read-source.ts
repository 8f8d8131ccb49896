/**
 * Reading a source safely, the one way every reader does it (articles, publisher.yaml and
 * settings.yaml, `npm run import`'s wire file): what the path is is checked before it is opened.
 * A FIFO is never opened (opening one waits for a writer, for ever), nor a device (/dev/zero
 * reads without end), a socket or a folder; a symbolic link is followed to what it names, which
 * is checked the same way; a link that leads nowhere or back to itself is said so. A file over
 * the size limit is refused before it is read, and no more than the limit is ever read (a file
 * may grow, and files of /proc say they are empty).
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  type Stats,
  statSync,
} from "node:fs";

/** The largest source read: the longest real article is about 60 KB; five megabytes is no article. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

export type SourceRead = { ok: true; bytes: Buffer } | { ok: false; message: string; missing?: true };

/** What a path that is not a regular file is, for messages: "a FIFO (named pipe)". */
export function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  if (stats.isSymbolicLink()) return "a symbolic link";
  return stats.isFile() ? "a regular file" : "not a regular file";
}

/** "5 MB" (megabytes of 1,048,576 bytes), "64 KB", "300 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  return bytes >= 1024 ? `${Number((bytes / 1024).toFixed(1))} KB` : `${bytes} bytes`;
}

function tooLarge(size: number | null, maxBytes: number, through = ""): string {
  const found = size === null ? "" : ` (${size} bytes)`;
  return `is larger than ${formatSize(maxBytes)}${found}${through}; expected at most ${formatSize(maxBytes)}`;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? "";

function linkTarget(file: string): string {
  try {
    return readlinkSync(file);
  } catch {
    return "?";
  }
}

/**
 * What the path leads to when it can be read as a source, or why not (the end of a problem line:
 * "is a FIFO (named pipe); expected a regular file"). Opens nothing.
 */
export function checkSourcePath(
  file: string,
  maxBytes = MAX_SOURCE_BYTES,
): { ok: true; stats: Stats } | { ok: false; message: string; missing?: true } {
  let own: Stats;
  try {
    own = lstatSync(file);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return { ok: false, message: "is missing; expected a file", missing: true };
    return { ok: false, message: `cannot be read (${errorCode(error) || "error"}); expected a readable file` };
  }
  let stats = own;
  const through = own.isSymbolicLink() ? ` (through a symbolic link to "${linkTarget(file)}")` : "";
  if (own.isSymbolicLink()) {
    try {
      stats = statSync(file);
    } catch (error) {
      const code = errorCode(error);
      if (code === "ELOOP") {
        return {
          ok: false,
          message: `is a symbolic link that leads back to itself (a loop, via "${linkTarget(file)}"); expected a regular file or a link to one`,
        };
      }
      if (code === "ENOENT" || code === "ENOTDIR") {
        return {
          ok: false,
          message: `is a symbolic link to "${linkTarget(file)}", which does not exist; expected a regular file or a link to one`,
        };
      }
      return {
        ok: false,
        message: `is a symbolic link that cannot be followed (${code || "error"}); expected a regular file`,
      };
    }
  }
  if (!stats.isFile()) return { ok: false, message: `is ${kindOf(stats)}${through}; expected a regular file` };
  if (stats.size > maxBytes) {
    return { ok: false, message: tooLarge(stats.size, maxBytes, through) };
  }
  return { ok: true, stats };
}

const CHUNK = 64 * 1024;

/** The bytes of a source, or why it cannot be one (checkSourcePath), never reading more than `maxBytes`. */
export function readSource(file: string, maxBytes = MAX_SOURCE_BYTES): SourceRead {
  const checked = checkSourcePath(file, maxBytes);
  if (!checked.ok) return checked;
  let fd: number;
  try {
    // Non-blocking, in case the path became a FIFO since it was checked.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, message: `cannot be read (${errorCode(error) || "error"}); expected a readable file` };
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.ino !== checked.stats.ino || opened.dev !== checked.stats.dev) {
      return { ok: false, message: "changed while it was being read; expected a file that stays put during the build" };
    }
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
    }
    if (total > maxBytes) return { ok: false, message: tooLarge(null, maxBytes) };
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, message: `cannot be read (${errorCode(error) || "error"}); expected a readable file` };
  } finally {
    closeSync(fd);
  }
}

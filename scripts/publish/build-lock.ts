/**
 * The build lock, `<out>.lock`: one build at a time repairs, stages and swaps an output folder.
 *
 * Taking it is atomic. The lock's content (pid, process start, a random id) is written to a file
 * of its own first, then hard-linked as `<out>.lock`: link() fails when the lock exists, and a
 * lock is never seen half-written. (The lock used to be created, then given its pid: a second
 * build could read it empty, take it for a dead build's, and delete it; four builds started
 * together could all hold it.)
 *
 * A lock is stale when its holder no longer runs: no process has its pid, or that process is a
 * zombie (it has exited and waits for its parent to reap it: a build killed with SIGKILL stays
 * one until then), or the process with that pid started at another time (the pid was reused), or
 * the lock was written before the machine last booted (for a lock without a start time). The
 * start time and state are read from /proc/<pid>/stat on Linux (with the boot id), from `ps`
 * elsewhere; when neither answers, a live pid counts as the holder.
 *
 * The lock and its drafts are read without following links, and only what a build writes (this
 * format, or an earlier version's bare pid) is ever taken over or removed: a link, a folder or
 * someone's file at these names is refused (lockProblem), never deleted.
 *
 * Taking over a stale lock is exclusive too: only the build that hard-links the first free claim
 * `<out>.lock.takeover-<id>-<n>` for that lock's id may delete it. A claim whose own claimant died
 * is passed over (n + 1), so a build killed at any instant never blocks the next one.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { uptime } from "node:os";
import path from "node:path";
import { shownPath } from "../text/shown-path.ts";
import { describeEntry, pathEntry } from "./output-folder.ts";

export const lockFile = (out: string) => `${out}.lock`;

/** What a lock file says about the build holding it. */
interface LockHolder {
  pid: number;
  /** When the process started (see processStart); null when unknown. */
  start: string | null;
  /** Unique to this taking of the lock: names its takeover claims. */
  id: string;
}

/** The lock cannot be taken: another build holds it, or something that is not a lock is in its place. */
export class BuildLockedError extends Error {
  constructor(out: string, holder: number | string) {
    super(
      typeof holder === "number"
        ? `another build (pid ${holder}) is writing ${out}; wait for it to finish, then build again`
        : holder,
    );
    this.name = "BuildLockedError";
  }
}

/** The fields of /proc/<pid>/stat after the command name (state first), or null. */
function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields resume after its last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** What `ps` says of a process (`-o lstart=`, `-o stat=`), or null. */
function ps(pid: number, field: string): string | null {
  try {
    const said = execFileSync("ps", ["-o", `${field}=`, "-p", String(pid)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return said === "" ? null : said;
  } catch {
    return null;
  }
}

/** Something that tells this run of process `pid` from an earlier or later process with the same pid. */
export function processStart(pid: number): string | null {
  if (process.platform !== "linux") return ps(pid, "lstart");
  // Field 22, starttime (clock ticks since boot): the 20th after the command name.
  const startTicks = procStat(pid)?.[19];
  if (!startTicks) return null;
  try {
    return `${readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()}/${startTicks}`;
  } catch {
    return null;
  }
}

/**
 * Whether process `pid` has exited and only waits to be reaped (state Z, or X while it goes): it
 * holds nothing any more, though signals still find its pid.
 */
export function isZombie(pid: number): boolean {
  const state = process.platform === "linux" ? procStat(pid)?.[0] : ps(pid, "stat")?.[0];
  return state === "Z" || state === "X";
}

function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock file's holder; `foreign` when the file is not one a build wrote (never taken over or removed). */
type ReadHolder = (LockHolder & { written: number; legacy: boolean }) | "foreign";

/** The bytes of a regular file, its link not followed; null when there is none (or it is not one). */
function readOwnFile(file: string): { text: string; written: number } | "foreign" | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    // ELOOP: a symbolic link; EISDIR (or ENXIO for a socket): not a file.
    return isCode(error, "ENOENT") ? null : "foreign";
  }
  try {
    const stats = fstatSync(fd);
    // A build's lock is a few dozen bytes.
    if (!stats.isFile() || stats.size > 4096) return "foreign";
    return { text: readFileSync(fd, "utf8"), written: stats.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** The holder named by a lock file, or null when there is no such file. */
function readHolder(file: string): ReadHolder | null {
  const read = readOwnFile(file);
  if (read === null || read === "foreign") return read;
  const { text, written } = read;
  try {
    const { pid, start, id } = JSON.parse(text) as Partial<LockHolder>;
    if (typeof pid === "number" && typeof id === "string" && /^[\w-]{1,64}$/.test(id)) {
      return { pid, start: typeof start === "string" ? start : null, id, written, legacy: false };
    }
  } catch {
    // Not this format: an earlier version's lock, a bare pid (or empty, if it died writing it).
  }
  if (!/^\d*$/.test(text.trim())) return "foreign";
  const id = `legacy-${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
  return { pid: text.trim() === "" ? 0 : Number(text.trim()), start: null, id, written, legacy: true };
}

/**
 * Why what is at `<out>.lock` stops a build, in one line, or null: a symbolic link, a folder or
 * a file that is not a build's lock is never followed, taken over or removed.
 */
export function lockProblem(out: string): string | null {
  const file = lockFile(out);
  const entry = pathEntry(file);
  if (entry.kind === "missing") return null;
  const found =
    entry.kind !== "file" ? describeEntry(entry) : readHolder(file) === "foreign" ? "is a file no build wrote" : null;
  return (
    found &&
    `the build lock "${shownPath(file)}": ${found}; expected the lock a build takes, or nothing (the build neither follows nor removes what it did not make beside its output: move it away); nothing was written`
  );
}

/** True while the build named by the lock file may still be running. */
function isRunning(holder: LockHolder & { written: number }): boolean {
  if (!pidExists(holder.pid) || isZombie(holder.pid)) return false;
  // No start time recorded (an earlier version's lock): written before the last boot, it names
  // another process that got the pid. (Not used otherwise: a clock set forward shifts the boot
  // time computed from the uptime.)
  if (holder.start === null) return holder.written >= Date.now() - uptime() * 1000 - 1000;
  const start = processStart(holder.pid);
  return start === null ? pidExists(holder.pid) : start === holder.start;
}

const idOf = (holder: ReadHolder | null) => (holder === null || holder === "foreign" ? null : holder.id);

/** Waits a few milliseconds without returning to the event loop (the lock is taken synchronously). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const isCode = (error: unknown, code: string) => (error as NodeJS.ErrnoException).code === code;

/**
 * Deletes the stale lock `stale`, unless another build is doing so; false when it could not claim
 * it (look at the lock again).
 */
function takeOver(file: string, stale: LockHolder, draft: string): boolean {
  for (let n = 0; ; n += 1) {
    const claim = `${file}.takeover-${stale.id}-${n}`;
    try {
      linkSync(draft, claim);
    } catch (error) {
      if (!isCode(error, "EEXIST")) throw error;
      const claimant = readHolder(claim);
      // Released, or held by a running build: the lock is changing; look again.
      if (claimant === null || claimant === "foreign" || isRunning(claimant)) return false;
      continue; // its claimant died: the next claim decides
    }
    try {
      // Only this claim's holder may delete the lock while it is still the stale one; an earlier
      // claimant may have deleted it already, and another build may hold it since.
      if (idOf(readHolder(file)) === stale.id) {
        try {
          unlinkSync(file);
        } catch (error) {
          if (!isCode(error, "ENOENT")) throw error;
        }
      }
      for (let dead = 0; dead < n; dead += 1) rmSync(`${file}.takeover-${stale.id}-${dead}`, { force: true });
    } finally {
      rmSync(claim, { force: true });
    }
    return true;
  }
}

/** Removes drafts and claims that builds killed mid-way left next to the lock. */
function removeLeftovers(file: string): void {
  const prefix = `${path.basename(file)}.`;
  let entries: string[];
  try {
    entries = readdirSync(path.dirname(file));
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const leftover = path.join(path.dirname(file), entry);
    const holder = readHolder(leftover);
    // Not a build's: left alone.
    if (holder === null || holder === "foreign") continue;
    // A draft is written in two steps (create, then write): one without its content yet is
    // another build's, still being written, unless it is old.
    const writing = holder.legacy && Date.now() - holder.written < 60_000;
    if (!writing && !isRunning(holder)) rmSync(leftover, { force: true });
  }
}

/** How long a build waits for another one that is taking over a stale lock. */
const TAKEOVER_WAIT_MS = 10_000;

/** Takes the lock on `out`; returns the function that releases it. */
export function acquireBuildLock(out: string): () => void {
  const file = lockFile(out);
  mkdirSync(path.dirname(out), { recursive: true });
  const mine: LockHolder = { pid: process.pid, start: processStart(process.pid), id: randomUUID() };
  const draft = `${file}.${mine.id}`;
  writeFileSync(draft, `${JSON.stringify(mine)}\n`, { flag: "wx" });
  try {
    const deadline = Date.now() + TAKEOVER_WAIT_MS;
    for (let attempt = 0; ; attempt += 1) {
      try {
        linkSync(draft, file);
        removeLeftovers(file);
        return () => {
          if (idOf(readHolder(file)) === mine.id) rmSync(file, { force: true });
        };
      } catch (error) {
        if (!isCode(error, "EEXIST")) throw error;
      }
      const holder = readHolder(file);
      if (holder === "foreign") throw new BuildLockedError(out, lockProblem(out) ?? `${file} is not a build's lock`);
      if (holder === null) {
        // Released meanwhile, as a rule; a lock that exists but cannot be read never goes away.
        if (Date.now() > deadline)
          throw new BuildLockedError(out, `cannot read the build lock ${file}; remove it if no build runs`);
        pause(1);
        continue;
      }
      if (isRunning(holder)) throw new BuildLockedError(out, holder.pid);
      if (takeOver(file, holder, draft)) continue;
      if (Date.now() > deadline) throw new BuildLockedError(out, holder.pid);
      pause(Math.min(1 + attempt, 20));
    }
  } finally {
    rmSync(draft, { force: true });
  }
}

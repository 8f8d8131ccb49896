import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { uptime } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  acquireBuildLock,
  BuildLockedError,
  isZombie,
  lockFile,
  lockProblem,
  processStart,
} from "../../../scripts/publish/build-lock.ts";
import { ROOT, useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("news-lock-");
const out = () => path.join(tempDir(), "dist");

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.on("close", resolve));
  return child.pid as number;
}

const lockJson = (pid: number, start: string | null, id: string) => JSON.stringify({ pid, start, id });

describe("acquireBuildLock", () => {
  it("holds <out>.lock, naming this process and its start, until released", () => {
    const release = acquireBuildLock(out());
    const holder = JSON.parse(readFileSync(lockFile(out()), "utf8"));
    expect(holder.pid).toBe(process.pid);
    expect(holder.start).toBe(processStart(process.pid));
    expect(readdirSync(tempDir())).toEqual(["dist.lock"]);
    release();
    expect(existsSync(lockFile(out()))).toBe(false);
  });

  it("refuses while a running build holds the lock, this process's included", () => {
    writeFileSync(lockFile(out()), lockJson(process.ppid, processStart(process.ppid), "running"));
    expect(() => acquireBuildLock(out())).toThrow(BuildLockedError);
    expect(() => acquireBuildLock(out())).toThrow(`another build (pid ${process.ppid}) is writing ${out()}`);
    // An earlier version's lock: a bare pid, of a live process, written since the last boot.
    writeFileSync(lockFile(out()), String(process.ppid));
    expect(() => acquireBuildLock(out())).toThrow(BuildLockedError);

    const elsewhere = path.join(tempDir(), "other");
    const release = acquireBuildLock(elsewhere);
    expect(() => acquireBuildLock(elsewhere)).toThrow(`another build (pid ${process.pid})`);
    release();
  });

  it("takes over a lock left by a build that was killed, or that died while writing it", async () => {
    const pid = await deadPid();
    for (const stale of [lockJson(pid, "1/2", "dead"), String(pid), ""]) {
      writeFileSync(lockFile(out()), stale);
      const release = acquireBuildLock(out());
      expect(JSON.parse(readFileSync(lockFile(out()), "utf8")).pid).toBe(process.pid);
      release();
    }
    expect(readdirSync(tempDir())).toEqual([]);
  });

  it("takes over a lock whose pid a live, unrelated process has now (a reused pid)", () => {
    // The same pid, started at another time: after a reboot, or when pids wrap around.
    writeFileSync(lockFile(out()), lockJson(process.ppid, "another-boot/12345", "reused"));
    acquireBuildLock(out())();
    // An earlier version's lock (no start time), written before the machine last booted.
    writeFileSync(lockFile(out()), String(process.ppid));
    const beforeBoot = (Date.now() - uptime() * 1000 - 60_000) / 1000;
    utimesSync(lockFile(out()), beforeBoot, beforeBoot);
    acquireBuildLock(out())();
    expect(readdirSync(tempDir())).toEqual([]);
  });

  it("is not blocked by a takeover that a killed build left half done, and tidies what it left", async () => {
    const pid = await deadPid();
    writeFileSync(lockFile(out()), lockJson(pid, "1/2", "stale"));
    // The killed build had claimed the stale lock, and left its draft of a lock behind.
    writeFileSync(`${lockFile(out())}.takeover-stale-0`, lockJson(pid, "1/3", "claimant"));
    writeFileSync(`${lockFile(out())}.claimant`, lockJson(pid, "1/3", "claimant"));
    const release = acquireBuildLock(out());
    expect(readdirSync(tempDir())).toEqual(["dist.lock"]);
    release();
  });

  it.runIf(process.platform === "linux")(
    "takes over a lock whose holder was killed and is a zombie, not yet reaped by its parent",
    async () => {
      // The child exits at once; its parent never waits for it (perl is part of every Debian).
      const parent = spawn("perl", ["-e", '$| = 1; my $pid = fork; exit 0 unless $pid; print "$pid\\n"; sleep 30'], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      try {
        const pid = Number(
          await new Promise<string>((resolve) => parent.stdout.setEncoding("utf8").once("data", resolve)),
        );
        const deadline = Date.now() + 10_000;
        while (!isZombie(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
        expect(isZombie(pid)).toBe(true);
        // Its pid still answers signals, and it started when the lock says.
        expect(() => process.kill(pid, 0)).not.toThrow();
        writeFileSync(lockFile(out()), lockJson(pid, processStart(pid), "zombie"));
        const release = acquireBuildLock(out());
        expect(JSON.parse(readFileSync(lockFile(out()), "utf8")).pid).toBe(process.pid);
        release();
        expect(isZombie(process.pid)).toBe(false);
      } finally {
        parent.kill();
      }
    },
  );

  it("refuses, in one line, a link, a folder or someone's file where the lock goes, and never removes it", () => {
    const file = lockFile(out());
    const notes = path.join(tempDir(), "notes.txt");
    writeFileSync(notes, "mes notes\n");
    const cases: [string, () => void, RegExp][] = [
      ["a link to someone's file", () => symlinkSync(notes, file), /is a symbolic link to .*notes\.txt \(a file\)/],
      ["a link leading nowhere", () => symlinkSync(path.join(tempDir(), "absent"), file), /which leads nowhere/],
      ["a folder", () => mkdirSync(file), /is a folder/],
      ["someone's file", () => writeFileSync(file, "mes notes\n"), /is a file no build wrote/],
    ];
    for (const [what, make, found] of cases) {
      make();
      const line = lockProblem(out());
      expect(line, what).toMatch(found);
      expect(line, what).toMatch(/^the build lock ".*dist\.lock": .*; expected the lock a build takes, or nothing/);
      expect(line, what).not.toContain("\n");
      expect(() => acquireBuildLock(out()), what).toThrow(BuildLockedError);
      expect(existsSync(file) || readdirSync(tempDir()).includes("dist.lock"), what).toBe(true);
      expect(readFileSync(notes, "utf8")).toBe("mes notes\n");
      rmSync(file, { recursive: true, force: true });
    }
    // Left alone beside the lock too: a file of someone's that only starts like a draft.
    writeFileSync(`${file}.notes`, "à garder\n");
    acquireBuildLock(out())();
    expect(readFileSync(`${file}.notes`, "utf8")).toBe("à garder\n");
    expect(lockProblem(out())).toBeNull();
  });

  it("creates the output's parent folder", () => {
    const nested = path.join(tempDir(), "a", "b", "dist");
    acquireBuildLock(nested)();
    expect(existsSync(path.join(tempDir(), "a", "b"))).toBe(true);
  });

  it("never has two holders among processes racing for it, some killed while holding it", async () => {
    const log = path.join(tempDir(), "log");
    const go = path.join(tempDir(), "go");
    writeFileSync(log, "");
    const rounds = 40;
    const fates = ["live", "live", "live", "live", "die", "die"];
    let exited = 0;
    const workers = fates.map((fate) => {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "tests/helpers/lock-worker.ts",
          out(),
          log,
          go,
          String(fate === "die" ? rounds / 2 : rounds),
          fate,
        ],
        { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
      );
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      return new Promise<{ status: number | null; signal: string | null; stderr: string }>((resolve) =>
        child.on("close", (status, signal) => {
          exited += 1;
          resolve({ status, signal, stderr });
        }),
      );
    });
    // Once every worker has loaded (tsx takes a moment), all start at once.
    const ready = () => readdirSync(tempDir()).filter((file) => file.startsWith("go.ready-")).length;
    while (ready() < fates.length && exited === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    writeFileSync(go, "");
    const results = await Promise.all(workers);
    expect(results.map((r) => r.stderr).join("")).toBe("");
    expect(results.map((r) => r.signal ?? r.status)).toEqual([0, 0, 0, 0, "SIGKILL", "SIGKILL"]);

    const events = readFileSync(log, "utf8").trimEnd().split("\n");
    let holder: string | null = null;
    for (const [index, event] of events.entries()) {
      const [kind, pid] = event.split(" ");
      if (kind === "enter") {
        expect(`${index}: ${pid} entered while ${holder} held the lock`).toBe(
          `${index}: ${pid} entered while null held the lock`,
        );
        holder = pid ?? null;
      } else {
        // "exit": released; "die": killed holding it, so the next one must take it over.
        expect(`${index}: ${kind} ${holder}`).toBe(`${index}: ${kind} ${pid}`);
        holder = null;
      }
    }
    expect(events.filter((event) => event.startsWith("enter"))).toHaveLength(4 * rounds + 2 * (rounds / 2));
    // The last holders died holding it: the next build takes it over.
    acquireBuildLock(out())();
  });
});

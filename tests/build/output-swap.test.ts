import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  acquireBuildLock,
  BuildLockedError,
  previousDir,
  recoverInterruptedSwap,
  stagingDir,
  swapIntoPlace,
} from "../../scripts/publish/output-swap.ts";
import { makeTempDir } from "../helpers/build.ts";

let dir: string;
let out: string;
beforeEach(() => {
  dir = makeTempDir("news-swap-");
  out = path.join(dir, "dist");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function site(folder: string, text: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "index.html"), text);
}
const page = (folder: string) => readFileSync(path.join(folder, "index.html"), "utf8");

describe("swapIntoPlace", () => {
  it("replaces the output with the staging folder and keeps the old output as the previous one", () => {
    site(out, "old");
    site(stagingDir(out), "new");
    swapIntoPlace(stagingDir(out), out);
    expect(page(out)).toBe("new");
    expect(page(previousDir(out))).toBe("old");
    expect(readdirSync(dir).sort()).toEqual(["dist", "dist.previous"]);
  });

  it("works for a first build, without previous output", () => {
    site(stagingDir(out), "new");
    swapIntoPlace(stagingDir(out), out);
    expect(page(out)).toBe("new");
  });
});

describe("recoverInterruptedSwap", () => {
  it("puts the last good site back when a build died between its two renames", () => {
    site(previousDir(out), "good");
    site(stagingDir(out, 999_999), "half");
    recoverInterruptedSwap(out);
    expect(page(out)).toBe("good");
    // The half-made staging folder is the next build's previous output (checked file by file).
    expect(readdirSync(dir).sort()).toEqual(["dist", "dist.previous"]);
  });

  it("keeps the new site and the previous one after a finished swap", () => {
    site(out, "new");
    site(previousDir(out), "old");
    recoverInterruptedSwap(out);
    expect(page(out)).toBe("new");
    expect(page(previousDir(out))).toBe("old");
  });

  it("keeps a staging folder left by a killed build as the previous output when there is none, else removes it", () => {
    site(out, "good");
    site(stagingDir(out, 4242), "half");
    recoverInterruptedSwap(out);
    expect(page(out)).toBe("good");
    expect(page(previousDir(out))).toBe("half");
    site(stagingDir(out, 4343), "other");
    recoverInterruptedSwap(out);
    expect(readdirSync(dir).sort()).toEqual(["dist", "dist.previous"]);
    expect(page(previousDir(out))).toBe("half");
  });

  it("leaves unrelated folders alone", () => {
    site(path.join(dir, "dist-old"), "mine");
    site(path.join(dir, "distribution.staging"), "mine");
    recoverInterruptedSwap(out);
    expect(readdirSync(dir).sort()).toEqual(["dist-old", "distribution.staging"]);
  });
});

describe("acquireBuildLock", () => {
  it("holds the lock in <out>.lock with the build's pid until released", () => {
    const release = acquireBuildLock(out);
    expect(readFileSync(`${out}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it("refuses to build while another running build holds the lock", () => {
    writeFileSync(`${out}.lock`, String(process.ppid)); // a live process other than this one
    expect(() => acquireBuildLock(out)).toThrow(BuildLockedError);
    expect(() => acquireBuildLock(out)).toThrow(`another build (pid ${process.ppid}) is writing ${out}`);
  });

  it("takes over a lock left by a build that was killed", async () => {
    const child = spawn(process.execPath, ["-e", ""]);
    const pid = child.pid as number;
    await new Promise((resolve) => child.on("close", resolve));
    writeFileSync(`${out}.lock`, String(pid));
    const release = acquireBuildLock(out);
    expect(readFileSync(`${out}.lock`, "utf8")).toBe(String(process.pid));
    release();
  });

  it("creates the output's parent folder", () => {
    const nested = path.join(dir, "a", "b", "dist");
    acquireBuildLock(nested)();
    expect(existsSync(path.join(dir, "a", "b"))).toBe(true);
  });
});

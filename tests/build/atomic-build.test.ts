/**
 * Nothing lost: a build killed half way, or one that dies between its two renames, leaves the
 * previous dist/ byte-identical and the next build repairs and succeeds; two builds never write
 * the same folder at once; the build never writes into the sources.
 */
import { cpSync, existsSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildSite, makeTempDir, ROOT, runBuild } from "../helpers/build.ts";
import { startBuild } from "../helpers/spawn-build.ts";
import { writeSyntheticNewsroom } from "../helpers/synthetic.ts";
import { hashTree, statTree } from "../helpers/tree.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
const fixtureArgs = ["--articles", path.join(FIXTURE, "articles"), "--data", path.join(FIXTURE, "data")];

let good: BuiltSite;
let goodHashes: Record<string, string>;
let big: string;
let bigPaths: { articlesDir: string; dataDir: string };
beforeAll(() => {
  good = buildSite({ articles: path.join(FIXTURE, "articles"), data: path.join(FIXTURE, "data") });
  goodHashes = hashTree(good.outDir);
  big = makeTempDir("news-big-");
  // Enough articles that the build spends seconds writing and minifying its staging folder.
  bigPaths = writeSyntheticNewsroom(big, 200);
});
afterAll(() => {
  good?.cleanup();
  if (big) rmSync(big, { recursive: true, force: true });
});

/** A folder holding a copy of the good dist/. */
/** A build of the 200-article newsroom into `out`, long enough to be caught half way. */
function startBigBuild(out: string) {
  return startBuild(["--quiet", "--out", out, "--articles", bigPaths.articlesDir, "--data", bigPaths.dataDir]);
}

function withGoodDist(): { dir: string; out: string } {
  const dir = makeTempDir("news-atomic-");
  const out = path.join(dir, "dist");
  cpSync(good.outDir, out, { recursive: true });
  return { dir, out };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("a build killed with SIGKILL half way", () => {
  it("leaves the previous dist/ byte-identical, and the next build recovers", async () => {
    const { dir, out } = withGoodDist();
    try {
      const build = startBigBuild(out);
      const staging = `${out}.staging-${build.child.pid}`;
      await waitFor(() => existsSync(staging) && readdirSync(staging).length > 0, "the staging folder");
      build.child.kill("SIGKILL");
      const killed = await build.done;
      expect(killed.status).toBeNull();
      // Killed before the swap: its half-written staging folder and its lock are still there.
      expect(existsSync(staging)).toBe(true);
      expect(existsSync(`${out}.lock`)).toBe(true);
      expect(hashTree(out)).toEqual(goodHashes);

      const next = runBuild(["--quiet", "--out", out, ...fixtureArgs]);
      expect(next.stderr).toBe("");
      expect(next.status).toBe(0);
      // The killed build's staging folder became the previous output, for the next build to reuse.
      expect(readdirSync(dir).sort()).toEqual(["dist", "dist.previous"]);
      expect(hashTree(out)).toEqual(goodHashes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a build that died between its two renames", () => {
  it("gets the last good site back on the next run, even when that run fails", () => {
    const { dir, out } = withGoodDist();
    try {
      // The state a kill between "dist → dist.previous" and "staging → dist" leaves.
      renameSync(out, `${out}.previous`);
      cpSync(good.outDir, `${out}.staging-999999`, { recursive: true });
      writeFileSync(path.join(`${out}.staging-999999`, "index.html"), "half written");

      const bad = path.join(dir, "articles");
      cpSync(path.join(FIXTURE, "articles"), bad, { recursive: true });
      writeFileSync(path.join(bad, "culture/2024-03-02-un-roman-prime.md"), "---\ntittle: x\n---\n");
      const run = runBuild(["--out", out, "--articles", bad, "--data", path.join(FIXTURE, "data")]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("tittle: is not a known field");
      expect(readdirSync(dir).sort()).toEqual(["articles", "dist", "dist.previous"]);
      expect(hashTree(out)).toEqual(goodHashes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("two builds of the same output at once", () => {
  it("refuses the second while the first runs; the first completes", async () => {
    const { dir, out } = withGoodDist();
    try {
      const first = startBigBuild(out);
      await waitFor(() => existsSync(`${out}.lock`), "the first build's lock");
      const second = runBuild(["--out", out, ...fixtureArgs]);
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`Build failed: another build (pid ${first.child.pid}) is writing`);
      const done = await first.done;
      expect(done.stderr).toBe("");
      expect(done.status).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(["dist", "dist.previous"]);
      expect(Object.keys(hashTree(out))).toContain("culture/article-2/index.html");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("sources", () => {
  it("are never written by a build: src/, _data/, _includes/ and the articles keep their bytes and times", () => {
    const watched = ["src", "_data", "_includes", "tests/fixtures/newsroom"].map((folder) => path.join(ROOT, folder));
    const before = watched.map((folder) => [hashTree(folder), statTree(folder)]);
    const site = buildSite();
    const fixture = buildSite({ articles: path.join(FIXTURE, "articles"), data: path.join(FIXTURE, "data") });
    try {
      expect(watched.map((folder) => [hashTree(folder), statTree(folder)])).toEqual(before);
      expect(Object.keys(before[0]?.[0] ?? {})).toContain("lists/index.njk");
      // Nothing but dist/ appears next to the output either.
      expect(readdirSync(site.dir)).toEqual(["dist"]);
    } finally {
      site.cleanup();
      fixture.cleanup();
    }
  });
});

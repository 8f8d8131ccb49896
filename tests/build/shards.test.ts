/**
 * A site built as shares (`--shard K/N`, one machine each in a CI matrix) and joined by `--merge`:
 * the merge is the site a build on one machine writes; it refuses, in one line and writing
 * nothing, a share that is missing, given twice, of another build, or no share at all; a share
 * or a merge killed half way leaves the previous share or output as it was, and the next one is
 * right. (tests/build/incremental.test.ts merges shares after every kind of edit.)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildRun, makeTempDir, runBuild } from "../helpers/build.ts";
import { runBuildAsync, startBuild } from "../helpers/spawn-build.ts";
import { writeSyntheticNewsroom } from "../helpers/synthetic.ts";
import { hashTree, statTree } from "../helpers/tree.ts";

const SHARES = ["1/3", "2/3", "3/3"];
let dir: string;
let sources: { articlesDir: string; dataDir: string };
const env = () => ({ SOURCE_DATE_EPOCH: "1735689600", CACHE_DIR: path.join(dir, "cache") });
const sourceArgs = () => ["--articles", sources.articlesDir, "--data", sources.dataDir];
const shareDir = (shard: string, name = "shares") => path.join(dir, name, shard.replace("/", "-of-"));
const shareDirs = (name = "shares") => SHARES.map((shard) => shareDir(shard, name));

/** Builds the three shares side by side, each over its own previous share. */
async function buildShares(name = "shares"): Promise<void> {
  const runs = await Promise.all(
    SHARES.map((shard) =>
      runBuildAsync(["--quiet", "--out", shareDir(shard, name), "--shard", shard, ...sourceArgs()], env()),
    ),
  );
  for (const run of runs) expect(run.status, run.stderr).toBe(0);
}

/** The site as one machine builds it, in one process. */
function buildWhole(out: string): Record<string, string> {
  const run = runBuild(["--quiet", "--clean", "--jobs", "1", "--out", out, ...sourceArgs()], env());
  expect(run.status, run.stderr).toBe(0);
  return hashTree(out);
}

const merge = (shares: string[], out: string): BuildRun =>
  runBuild(["--quiet", "--merge", ...shares, "--out", out, ...sourceArgs()], env());

/** The problem lines of a refused merge (after its first line). */
function refusal(run: BuildRun): string[] {
  expect(run.status).toBe(1);
  const [first, ...lines] = run.stderr.trim().split("\n");
  expect(first).toMatch(/^Merge failed: \d+ problem\(s\)\. Nothing was published\.$/);
  return lines;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const editArticle = (line: string) => {
  const file = path.join(sources.articlesDir, "culture/2020-01-03-article-2.md");
  writeFileSync(file, `${readFileSync(file, "utf8")}\n${line}\n`);
  // A new headline: the article's page and every list that shows it change.
  writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, `title: "${line}"`));
};

beforeAll(async () => {
  dir = makeTempDir("news-shards-");
  sources = writeSyntheticNewsroom(dir, 200);
  await buildShares();
}, 600_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("three shares merged", { timeout: 600_000 }, () => {
  it("are the site a build on one machine writes, each page in one share only", () => {
    const out = path.join(dir, "merged");
    const run = merge(shareDirs(), out);
    expect(run.status, run.stderr).toBe(0);
    expect(hashTree(out)).toEqual(buildWhole(path.join(dir, "whole")));
    // Every share has pages, and the site-wide files are in the first alone.
    const pages = shareDirs().map((share) =>
      readdirSync(share, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith("index.html")),
    );
    for (const share of pages) expect(share.length).toBeGreaterThan(50);
    expect(new Set(pages.flat()).size).toBe(pages.flat().length);
    expect(shareDirs().map((share) => existsSync(path.join(share, "sitemap.xml")))).toEqual([true, false, false]);
  });
});

describe("a merge refuses, in one line per problem, writing nothing", { timeout: 600_000 }, () => {
  const out = () => path.join(dir, "refused");
  const attempt = (shares: string[]) => {
    const before = existsSync(out()) ? statTree(out()) : undefined;
    const lines = refusal(merge(shares, out()));
    expect(existsSync(out()) ? statTree(out()) : undefined).toEqual(before);
    expect(readdirSync(dir).filter((name) => name.startsWith("refused."))).toEqual([]);
    return lines;
  };

  it("a share that is missing", () => {
    expect(attempt(shareDirs().slice(0, 2))).toEqual(["share 3/3 is missing; expected all 3 shares"]);
  });

  it("a share given twice", () => {
    const [one = "", two = "", three = ""] = shareDirs();
    const lines = attempt([one, two, one, three]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^share 1\/3 is given twice: .*shares\/1-of-3 and .*shares\/1-of-3$/);
  });

  it("a share of another build", async () => {
    editArticle("Une autre version de l’article");
    try {
      const run = await runBuildAsync(
        ["--quiet", "--out", shareDir("2/3", "other"), "--shard", "2/3", ...sourceArgs()],
        env(),
      );
      expect(run.status, run.stderr).toBe(0);
    } finally {
      // Back to the sources the shares were built from.
      rmSync(sources.articlesDir, { recursive: true });
      writeSyntheticNewsroom(dir, 200);
    }
    const [one = "", , three = ""] = shareDirs();
    const lines = attempt([one, shareDir("2/3", "other"), three]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/other\/2-of-3 is share 2\/3 of another build than .*shares\/1-of-3/);
    expect(lines[1]).toBe("share 2/3 is missing; expected all 3 shares");
  });

  it("a folder that is no share", () => {
    const stranger = path.join(dir, "someones-files");
    mkdirSync(stranger, { recursive: true });
    writeFileSync(path.join(stranger, "notes.txt"), "à garder");
    const lines = attempt([...shareDirs().slice(0, 2), stranger]);
    expect(lines[0]).toMatch(
      /someones-files has no \.news-share\.json; expected a folder written by npm run build -- --shard K\/N$/,
    );
    expect(readFileSync(path.join(stranger, "notes.txt"), "utf8")).toBe("à garder");
  });
});

describe("killed half way with SIGKILL", { timeout: 600_000 }, () => {
  it("a share build leaves its previous share as it was, and the next build of it is right", async () => {
    const share = shareDir("2/3");
    const before = hashTree(share);
    editArticle("Un titre changé pendant la construction");
    const started = startBuild(["--quiet", "--out", share, "--shard", "2/3", ...sourceArgs()], env());
    const staging = `${share}.staging-${started.child.pid}`;
    await waitFor(() => existsSync(staging), "the share's staging folder");
    started.child.kill("SIGKILL");
    expect((await started.done).status).toBeNull();
    expect(hashTree(share)).toEqual(before);
    await buildShares();
    const out = path.join(dir, "merged-after-kill");
    expect(merge(shareDirs(), out).status).toBe(0);
    expect(hashTree(out)).toEqual(buildWhole(path.join(dir, "whole-after-kill")));
  });

  it("a merge leaves the previous output as it was, and the next merge is right", async () => {
    const out = path.join(dir, "merged-killed");
    expect(merge(shareDirs(), out).status).toBe(0);
    const before = hashTree(out);
    editArticle("Encore un autre titre");
    await buildShares();
    // Killed the moment it creates its staging folder (a watcher reacts within a millisecond; the
    // merge then still has hundreds of files to link, and the swap to do).
    let started: ReturnType<typeof startBuild> | undefined;
    const watcher = watch(dir, (_event, name) => {
      if (started && String(name).startsWith("merged-killed.staging-")) started.child.kill("SIGKILL");
    });
    try {
      started = startBuild(["--quiet", "--merge", ...shareDirs(), "--out", out, ...sourceArgs()], env());
      expect((await started.done).status).toBeNull();
    } finally {
      watcher.close();
    }
    expect(hashTree(out)).toEqual(before);
    expect(merge(shareDirs(), out).status).toBe(0);
    expect(hashTree(out)).toEqual(buildWhole(path.join(dir, "whole-after-merge-kill")));
  });
});

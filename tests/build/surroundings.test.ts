/**
 * The output's surroundings, as a careless operator leaves them: every one of the places the
 * build uses around its output (the output, the previous output, a staging folder, the lock, the
 * manifest, the cache) holding a symbolic link to someone's folder, a link that leads nowhere, a
 * file, or a folder of someone's files. Each case either builds, having followed or replaced
 * only what docs/deployment.md says, or is refused in one line; either way nothing that is not
 * the build's own changes. And the published files never share an inode with the cache.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { directories } from "../../.eleventy.js";
import { resolveContentPaths } from "../../scripts/input/content-paths.ts";
import { build } from "../../scripts/publish/build.ts";
import { lockFile } from "../../scripts/publish/build-lock.ts";
import { manifestFile } from "../../scripts/publish/manifest.ts";
import { previousDir, stagingDir } from "../../scripts/publish/output-swap.ts";
import {
  type BuildRun,
  type BuiltSite,
  buildSite,
  makeTempDir,
  ROOT,
  runBuild,
  SEED_WARNINGS,
} from "../helpers/build.ts";
import { hashTree } from "../helpers/tree.ts";

const EPOCH = String(Date.parse("2024-03-08T12:00:00Z") / 1000);
const IMAGES = path.join(ROOT, ".cache/images");

let good: BuiltSite;
let goodHashes: Record<string, string>;
beforeAll(() => {
  good = buildSite({ env: { SOURCE_DATE_EPOCH: EPOCH } });
  goodHashes = hashTree(good.outDir);
});
afterAll(() => good?.cleanup());

/** A case's folder: a built site in dist/, its cache, and someone's folder of notes beside them. */
interface Case {
  dir: string;
  out: string;
  cache: string;
  notes: string;
  /** `npm run build` for this case. */
  build(args?: string[], env?: NodeJS.ProcessEnv): BuildRun;
  /**
   * The same build function, called in this process: a refusal comes before anything heavy is
   * loaded, in milliseconds instead of a process's start.
   */
  refusal(env?: NodeJS.ProcessEnv): Promise<BuildRun>;
}

function newCase(): Case {
  const dir = makeTempDir("news-surroundings-");
  const out = path.join(dir, "dist");
  cpSync(good.outDir, out, { recursive: true });
  const notes = path.join(dir, "notes");
  mkdirSync(notes);
  writeFileSync(path.join(notes, "todo.txt"), "mes notes\n");
  const cache = path.join(dir, "cache");
  const caseEnv = { SOURCE_DATE_EPOCH: EPOCH, CACHE_DIR: cache, IMAGE_CACHE_DIR: IMAGES };
  return {
    dir,
    out,
    cache,
    notes,
    build: (args = [], env = {}) => runBuild(["--quiet", "--out", out, ...args], { ...caseEnv, ...env }),
    refusal: async (env = {}) => {
      const said = { stdout: [] as string[], stderr: [] as string[] };
      const log = vi.spyOn(console, "log").mockImplementation((line) => said.stdout.push(`${line}\n`));
      const error = vi.spyOn(console, "error").mockImplementation((line) => said.stderr.push(`${line}\n`));
      try {
        const status = await build({
          out,
          paths: resolveContentPaths({}, directories),
          quiet: true,
          env: { ...process.env, ...caseEnv, ...env },
        });
        return { status, stdout: said.stdout.join(""), stderr: said.stderr.join("") };
      } finally {
        log.mockRestore();
        error.mockRestore();
      }
    },
  };
}

/** Every entry below `dir` as it is: files by hash, links by target, folders by name (links never followed). */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const visit = (at: string, relative: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = path.join(at, name);
      const shown = `${relative}${name}`;
      const stats = lstatSync(full);
      if (stats.isSymbolicLink()) entries[shown] = `link ${readlinkSync(full)}`;
      else if (stats.isDirectory()) {
        entries[shown] = "folder";
        visit(full, `${shown}/`);
      } else entries[shown] = `file ${readFileSync(full, "utf8").length} ${statSync(full).mtimeMs}`;
    }
  };
  visit(dir, "");
  return entries;
}

/** The places around the output, each as the path where the case puts something. */
const PLACES = {
  output: (c: Case) => c.out,
  "previous output": (c: Case) => previousDir(c.out),
  "staging folder": (c: Case) => stagingDir(c.out, 4242),
  lock: (c: Case) => lockFile(c.out),
  manifest: (c: Case) => manifestFile(c.cache, c.out),
  cache: (c: Case) => c.cache,
} as const;
type Place = keyof typeof PLACES;

/** What the case puts there. */
const KINDS = {
  "a link to someone's folder": (at: string, c: Case) => symlinkSync(c.notes, at),
  "a link that leads nowhere": (at: string, c: Case) => symlinkSync(path.join(c.dir, "absent"), at),
  "a file": (at: string) => writeFileSync(at, "mon fichier\n"),
  "a folder of someone's files": (at: string) => {
    mkdirSync(at, { recursive: true });
    writeFileSync(path.join(at, "lettre.txt"), "ma lettre\n");
  },
} as const;
type Kind = keyof typeof KINDS;

/** What the build does with each (docs/deployment.md): refuses, or replaces (the manifest's place only). */
const REPLACED = new Set<`${Place} / ${Kind}`>([
  "manifest / a link to someone's folder",
  "manifest / a link that leads nowhere",
  "manifest / a file",
]);

/** How the refusal line names the place. */
const NAMED: Record<Place, RegExp> = {
  output: /^Build failed: --out ".*dist": /,
  "previous output": /^Build failed: the previous output ".*dist\.previous": /,
  "staging folder": /^Build failed: a staging folder ".*dist\.staging-4242": /,
  lock: /^Build failed: the build lock ".*dist\.lock": /,
  manifest: /^Build failed: the manifest ".*\.json": /,
  cache: /^Build failed: CACHE_DIR ".*cache": /,
};

const CASES = (Object.keys(PLACES) as Place[]).flatMap((place) =>
  (Object.keys(KINDS) as Kind[]).map((kind) => [place, kind] as const),
);

describe.each(CASES)("the %s is %s", (place, kind) => {
  const replaced = REPLACED.has(`${place} / ${kind}`);

  it(
    replaced
      ? "is replaced: the build publishes, and touches nothing that is not its own"
      : "is refused in one line, and nothing changes",
    () => {
      const c = newCase();
      try {
        const at = PLACES[place](c);
        mkdirSync(path.dirname(at), { recursive: true });
        if (place === "output") rmSync(at, { recursive: true });
        KINDS[kind](at, c);
        const before = snapshot(c.dir);
        const notes = snapshot(c.notes);
        const run = c.build();
        expect(snapshot(c.notes)).toEqual(notes);
        if (replaced) {
          // The seed's one warning (its legal placeholders), and nothing else.
          expect(run.stderr).toMatch(SEED_WARNINGS);
          expect(run.status).toBe(0);
          expect(hashTree(c.out)).toEqual(goodHashes);
          // The manifest is the build's own file now, and what a link led to was never written.
          expect(lstatSync(at).isFile()).toBe(true);
          expect(readFileSync(at, "utf8")).toMatch(/^\{"format":/);
        } else {
          expect(run.stdout).toBe("");
          const lines = run.stderr.trimEnd().split("\n");
          expect(lines, run.stderr).toHaveLength(1);
          expect(lines[0]).toMatch(NAMED[place]);
          expect(lines[0]).toMatch(/; expected .*; nothing was written\.$/);
          expect(run.status).toBe(1);
          expect(snapshot(c.dir)).toEqual(before);
        }
      } finally {
        rmSync(c.dir, { recursive: true, force: true });
      }
    },
  );
});

describe("several places at once", () => {
  it("are all named, one line each, in one run", () => {
    const c = newCase();
    try {
      symlinkSync(c.notes, previousDir(c.out));
      writeFileSync(lockFile(c.out), "mon fichier\n");
      symlinkSync(path.join(c.dir, "absent"), c.cache);
      const before = snapshot(c.dir);
      const run = c.build();
      const lines = run.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(NAMED["previous output"]);
      expect(lines[1]).toMatch(NAMED.lock);
      expect(lines[2]).toMatch(NAMED.cache);
      expect(snapshot(c.dir)).toEqual(before);
    } finally {
      rmSync(c.dir, { recursive: true, force: true });
    }
  });
});

describe("CACHE_DIR", () => {
  it("follows a link to a folder of its own, and tags the folder it leads to as a cache", () => {
    const c = newCase();
    try {
      mkdirSync(path.join(c.dir, "disk"));
      symlinkSync(path.join(c.dir, "disk"), c.cache);
      const run = c.build();
      expect(run.stderr).toMatch(SEED_WARNINGS);
      expect(run.status).toBe(0);
      expect(readlinkSync(c.cache)).toBe(path.join(c.dir, "disk"));
      expect(readdirSync(path.join(c.dir, "disk"))).toEqual(
        expect.arrayContaining(["CACHEDIR.TAG", "builds", "content"]),
      );
    } finally {
      rmSync(c.dir, { recursive: true, force: true });
    }
  });

  it.each([
    [
      "inside the output",
      (c: Case) => path.join(c.out, "cache"),
      /--out ".*dist": holds the build's cache \(CACHE_DIR\)/,
    ],
    ["holding the output", (c: Case) => c.dir, /--out ".*dist": is inside the build's cache \(CACHE_DIR\)/],
    ["the templates", () => path.join(ROOT, "src"), /CACHE_DIR ".*src": is the templates folder/],
    [
      "inside the articles",
      () => path.join(ROOT, "src/articles/.cache"),
      /CACHE_DIR ".*": is inside the templates folder/,
    ],
    [
      "the previous output",
      (c: Case) => previousDir(c.out),
      /CACHE_DIR ".*dist\.previous": is where the build keeps dist\.previous/,
    ],
  ])("refuses a cache %s, in one line", async (_what, cacheOf, found) => {
    const c = newCase();
    try {
      const sources = [hashTree(path.join(ROOT, "src")), readdirSync(path.join(ROOT, "src"))];
      const before = snapshot(c.dir);
      const run = await c.refusal({ CACHE_DIR: cacheOf(c) });
      const lines = run.stderr.trimEnd().split("\n");
      // A cache holding the case's folder holds someone's notes too: that is said as well.
      expect(lines.every((line) => line.startsWith("Build failed: "))).toBe(true);
      expect(lines.filter((line) => found.test(line))).toHaveLength(1);
      expect(run.status).toBe(1);
      expect(snapshot(c.dir)).toEqual(before);
      expect([hashTree(path.join(ROOT, "src")), readdirSync(path.join(ROOT, "src"))]).toEqual(sources);
    } finally {
      rmSync(c.dir, { recursive: true, force: true });
    }
  });
});

/** Every (device, inode) of the regular files below `dir`. */
function inodes(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const stats = lstatSync(path.join(dir, entry));
    if (stats.isFile()) found.add(`${stats.dev}:${stats.ino}`);
  }
  return found;
}

describe("the published files and the cache", () => {
  it("never share an inode: a card rewritten in place in dist/ comes back right, and the cache keeps its own", () => {
    const c = newCase();
    try {
      rmSync(c.out, { recursive: true });
      const cache = path.join(c.dir, "images");
      const env = { IMAGE_CACHE_DIR: cache };
      for (let build = 0; build < 3; build += 1) {
        expect(c.build([], env).status).toBe(0);
        for (const output of [c.out, previousDir(c.out)]) {
          if (!existsSync(output)) continue;
          const shared = [...inodes(output)].filter((inode) => inodes(c.cache).has(inode) || inodes(cache).has(inode));
          expect(shared).toEqual([]);
        }
      }
      const card = path.join(c.out, "assets/social.png");
      const cached = readdirSync(cache).filter((name) => name.endsWith(".png"));
      const cachedBytes = cached.map((name) => readFileSync(path.join(cache, name)));
      const right = readFileSync(card);
      // An upload tool that optimises PNGs rewrites the file in place, keeping its name and inode.
      writeFileSync(card, Buffer.concat([right.subarray(0, 100), Buffer.alloc(right.length - 100)]));
      expect(cached.map((name) => readFileSync(path.join(cache, name)))).toEqual(cachedBytes);
      expect(c.build([], env).status).toBe(0);
      expect(readFileSync(card).equals(right)).toBe(true);
      writeFileSync(card, "pas une image");
      expect(c.build(["--clean"], env).status).toBe(0);
      expect(readFileSync(card).equals(right)).toBe(true);
    } finally {
      rmSync(c.dir, { recursive: true, force: true });
    }
  });

  it("a page edited by hand with the same size and its modification time put back is rendered again", async () => {
    const c = newCase();
    try {
      rmSync(c.out, { recursive: true });
      expect(c.build().status).toBe(0);
      // The second build links every kept page from the first: the manifest records the status
      // time each has now, so that the next build reads none of them again.
      expect(c.build().status).toBe(0);
      const manifest = JSON.parse(readFileSync(manifestFile(c.cache, c.out), "utf8")) as { pages: unknown[][] };
      const stale = manifest.pages.filter(
        ([url, , , , , ctimeMs]) => lstatSync(path.join(c.out, `${url}index.html`)).ctimeMs !== ctimeMs,
      );
      expect(stale).toEqual([]);
      const page = path.join(c.out, "international/li-shangfu-moscou-cooperation-militaire/index.html");
      const right = readFileSync(page, "utf8");
      execFileSync("cp", ["-p", page, path.join(c.dir, "times")]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      writeFileSync(page, right.replace("<h1", "<h2"));
      execFileSync("touch", ["-r", path.join(c.dir, "times"), page]);
      const run = runBuild(["--out", c.out], { SOURCE_DATE_EPOCH: EPOCH, CACHE_DIR: c.cache, IMAGE_CACHE_DIR: IMAGES });
      expect(run.stdout).toMatch(
        /rendered all 9 pages \(international\/li-shangfu-moscou-cooperation-militaire\/index\.html in the previous output is not what the manifest describes\)/,
      );
      expect(readFileSync(page, "utf8")).toBe(right);
    } finally {
      rmSync(c.dir, { recursive: true, force: true });
    }
  });
});

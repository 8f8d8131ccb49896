/**
 * `npm run upload`: only what changed since the last upload reaches the bucket (a local folder
 * stands in for it), deletions last, and the bucket ends as the site is; `--list` writes the
 * lists another tool (rclone, aws s3) uploads, and nothing counts as sent before `--confirm`.
 */
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, ROOT, runBuild } from "../helpers/build.ts";
import { hashTree, statTree } from "../helpers/tree.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
let dir: string;
const dist = () => path.join(dir, "dist");
const bucket = () => path.join(dir, "bucket");
const env = () => ({ ...process.env, CACHE_DIR: path.join(dir, "cache"), SOURCE_DATE_EPOCH: "1710000000" });

function build(): void {
  const run = runBuild(
    ["--quiet", "--out", dist(), "--articles", path.join(dir, "articles"), "--data", path.join(FIXTURE, "data")],
    env(),
  );
  expect(run.status, run.stderr).toBe(0);
}

function upload(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/cli/upload.ts", "--out", dist(), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: env(),
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The site as readers get it: the build's own marker is not published. */
function site(): Record<string, string> {
  const { ".news-build": _marker, ...files } = hashTree(dist());
  return files;
}

/** The files whose bytes or times changed between two stat trees. */
const touched = (before: Record<string, string>, after: Record<string, string>) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (file) => before[file] !== after[file] && !before[file]?.startsWith("dir") && !after[file]?.startsWith("dir"),
  );

beforeAll(() => {
  dir = makeTempDir("news-upload-");
  cpSync(path.join(FIXTURE, "articles"), path.join(dir, "articles"), { recursive: true });
  build();
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm run upload -- --to DIR", { timeout: 300_000 }, () => {
  it("sends the whole site the first time, and nothing when nothing changed", () => {
    const first = upload("--to", bucket());
    expect(first.status, first.stderr).toBe(0);
    expect(hashTree(bucket())).toEqual(site());
    expect(first.stdout).toBe(`Uploaded ${Object.keys(site()).length} files to ${bucket()}, deleted 0.\n`);
    const before = statTree(bucket());
    const again = upload("--to", bucket());
    expect(again.stdout).toMatch(/^Uploaded 0 files to .*, deleted 0\.\n$/);
    expect(statTree(bucket())).toEqual(before);
  });

  it("after a body edit, sends the article's page, what lists it by time (feeds, sitemaps) and the search index's changed files alone", () => {
    const file = path.join(dir, "articles/culture/2024-03-04-festival-d-avignon.md");
    writeFileSync(file, `${readFileSync(file, "utf8")}\nUne phrase ajoutée.\n`);
    build();
    const before = statTree(bucket());
    const run = upload("--to", bucket());
    expect(run.status, run.stderr).toBe(0);
    expect(hashTree(bucket())).toEqual(site());
    const sent = touched(before, statTree(bucket())).sort();
    expect(sent).toContain("culture/festival-d-avignon/index.html");
    expect(
      sent.every((name) =>
        name.endsWith("/index.html")
          ? name === "culture/festival-d-avignon/index.html"
          : /\.(xml|json)$/.test(name) || name.startsWith("recherche-index/"),
      ),
    ).toBe(true);
    // The words changed: the article's search file and some of the index's shards, not the whole index.
    const index = Object.keys(site()).filter((name) => name.startsWith("recherche-index/"));
    const indexSent = sent.filter((name) => name.startsWith("recherche-index/"));
    expect(indexSent.length).toBeGreaterThan(0);
    expect(indexSent.length).toBeLessThan(index.length);
    expect(run.stdout).toMatch(new RegExp(`^Uploaded ${sent.length} files to .*, deleted 0\\.\\n$`));
  });

  it("after a deletion, deletes the article's files and the folders they leave empty", () => {
    rmSync(path.join(dir, "articles/economie/2024-03-03-la-bourse-recule.md"));
    build();
    const run = upload("--to", bucket());
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/, deleted [1-9]\d*\.\n$/);
    expect(hashTree(bucket())).toEqual(site());
    expect(Object.keys(statTree(bucket())).some((name) => name.startsWith("economie/la-bourse-recule"))).toBe(false);
  });
});

describe("npm run upload -- --list DIR", { timeout: 300_000 }, () => {
  it("lists what to send, images before pages and feeds last, and counts nothing as sent before --confirm", () => {
    const lists = path.join(dir, "lists");
    const run = upload("--list", lists, "--place", "r2:journal");
    expect(run.status, run.stderr).toBe(0);
    const send = readFileSync(path.join(lists, "send.txt"), "utf8").trim().split("\n");
    expect(send.sort()).toEqual(Object.keys(site()).sort());
    const order = readFileSync(path.join(lists, "send.txt"), "utf8").trim().split("\n");
    const firstPage = order.findIndex((name) => name.endsWith(".html"));
    expect(order.slice(0, firstPage).every((name) => !/\.(html|xml|json)$/.test(name))).toBe(true);
    expect(order.indexOf("sitemap.xml")).toBeGreaterThan(order.lastIndexOf("culture/festival-d-avignon/index.html"));
    // Not confirmed: the same list again.
    upload("--list", lists, "--place", "r2:journal");
    expect(readFileSync(path.join(lists, "send.txt"), "utf8").trim().split("\n")).toHaveLength(send.length);
    expect(upload("--confirm", lists).status).toBe(0);
    upload("--list", lists, "--place", "r2:journal");
    expect(readFileSync(path.join(lists, "send.txt"), "utf8")).toBe("");
  });

  it("refuses a command line that says no place, or two modes", () => {
    expect(upload("--list", path.join(dir, "lists")).stderr).toContain("--list needs --place NAME");
    expect(upload("--to", bucket(), "--confirm", dir).stderr).toContain("say one of --to, --list or --confirm");
  });
});

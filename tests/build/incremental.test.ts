/**
 * Incremental production builds are byte-identical to clean builds. A copy of the project (its
 * code, templates and the newsroom fixture) goes through a sequence of every kind of edit; after
 * each one, `npm run build` over the previous output is compared, file by file, with a clean
 * build of the same sources into a fresh folder with an empty cache.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  watch,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticPhoto } from "../../scripts/bench/synthetic-photo.ts";
import { BUILD_COMMAND, type BuildRun, makeTempDir, ROOT } from "../helpers/build.ts";
import { imageFrontMatter, withFrontMatter } from "../helpers/photo-site.ts";
import { hashTree } from "../helpers/tree.ts";

let project: string;
const EPOCH = String(Date.parse("2024-03-08T12:00:00Z") / 1000);
let env: NodeJS.ProcessEnv = {};
const articles = () => path.join(project, "src/articles");
const dist = () => path.join(project, "dist");
let cleanRuns = 0;

/** Runs the copy's own build, from the copy, as `npm run build` does there. */
function build(args: string[], extraEnv: NodeJS.ProcessEnv = {}): BuildRun {
  const result = spawnSync(process.execPath, [...BUILD_COMMAND, ...args], {
    cwd: project,
    encoding: "utf8",
    env: {
      ...process.env,
      SOURCE_DATE_EPOCH: EPOCH,
      IMAGE_CACHE_DIR: path.join(ROOT, ".cache/images"),
      ...env,
      ...extraEnv,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The incremental build into dist/, then a clean one elsewhere: their trees must be the same. */
function buildAndCompare(): string {
  // The build reuses the output before last as its staging folder and shares files with the
  // current output by hard links: the current output must never be written through them.
  const before = existsSync(dist()) ? hashTree(dist()) : undefined;
  const incremental = build(["--out", dist()]);
  expect(incremental.status, incremental.stderr).toBe(0);
  if (before) expect(hashTree(`${dist()}.previous`)).toEqual(before);
  cleanRuns += 1;
  const cleanOut = path.join(project, `clean-${cleanRuns}`);
  const clean = build(["--out", cleanOut, "--clean"], { CACHE_DIR: path.join(project, `clean-cache-${cleanRuns}`) });
  expect(clean.status, clean.stderr).toBe(0);
  const files = hashTree(dist());
  expect(files).toEqual(hashTree(cleanOut));
  // The summary counts what is there, and nothing is left of a page that is gone.
  expect(/\((\d+) files\)/.exec(incremental.stdout)?.[1]).toBe(String(Object.keys(files).length));
  expect(emptyFolders(dist())).toEqual([]);
  rmSync(cleanOut, { recursive: true, force: true });
  return incremental.stdout;
}

function emptyFolders(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((entry) => statSync(path.join(dir, entry)).isDirectory())
    .filter((entry) => readdirSync(path.join(dir, entry)).length === 0);
}

const rebuilt = (summary: string) => /; rebuilt (\d+) of (\d+) pages;/.exec(summary)?.slice(1).map(Number);

function edit(file: string, change: (text: string) => string): void {
  const full = path.join(project, file);
  writeFileSync(full, change(readFileSync(full, "utf8")));
}
const setField = (field: string, value: string) => (text: string) =>
  text.replace(new RegExp(`^${field}: .*$`, "m"), `${field}: ${value}`);

const AVIGNON = "src/articles/culture/2024-03-04-festival-d-avignon.md";
const BOURSE = "src/articles/economie/2024-03-03-la-bourse-recule.md";

beforeAll(() => {
  project = makeTempDir("news-incremental-");
  for (const entry of ["scripts", "_includes", ".eleventy.js", "package.json", "package-lock.json", "tsconfig.json"]) {
    cpSync(path.join(ROOT, entry), path.join(project, entry), { recursive: true });
  }
  mkdirSync(path.join(project, "src"));
  for (const entry of readdirSync(path.join(ROOT, "src"))) {
    if (entry !== "articles")
      cpSync(path.join(ROOT, "src", entry), path.join(project, "src", entry), { recursive: true });
  }
  cpSync(path.join(ROOT, "tests/fixtures/newsroom/articles"), articles(), { recursive: true });
  cpSync(path.join(ROOT, "tests/fixtures/newsroom/data"), path.join(project, "_data"), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
});
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe("an incremental build over every kind of edit", () => {
  it("renders every page the first time, and none when nothing changed", () => {
    expect(buildAndCompare()).toMatch(/; rendered all \d+ pages \(no manifest of a previous build\);/);
    expect(rebuilt(buildAndCompare())?.[0]).toBe(0);
  });

  it("after a body edit, renders that article's page alone", () => {
    edit(AVIGNON, (text) => `${text}\nUne phrase ajoutée au corps.\n`);
    expect(rebuilt(buildAndCompare())?.[0]).toBe(1);
  });

  it("after a headline, a standfirst, a time or tags change, renders the pages that show it", () => {
    edit(AVIGNON, setField("title", '"Le Festival d’Avignon ouvre ses portes"'));
    const [headline = 0, total = 0] = rebuilt(buildAndCompare()) ?? [];
    expect(headline).toBeGreaterThan(1);
    expect(headline).toBeLessThan(total);
    edit(AVIGNON, setField("standfirst", "Un autre chapô."));
    buildAndCompare();
    edit(AVIGNON, setField("date", "2024-03-04T21:30:00+01:00"));
    buildAndCompare();
    edit(AVIGNON, setField("tags", "[Théâtre, Festivals]"));
    buildAndCompare();
  });

  it("after a section move, a new article, a deletion and a draft turned on and off", () => {
    const moved = "src/articles/economie/2024-03-04-festival-d-avignon.md";
    renameSync(path.join(project, AVIGNON), path.join(project, moved));
    edit(moved, setField("section", "economie"));
    buildAndCompare();
    writeFileSync(
      path.join(articles(), "international/2024-03-07-nouvel-article.md"),
      [
        "---",
        'title: "Un nouvel article"',
        "standfirst: Un chapô.",
        "date: 2024-03-07T08:00:00+01:00",
        "section: international",
        "author: La Rédaction",
        "tags: [Diplomatie]",
        "---",
        "",
        "Le texte.",
        "",
      ].join("\n"),
    );
    buildAndCompare();
    rmSync(path.join(project, moved));
    buildAndCompare();
    edit(BOURSE, (text) => text.replace(/^---\n/, "---\ndraft: true\n"));
    buildAndCompare();
    edit(BOURSE, (text) => text.replace("draft: true\n", ""));
    buildAndCompare();
  });

  it("after a lead photo is added, its file replaced, its caption edited, and removed", async () => {
    const photo = path.join(articles(), "economie/2024-03-03-bourse.jpg");
    writeFileSync(photo, await syntheticPhoto(31, 1600, 1067));
    edit(BOURSE, (text) => withFrontMatter(text, imageFrontMatter("2024-03-03-bourse.jpg")));
    expect(rebuilt(buildAndCompare())?.[0]).toBeGreaterThan(0);
    // Same name, other pixels: the pages may stay, the published photo files may not.
    writeFileSync(photo, await syntheticPhoto(32, 1600, 1067));
    buildAndCompare();
    // Other dimensions: every <img> that shows it has another width and height.
    writeFileSync(photo, await syntheticPhoto(33, 1800, 1200));
    buildAndCompare();
    edit(BOURSE, (text) => text.replace(/^ {2}caption: .*$/m, '  caption: "Une autre légende."'));
    buildAndCompare();
    edit(BOURSE, (text) => text.replace(/^image:\n(?: {2}.*\n)+/m, ""));
    rmSync(photo);
    buildAndCompare();
  });

  it("after a template, the stylesheet, the publisher's metadata or the settings change, renders every page", () => {
    edit("_includes/partials/footer.njk", (text) => text.replace("</footer>", "<p>Mention ajoutée.</p></footer>"));
    expect(buildAndCompare()).toMatch(/; rendered all \d+ pages \(the code, templates, data or environment changed/);
    edit("_includes/css/site.css", (text) => `${text}\n.appeal { border-width: 3px; }\n`);
    buildAndCompare();
    edit("_data/publisher.yaml", setField("description", "Une autre description du journal."));
    // Every page shows the publisher's description (the footer): every page again.
    const [all = 0, total = -1] = rebuilt(buildAndCompare()) ?? [];
    expect(all).toBe(total);
    edit("_data/settings.yaml", setField("homeArticleCount", "2"));
    buildAndCompare();
  });

  it("after SITE_URL changes, or the build time moves articles out of the news sitemap's window", () => {
    env = { SITE_URL: "https://autre.example" };
    expect(buildAndCompare()).toMatch(/; rendered all/);
    expect(existsSync(path.join(dist(), "sitemap-news.xml"))).toBe(true);
    env = { SITE_URL: "https://autre.example", SOURCE_DATE_EPOCH: String(Number(EPOCH) + 10 * 24 * 3600) };
    buildAndCompare();
    expect(existsSync(path.join(dist(), "sitemap-news.xml"))).toBe(false);
  });
});

describe("an incremental build that cannot trust what it finds", () => {
  it("renders everything when the manifest is truncated, or describes a file that was changed by hand", () => {
    const manifests = path.join(project, ".cache/builds");
    // Beside each manifest (<hash>.json) are the records of the copies placed (<hash>.cards.json…).
    const [manifest = ""] = readdirSync(manifests).filter((name) => /^[0-9a-f]{16}\.json$/.test(name));
    const file = path.join(manifests, manifest);
    writeFileSync(file, readFileSync(file, "utf8").slice(0, 100));
    expect(buildAndCompare()).toMatch(/; rendered all \d+ pages \(the previous build's manifest is unreadable\);/);
    // Same size, other bytes: a page edited in place.
    const page = path.join(dist(), "culture/un-roman-prime/index.html");
    writeFileSync(page, readFileSync(page, "utf8").replace("<title>", "<tItle>"));
    expect(buildAndCompare()).toMatch(
      /; rendered all \d+ pages \(culture\/un-roman-prime\/index\.html in the previous output is not what the manifest describes\);/,
    );
  });

  it("ignores a foreign body or a damaged index in the content cache and parses the articles again", () => {
    const cacheRoot = path.join(project, ".cache/content");
    const folders = readdirSync(cacheRoot).map((version) => path.join(cacheRoot, version));
    // Each body under another article's name: found out when read (a feed reads every body), and made again.
    for (const folder of folders) {
      const bodies = readdirSync(path.join(folder, "bodies"));
      const texts = bodies.map((body) => readFileSync(path.join(folder, "bodies", body)));
      for (const [index, body] of bodies.entries()) {
        writeFileSync(path.join(folder, "bodies", body), texts[(index + 1) % texts.length] ?? "");
      }
    }
    edit(BOURSE, (text) => `${text}\nEncore une phrase.\n`);
    buildAndCompare();
    for (const folder of folders) {
      for (const index of readdirSync(folder).filter((name) => name.startsWith("index-"))) {
        writeFileSync(path.join(folder, index), "tronqué");
      }
    }
    edit(BOURSE, (text) => `${text}\nEt une autre.\n`);
    buildAndCompare();
  });

  it("leaves the output as it was when killed half way, and the next build is right", async () => {
    edit(BOURSE, (text) => `${text}\nUne phrase de plus.\n`);
    const before = hashTree(dist());
    // Killed the moment it creates its staging folder (a watcher reacts within a millisecond;
    // the build then still has pages to write, links to make and the swap to do).
    let killed = false;
    const watcher = watch(project, (_event, name) => {
      if (!killed && String(name).startsWith("dist.staging-")) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    const child = spawn(process.execPath, [...BUILD_COMMAND, "--quiet", "--out", dist()], {
      cwd: project,
      env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, IMAGE_CACHE_DIR: path.join(ROOT, ".cache/images"), ...env },
      stdio: "ignore",
    });
    const signal = await new Promise((resolve) => child.once("close", (_code, signal) => resolve(signal)));
    watcher.close();
    expect(signal).toBe("SIGKILL");
    expect(hashTree(dist())).toEqual(before);
    buildAndCompare();
  });
});

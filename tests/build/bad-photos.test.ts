/**
 * Editors' mistakes with photos: every class of bad photo in one build, each reported on one line
 * naming the article, the field, what was found and what was expected, all in one run; and a
 * photo that cannot be decoded, found only when it is made, leaves the previous dist/ as it was.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shownPath } from "../../scripts/text/shown-path.ts";
import { makeTempDir, ROOT } from "../helpers/build.ts";
import { jpegClaiming, photoBytes, pngClaiming, writePhoto, writeText } from "../helpers/photo-files.ts";
import { imageFrontMatter, withFrontMatter } from "../helpers/photo-site.ts";
import { runBuildAsync } from "../helpers/spawn-build.ts";
import { hashTree } from "../helpers/tree.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");

let dir: string;
beforeAll(() => {
  dir = makeTempDir("news-bad-photos-");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the newsroom in `name`/, with `edits` applied to its articles (paths relative to articles/). */
function newsroom(name: string): { root: string; article: (file: string) => string } {
  const root = path.join(dir, name);
  cpSync(FIXTURE, root, { recursive: true });
  return { root, article: (file) => path.join(root, "articles", file) };
}

function addImage(file: string, lines: string[]): void {
  writeFileSync(file, withFrontMatter(readFileSync(file, "utf8"), lines));
}

const args = (root: string, out: string) => [
  "--out",
  out,
  "--articles",
  path.join(root, "articles"),
  "--data",
  path.join(root, "data"),
];

describe("bad photos", () => {
  it("are all reported in one run, one line each, and nothing is published", async () => {
    const { root, article } = newsroom("all");
    const geneve = article("international/2024-03-01-sommet-a-geneve.md");
    const bresil = article("international/2024-03-05-elections-au-bresil.md");
    const bourse = article("economie/2024-03-03-la-bourse-recule.md");
    const inflation = article("economie/2024-03-06-inflation-en-baisse.md");
    const roman = article("culture/2024-03-02-un-roman-prime.md");
    const avignon = article("culture/2024-03-04-festival-d-avignon.md");
    addImage(geneve, imageFrontMatter("absente.jpg"));
    writeFileSync(geneve, `${readFileSync(geneve, "utf8")}\n![Un schéma](schema.svg)\nPhoto : AFP\n`);
    const svgLine = readFileSync(geneve, "utf8").split("\n").indexOf("![Un schéma](schema.svg)") + 1;
    writeText(
      article("international/schema.svg"),
      '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"/>',
    );
    await writePhoto(article("international/bresil.jpg"), 1600, 1000);
    addImage(bresil, ["image:", "  src: bresil.jpg", "  credit: AFP"]);
    await writePhoto(article("economie/bourse.gif"), 1600, 1000, { format: "gif" });
    addImage(bourse, imageFrontMatter("bourse.gif"));
    await writePhoto(article("economie/inflation.jpg"), 800, 600);
    addImage(inflation, imageFrontMatter("inflation.jpg"));
    writeText(article("culture/roman.jpg"), "");
    truncateSync(article("culture/roman.jpg"), 30 * 1024 * 1024);
    addImage(roman, imageFrontMatter("roman.jpg"));
    writeFileSync(article("culture/avignon.png"), pngClaiming(20_000, 20_000));
    addImage(avignon, imageFrontMatter("avignon.png"));

    const out = path.join(root, "dist");
    const run = await runBuildAsync(args(root, out));
    const shown = (file: string) => shownPath(file, ROOT);
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n").filter((line) => line !== "")).toEqual([
      "Build failed: 7 problem(s). Nothing was published.",
      `${shown(roman)}: image.src: "roman.jpg" weighs 30.0 MB; expected at most 25.0 MB (export it smaller)`,
      `${shown(avignon)}: image.src: "avignon.png" is 20000 × 20000 px (400.0 megapixels); expected at most 50 megapixels`,
      `${shown(bourse)}: image.src: "bourse.gif" is a GIF; expected a JPEG, PNG, WebP or AVIF photo`,
      `${shown(inflation)}: image.src: "inflation.jpg" is 800 px wide; expected a lead photo at least 1200 px wide`,
      `${shown(geneve)}: image.src: "absente.jpg" is not there; expected a photo file at ${shown(article("international/absente.jpg"))}`,
      `${shown(geneve)}: body: line ${svgLine}: "schema.svg" is an SVG drawing, not a photo; expected a JPEG, PNG, WebP or AVIF photo`,
      `${shown(bresil)}: image.alt: is missing; expected a description of the photo for readers who cannot see it ("" for a decorative photo)`,
    ]);
    expect(readdirSync(root).sort()).toEqual(["articles", "data"]);
  });

  it("that cannot be decoded leave the previous dist/ as it was, with no staging folder", async () => {
    const { root, article } = newsroom("broken");
    const geneve = article("international/2024-03-01-sommet-a-geneve.md");
    const photo = article("international/geneve.jpg");
    await writePhoto(photo, 1600, 1000, { seed: 8 });
    addImage(geneve, imageFrontMatter("geneve.jpg"));
    const out = path.join(root, "dist");
    const cache = { IMAGE_CACHE_DIR: path.join(root, "cache") };
    expect((await runBuildAsync(["--quiet", ...args(root, out)], cache)).status).toBe(0);
    const published = hashTree(out);
    expect(Object.keys(published)).toContain("photos/international/geneve-1200.avif");

    // The header still says 1600×1000; the pixels stop halfway (a copy cut short).
    const bytes = await photoBytes(1600, 1000, { seed: 9 });
    writeFileSync(photo, bytes.subarray(0, bytes.length / 2));
    const run = await runBuildAsync(args(root, out), cache);
    expect(run.status).toBe(1);
    const lines = run.stderr.split("\n").filter((line) => line !== "");
    expect(lines[0]).toBe("Build failed: 1 problem(s). Nothing was published.");
    expect(lines[1]).toMatch(
      new RegExp(
        `^${shownPath(geneve, ROOT).replace(/[.]/g, "\\.")}: image\\.src: .*geneve\\.jpg: its data ends before the 1600 × 1000 px its header announces \\(.+\\); expected a complete JPEG, PNG, WebP or AVIF photo, exported again$`,
      ),
    );
    expect(lines).toHaveLength(2);
    expect(hashTree(out)).toEqual(published);
    // The failed build's staging folder is kept as the output before last, for the next build to reuse.
    expect(readdirSync(root).sort()).toEqual(["articles", "cache", "data", "dist", "dist.previous"]);
  });

  it("whose header says more than their data are refused, not published as a grey square", async () => {
    const { root, article } = newsroom("lying");
    const geneve = article("international/2024-03-01-sommet-a-geneve.md");
    const photo = article("international/geneve.jpg");
    mkdirSync(path.dirname(photo), { recursive: true });
    writeFileSync(photo, await jpegClaiming(7000, { width: 1200, height: 800 }));
    addImage(geneve, imageFrontMatter("geneve.jpg"));
    const run = await runBuildAsync(args(root, path.join(root, "dist")), { IMAGE_CACHE_DIR: path.join(root, "cache") });
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n").filter((line) => line !== "")).toEqual([
      "Build failed: 1 problem(s). Nothing was published.",
      expect.stringMatching(
        new RegExp(
          `^${shownPath(geneve, ROOT).replace(/[.]/g, "\\.")}: image\\.src: .*geneve\\.jpg: its data ends before the 7000 × 7000 px its header announces`,
        ),
      ),
    ]);
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  });
});

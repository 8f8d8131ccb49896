/**
 * Pages are written minified by the templates themselves (scripts/eleventy/line-breaks-between-tags.ts
 * and the compact Markdown renderer), not minified one by one after the build. This holds them
 * to html-minifier-terser with the options we would minify with: it must find nothing to remove,
 * on the real site and on a synthetic newsroom with every kind of page and body.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCorpus, toSiteSource } from "../../scripts/bench/synthetic-corpus.ts";
import { type BuiltSite, buildSite, makeTempDir, ROOT } from "../helpers/build.ts";
import { minifyHtml } from "../helpers/minify-html.ts";

let seed: BuiltSite;
let synthetic: BuiltSite;
beforeAll(() => {
  seed = buildSite();
  const dir = makeTempDir("minified-");
  cpSync(path.join(ROOT, "_data"), path.join(dir, "data"), { recursive: true });
  for (const file of generateCorpus(60).map(toSiteSource)) {
    mkdirSync(path.dirname(path.join(dir, "articles", file.path)), { recursive: true });
    writeFileSync(path.join(dir, "articles", file.path), file.text);
  }
  synthetic = buildSite({ articles: path.join(dir, "articles"), data: path.join(dir, "data") });
});
afterAll(() => {
  seed?.cleanup();
  synthetic?.cleanup();
});

/** Every HTML page whose minified form differs, with the first difference in context. */
async function notMinified(outDir: string): Promise<{ page: string; ours: string; minified: string }[]> {
  const pages = readdirSync(outDir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html"));
  expect(pages.length).toBeGreaterThan(5);
  const found = [];
  for (const page of pages) {
    const html = readFileSync(path.join(outDir, page), "utf8");
    const minified = await minifyHtml(html);
    if (minified === html) continue;
    let at = 0;
    while (html[at] === minified[at]) at += 1;
    found.push({
      page,
      ours: html.slice(Math.max(0, at - 60), at + 60),
      minified: minified.slice(Math.max(0, at - 60), at + 60),
    });
  }
  return found;
}

describe("pages written minified", () => {
  it("leaves html-minifier-terser nothing to remove on the site", async () => {
    expect(await notMinified(seed.outDir)).toEqual([]);
  });

  it("leaves it nothing to remove on a newsroom of every page type, quotes, subheadings and lists", async () => {
    expect(await notMinified(synthetic.outDir)).toEqual([]);
  });
});

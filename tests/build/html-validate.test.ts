/**
 * Every page of the built site is valid HTML by html-validate (settings in .htmlvalidate.mjs):
 * the real site, and the synthetic newsroom for what the real site has no example of (authors
 * with links, a corrected article, lists over several pages).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { FileSystemConfigLoader, formatterFactory, HtmlValidate } from "html-validate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BuiltSite, buildSite, ROOT } from "../helpers/build.ts";

const NEWSROOM = path.join(ROOT, "tests/fixtures/newsroom");
let site: BuiltSite;
let newsroom: BuiltSite;
beforeAll(() => {
  site = buildSite();
  newsroom = buildSite({ articles: path.join(NEWSROOM, "articles"), data: path.join(NEWSROOM, "data") });
});
afterAll(() => {
  site?.cleanup();
  newsroom?.cleanup();
});

async function problems(outDir: string, atLeast: number): Promise<string> {
  // The build lives in a temp folder, outside the project: point at the project's settings.
  const validator = new HtmlValidate(new FileSystemConfigLoader({ extends: [path.join(ROOT, ".htmlvalidate.mjs")] }));
  const pages = readdirSync(outDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => path.join(outDir, file));
  expect(pages.length).toBeGreaterThanOrEqual(atLeast);
  const results = [];
  for (const page of pages) results.push(...(await validator.validateFile(page)).results);
  return formatterFactory("text")(results);
}

it("every page in dist/ is valid HTML", async () => {
  expect(await problems(site.outDir, 4)).toBe("");
});

it("every page of the synthetic newsroom is valid HTML", async () => {
  expect(await problems(newsroom.outDir, 20)).toBe("");
});

/** Every page of the built site is valid HTML by html-validate (settings in .htmlvalidate.mjs). */
import { readdirSync } from "node:fs";
import path from "node:path";
import { FileSystemConfigLoader, formatterFactory, HtmlValidate } from "html-validate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BuiltSite, buildSite, ROOT } from "../helpers/build.ts";

let site: BuiltSite;
beforeAll(() => {
  site = buildSite();
});
afterAll(() => site?.cleanup());

it("every page in dist/ is valid HTML", async () => {
  // The build lives in a temp folder, outside the project: point at the project's settings.
  const validator = new HtmlValidate(new FileSystemConfigLoader({ extends: [path.join(ROOT, ".htmlvalidate.mjs")] }));
  const pages = readdirSync(site.outDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => path.join(site.outDir, file));
  expect(pages.length).toBeGreaterThanOrEqual(4);
  const results = [];
  for (const page of pages) results.push(...(await validator.validateFile(page)).results);
  expect(formatterFactory("text")(results)).toBe("");
});

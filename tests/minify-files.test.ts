import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { minifyFilesInPlace } from "../scripts/minify-files.ts";
import { makeTempDir } from "./helpers/build.ts";

const dir = makeTempDir("minify-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const page = (n: number) => `<!doctype html>\n<html lang="fr">\n  <body>\n    <!-- note -->\n    <p>Page   ${n}</p>\n  </body>\n</html>\n`;

describe("minifyFilesInPlace", () => {
  it.each([
    ["on the main thread for a few pages", 3],
    ["in worker threads for many pages", 450],
  ])("minifies every file %s", async (_, count) => {
    const files = Array.from({ length: count }, (_, n) => path.join(dir, `${count}-${n}.html`));
    files.forEach((file, n) => writeFileSync(file, page(n)));
    await minifyFilesInPlace(files, 2);
    files.forEach((file, n) => expect(readFileSync(file, "utf8")).toBe(`<!doctype html><html lang="fr"><body><p>Page ${n}</p></body></html>`));
  });
});

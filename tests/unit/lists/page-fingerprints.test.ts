import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContentWithKeys } from "../../../scripts/lists/content.ts";
import { pageFingerprints } from "../../../scripts/lists/page-fingerprints.ts";
import { ROOT, useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("fingerprints-");
const SOMMET = "articles/international/2024-03-01-sommet-a-geneve.md";

function prints() {
  const { content, articleKeys } = loadContentWithKeys({
    articlesDir: path.join(tempDir(), "articles"),
    dataDir: path.join(tempDir(), "data"),
  });
  return new Map([...pageFingerprints(content, articleKeys).values()].map((page) => [page.url, page.fingerprint]));
}
function edit(file: string, change: (text: string) => string) {
  const full = path.join(tempDir(), file);
  writeFileSync(full, change(readFileSync(full, "utf8")));
}
const changed = (before: Map<string, string>, after: Map<string, string>) =>
  [...after].filter(([url, print]) => before.get(url) !== print).map(([url]) => url);

describe("pageFingerprints", () => {
  it("gives every page of the content one, the same for the same sources", () => {
    cpSync(path.join(ROOT, "tests/fixtures/newsroom"), tempDir(), { recursive: true });
    const first = prints();
    expect([...first.keys()]).toEqual(
      expect.arrayContaining([
        "/",
        "/international/",
        "/international/sommet-a-geneve/",
        "/sujets/diplomatie/",
        "/archives/2024/03/",
      ]),
    );
    expect(prints()).toEqual(first);
  });

  it("changes only the article's own page after a body edit", () => {
    cpSync(path.join(ROOT, "tests/fixtures/newsroom"), tempDir(), { recursive: true });
    const before = prints();
    edit(SOMMET, (text) => `${text}\nUne phrase de plus.\n`);
    expect(changed(before, prints())).toEqual(["/international/sommet-a-geneve/"]);
  });

  it("changes the pages that list an article after its headline changes, not the others", () => {
    cpSync(path.join(ROOT, "tests/fixtures/newsroom"), tempDir(), { recursive: true });
    const before = prints();
    edit(SOMMET, (text) => text.replace(/^title: .*$/m, 'title: "Un autre titre"'));
    const after = prints();
    const pages = changed(before, after);
    expect(pages).toEqual(
      expect.arrayContaining(["/international/sommet-a-geneve/", "/international/", "/archives/2024/03/"]),
    );
    expect(pages.length).toBeLessThan(after.size);
  });
});

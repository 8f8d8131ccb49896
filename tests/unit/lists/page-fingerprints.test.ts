import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { loadContentWithKeys } from "../../../scripts/lists/content.ts";
import { pageFingerprints } from "../../../scripts/lists/page-fingerprints.ts";
import { ROOT, useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("fingerprints-");
const SOMMET = "articles/international/2024-03-01-sommet-a-geneve.md";
const GREVE = "articles/economie/2024-03-05-greve-en-direct.md";

function prints(buildTime?: DateTime) {
  const { content, articleKeys } = loadContentWithKeys(
    { articlesDir: path.join(tempDir(), "articles"), dataDir: path.join(tempDir(), "data") },
    { buildTime },
  );
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

  it("changes only live coverage's own page after an update is added", () => {
    cpSync(path.join(ROOT, "tests/fixtures/newsroom"), tempDir(), { recursive: true });
    const before = prints();
    edit(GREVE, (text) =>
      text.replace("## 2024-03-05T12:40:00+01:00", "## 2024-03-05T12:50:00+01:00 — Une de plus\n\nTexte.\n\n$&"),
    );
    expect(changed(before, prints())).toEqual(["/economie/greve-en-direct/"]);
  });

  it("changes the pages that show live coverage's label when the build time passes its planned end", () => {
    cpSync(path.join(ROOT, "tests/fixtures/newsroom"), tempDir(), { recursive: true });
    // After the newsroom's last correction (2024-03-07): no date of an article's history may be after the build.
    edit(GREVE, (text) => text.replace("  start: 2024-03-05T07:30:00+01:00\n", "$&  end: 2024-03-08T18:00:00+01:00\n"));
    const running = prints(DateTime.fromISO("2024-03-08T16:59:00Z"));
    const ended = prints(DateTime.fromISO("2024-03-08T17:00:00Z"));
    expect(changed(running, ended)).toEqual(
      expect.arrayContaining(["/economie/greve-en-direct/", "/economie/", "/", "/sujets/greve/"]),
    );
    // Later, the same articles published: the same prints.
    expect(prints(DateTime.fromISO("2024-03-08T17:10:00Z"))).toEqual(ended);
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

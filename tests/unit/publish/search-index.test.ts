import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SearchEngine } from "../../../scripts/browser/search-engine.ts";
import { type Article, articlePrints } from "../../../scripts/input/article.ts";
import { writeSearchIndex } from "../../../scripts/publish/search-index.ts";
import { makeArticle, publisher } from "../../helpers/articles.ts";
import { useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("search-index-");

const articles = [
  makeArticle({ slug: "sommet", title: "Sommet à Genève", date: "2023-04-18T14:05:00+02:00" }),
  makeArticle({ slug: "militaires", title: "Les militaires en exercice", date: "2024-01-05T09:00:00+01:00" }),
  makeArticle({ section: "economie", slug: "bourse", title: "La Bourse recule", date: "2024-02-01T09:00:00+01:00" }),
];

const write = (dir: string, list: readonly Article[], options: { cacheDir?: string; enabled?: boolean } = {}) =>
  writeSearchIndex({
    outDir: dir,
    cacheDir: options.cacheDir ?? path.join(dir, "..", "cache"),
    code: "test",
    articlesDir: path.join(dir, "..", "articles"),
    articles: list,
    sections: publisher.sections,
    articleKeys: new Map(list.map((article) => [article.url, articlePrints(article)])),
    enabled: options.enabled ?? true,
  });

/** Every file below the search folder with its bytes, base64. */
const tree = (dir: string) =>
  Object.fromEntries(
    readdirSync(path.join(dir, "recherche-index"), { recursive: true, encoding: "utf8" })
      .filter((file) => statSync(path.join(dir, "recherche-index", file)).isFile())
      .sort()
      .map((file) => [file, readFileSync(path.join(dir, "recherche-index", file)).toString("base64")]),
  );

const engineOf = (dir: string) =>
  SearchEngine.open(async (file) => new Uint8Array(gunzipSync(readFileSync(path.join(dir, "recherche-index", file)))));

describe("writeSearchIndex", () => {
  it("writes an index the search page's engine reads: articles numbered oldest first, sections and years", async () => {
    const out = path.join(tempDir(), "out");
    const result = await write(out, articles);
    expect(result).toMatchObject({ documents: 3, made: 3 });
    const engine = await engineOf(out);
    expect(engine.manifest.years).toEqual([
      ["2023", 0],
      ["2024", 1],
    ]);
    expect(engine.manifest.documentSections).toBe("001");
    const [hit] = await engine.search("militaire");
    expect(hit?.number).toBe(1);
    expect((await engine.document(1)).title).toBe("Les militaires en exercice");
    expect(readFileSync(path.join(out, "recherche-index/recherche.js"), "utf8")).toMatch(/^\/\* Recherche\./);
  });

  it("writes the same bytes again from its cache, reading no article, and the same as with no cache", async () => {
    const dir = tempDir();
    await write(path.join(dir, "a"), articles);
    const again = await write(path.join(dir, "b"), articles);
    expect(again.made).toBe(0);
    await write(path.join(dir, "c"), articles, { cacheDir: path.join(dir, "other-cache") });
    expect(tree(path.join(dir, "b"))).toEqual(tree(path.join(dir, "a")));
    expect(tree(path.join(dir, "c"))).toEqual(tree(path.join(dir, "a")));
  });

  it("after an edit, remakes that article's record only, into the folder it wrote before, as a clean write would", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out");
    await write(out, articles);
    const edited = [
      articles[0] as Article,
      // « Genève » is another article's word already: its shard keeps its stems, not its postings.
      makeArticle({
        slug: "militaires",
        title: "Les militaires de Genève en manœuvre",
        date: "2024-01-05T09:00:00+01:00",
      }),
      articles[2] as Article,
    ];
    const result = await write(out, edited);
    expect(result.made).toBe(1);
    await write(path.join(dir, "clean"), edited, { cacheDir: path.join(dir, "clean-cache") });
    expect(tree(out)).toEqual(tree(path.join(dir, "clean")));
    const engine = await engineOf(out);
    expect((await engine.search("manoeuvre")).map((hit) => hit.number)).toEqual([1]);
    expect((await engine.search("genève")).map((hit) => hit.number).sort()).toEqual([0, 1]);
    expect(await engine.search("exercice")).toEqual([]);
  });

  it("replaces a file of the output that is not the stored one, and survives a damaged or emptied cache", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out");
    await write(out, articles);
    const expected = tree(out);
    writeFileSync(path.join(out, "recherche-index/documents/1.bin"), "altéré");
    writeFileSync(path.join(out, "recherche-index/extra.bin"), "de trop");
    const stateFolder = path.join(dir, "cache/search/test");
    for (const file of readdirSync(stateFolder)) writeFileSync(path.join(stateFolder, file), "abîmé");
    await write(out, articles);
    expect(tree(out)).toEqual(expected);
    rmSync(path.join(dir, "cache/search/files"), { recursive: true });
    await write(out, articles);
    expect(tree(out)).toEqual(expected);
  });

  it("removes the index when search is off", async () => {
    const out = path.join(tempDir(), "out");
    await write(out, articles);
    expect(await write(out, articles, { enabled: false })).toEqual({ files: 0, documents: 0, made: 0 });
    expect(() => statSync(path.join(out, "recherche-index"))).toThrow();
  });
});

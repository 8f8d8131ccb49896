import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LoadedContent, loadContentWithKeys } from "../../../scripts/lists/content.ts";
import { LIST_KINDS } from "../../../scripts/lists/listings.ts";
import { pageFingerprints } from "../../../scripts/lists/page-fingerprints.ts";
import {
  allPages,
  changedFiles,
  changedPages,
  type PagesToRender,
  PreviewRenders,
} from "../../../scripts/lists/pages-to-render.ts";
import { makeTrustPage } from "../../helpers/articles.ts";
import { makeTempDir, ROOT } from "../../helpers/build.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
const SOMMET = "international/2024-03-01-sommet-a-geneve.md";

let dir: string;
const load = (): LoadedContent =>
  loadContentWithKeys(
    { articlesDir: path.join(dir, "articles"), dataDir: path.join(dir, "data") },
    { includeDrafts: true },
  );
/** The pages to render after `before`, as an incremental build decides from fingerprints. */
function pagesToRender(before: LoadedContent | undefined, after: LoadedContent): PagesToRender {
  if (!before) return allPages(after.content);
  const previous = new Map(
    [...pageFingerprints(before.content, before.articleKeys).values()].map((p) => [p.url, p.fingerprint]),
  );
  return changedPages(pageFingerprints(after.content, after.articleKeys), previous);
}
function edit(file: string, change: (text: string) => string): void {
  const full = path.join(dir, "articles", file);
  writeFileSync(full, change(readFileSync(full, "utf8")));
}
const urls = (pages: PagesToRender) => ({
  articles: pages.articles.map((article) => article.url),
  lists: LIST_KINDS.flatMap((kind) => pages.lists[kind].map((page) => page.url)),
});

beforeEach(() => {
  dir = makeTempDir("news-pages-to-render-");
  cpSync(FIXTURE, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("pagesToRender", () => {
  it("renders every page the first time", () => {
    const { content } = load();
    const pages = pagesToRender(undefined, load());
    expect(pages.everything).toBe(true);
    expect(pages.articles).toEqual(content.articles);
    for (const kind of LIST_KINDS) expect(pages.lists[kind]).toEqual(content[kind]);
  });

  it("after a body-only edit, renders that article's page and nothing else", () => {
    const before = load();
    edit(SOMMET, (text) => `${text}\nUne phrase ajoutée.\n`);
    const after = load();
    const pages = pagesToRender(before, after);
    expect(pages.everything).toBe(false);
    expect(urls(pages)).toEqual({ articles: ["/international/sommet-a-geneve/"], lists: [] });
    expect(pages.articles[0]?.bodyHtml).toContain("Une phrase ajoutée.");
  });

  it("after an author's name changes, renders what shows their articles, not every page", () => {
    const before = load();
    const authors = path.join(dir, "data", "authors.yaml");
    writeFileSync(authors, readFileSync(authors, "utf8").replace("name: Jean Dupont", "name: Jean Dupond"));
    const pages = pagesToRender(before, load());
    expect(pages.everything).toBe(false);
    const { articles, lists } = urls(pages);
    expect(articles).toEqual(
      expect.arrayContaining(["/economie/la-bourse-recule/", "/international/sommet-a-geneve/"]),
    );
    expect(lists).toContain("/auteurs/jean-dupont/");
    expect(lists).not.toContain("/culture/");
    expect(articles).not.toContain("/culture/un-roman-prime/");
  });

  it("renders every page when a page about the publisher is renamed: the footer of every page links it", () => {
    const before = load();
    const loaded = load();
    const content = {
      ...loaded.content,
      newsroom: { ...loaded.content.newsroom, pages: [makeTrustPage({ title: "Nous écrire" })] },
    };
    expect(pagesToRender(before, { ...loaded, content }).kept).toEqual([]);
  });

  it("renders nothing when nothing changed, even if a file was saved again unchanged", () => {
    const before = load();
    edit(SOMMET, (text) => `${text}\n`);
    edit(SOMMET, (text) => text.slice(0, -1));
    expect(urls(pagesToRender(before, load()))).toEqual({ articles: [], lists: [] });
  });

  it("after a headline edit, renders the article, the lists naming it and the articles recommending it", () => {
    const before = load();
    edit(SOMMET, (text) => text.replace(/^title: .*$/m, 'title: "Sommet à Genève : accord trouvé"'));
    const loaded = load();
    const after = loaded.content;
    const pages = pagesToRender(before, loaded);
    expect(pages.everything).toBe(false);
    const { articles, lists } = urls(pages);
    expect(articles).toContain("/international/sommet-a-geneve/");
    // Every article whose « À lire aussi » names it, and no other.
    const recommending = after.articles.filter((a) =>
      after.related[a.url]?.some((r) => r.url === "/international/sommet-a-geneve/"),
    );
    expect(recommending.length).toBeGreaterThan(0);
    expect(articles.sort()).toEqual(["/international/sommet-a-geneve/", ...recommending.map((a) => a.url)].sort());
    // Every list page that shows it, and no other.
    const listing = LIST_KINDS.flatMap((kind) => after[kind]).filter((page) =>
      page.items.some((item) => item.url === "/international/sommet-a-geneve/"),
    );
    expect(lists.sort()).toEqual(listing.map((page) => page.url).sort());
    // Its authors' pages among them.
    expect(lists).toEqual(expect.arrayContaining(["/auteurs/claire-martin/", "/auteurs/jean-dupont/"]));
    // The oldest article: on the home page's second page.
    expect(lists).toEqual(
      expect.arrayContaining(["/page/2/", "/international/", "/sujets/diplomatie/", "/archives/2024/03/"]),
    );
  });

  it("when an article comes, renders its page and the lists that show it, and keeps the others", () => {
    const before = load();
    const copy = "articles/international/2024-03-01-sommet-bis.md";
    cpSync(path.join(dir, "articles", SOMMET), path.join(dir, copy));
    writeFileSync(
      path.join(dir, copy),
      readFileSync(path.join(dir, copy), "utf8").replace(/^title: .*$/m, 'title: "Sommet bis"'),
    );
    const pages = pagesToRender(before, load());
    expect(pages.everything).toBe(false);
    const { articles, lists } = urls(pages);
    expect(articles).toContain("/international/sommet-bis/");
    expect(lists).toContain("/"); // the home page's first page counts each section's articles
    expect(pages.kept.length).toBeGreaterThan(0);
  });

  it("renders every page when the site's navigation changes", () => {
    const before = load();
    const publisherFile = path.join(dir, "data/publisher.yaml");
    writeFileSync(publisherFile, readFileSync(publisherFile, "utf8").replace(/^name: .*$/m, "name: Un autre nom"));
    expect(pagesToRender(before, load()).kept).toEqual([]);
  });
});

describe("PreviewRenders", () => {
  const feed = (body: string) => [
    { path: "/feed.xml", body },
    { path: "/robots.txt", body: "User-agent: *" },
  ];

  it("writes only the generated files whose text changed since the last finished build", () => {
    const renders = new PreviewRenders();
    const { content, articleKeys } = load();
    renders.plan(content, articleKeys, false);
    expect(renders.files(feed("a"))).toHaveLength(2);
    renders.written([]);
    renders.plan(content, articleKeys, false);
    expect(renders.files(feed("b"))).toEqual([{ path: "/feed.xml", body: "b" }]);
    // That build failed: the next one compares with what is on disk, which is still "a".
    renders.plan(content, articleKeys, false);
    expect(renders.files(feed("b"))).toEqual([{ path: "/feed.xml", body: "b" }]);
    renders.written([]);
    renders.plan(content, articleKeys, false);
    expect(renders.files(feed("b"))).toEqual([]);
  });

  it("renders every page and file when asked to, and compares a failed build's content with the last good one", () => {
    const renders = new PreviewRenders();
    const first = load();
    renders.plan(first.content, first.articleKeys, false);
    renders.written([]);
    expect(renders.plan(first.content, first.articleKeys, true).everything).toBe(true);
    expect(renders.files(feed("a"))).toHaveLength(2);
    renders.written([]);

    edit(SOMMET, (text) => `${text}\nUne phrase ajoutée.\n`);
    const edited = load();
    expect(renders.plan(edited.content, edited.articleKeys, false).articles).toHaveLength(1);
    // Not written (the build failed): the same edit is still to render.
    expect(renders.plan(edited.content, edited.articleKeys, false).articles).toHaveLength(1);
    renders.written([]);
    expect(renders.plan(edited.content, edited.articleKeys, false).articles).toHaveLength(0);
  });
});

describe("PreviewRenders.written", () => {
  it("names the files earlier builds wrote that a full build no longer writes", () => {
    const renders = new PreviewRenders();
    const { content, articleKeys } = load();
    renders.plan(content, articleKeys, true);
    expect(renders.written(["a/index.html", "b/index.html", "feed.json"])).toEqual([]);
    // A partial build writes some of them again: nothing is gone.
    renders.plan(content, articleKeys, false);
    expect(renders.written(["a/index.html"])).toEqual([]);
    // An article was deleted: the full build that follows leaves its page out.
    renders.plan(content, articleKeys, true);
    expect(renders.written(["a/index.html", "feed.json"])).toEqual(["b/index.html"]);
    renders.plan(content, articleKeys, true);
    expect(renders.written(["a/index.html", "feed.json"])).toEqual([]);
  });
});

describe("changedFiles", () => {
  it("keeps new files and files whose text differs", () => {
    const written = new Map([
      ["/a", "1"],
      ["/b", "2"],
    ]);
    expect(
      changedFiles(written, [
        { path: "/a", body: "1" },
        { path: "/b", body: "3" },
        { path: "/c", body: "4" },
      ]),
    ).toEqual([
      { path: "/b", body: "3" },
      { path: "/c", body: "4" },
    ]);
    expect(changedFiles(undefined, [{ path: "/a", body: "1" }])).toHaveLength(1);
  });
});

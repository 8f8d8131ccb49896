import { XMLParser } from "fast-xml-parser";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { crawlerFiles, newsArticles, splitIntoParts } from "../../../scripts/output/sitemap.ts";
import { context, makeArticle } from "../../helpers/articles.ts";

const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["url", "sitemap"].includes(name) });
const body = (files: { path: string; body: string }[], path: string) => {
  const file = files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`no ${path} in ${files.map((f) => f.path).join(", ")}`);
  return file.body;
};

const pages = [
  { url: "/", lastmod: "2023-04-19T10:00:00+02:00" },
  { url: "/international/", lastmod: "2023-04-19T10:00:00+02:00" },
  { url: "/international/un/" },
];
const recent = makeArticle({ slug: "recent", title: "Récent & « neuf »", date: "2023-04-19T09:00:00+02:00" });
const old = makeArticle({ slug: "ancien", date: "2023-04-10T09:00:00+02:00" });

describe("splitIntoParts", () => {
  it("cuts into parts of at most the limit, in order", () => {
    expect(splitIntoParts([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(splitIntoParts([1, 2], 2)).toEqual([[1, 2]]);
    expect(splitIntoParts([], 2)).toEqual([[]]);
    expect(() => splitIntoParts([1], 0)).toThrow();
  });
});

describe("newsArticles", () => {
  const build = DateTime.fromISO("2023-04-20T08:00:00+02:00");
  it("keeps articles published in the two days before the build time", () => {
    const future = makeArticle({ slug: "futur", date: "2023-04-20T09:00:00+02:00" });
    const edge = makeArticle({ slug: "limite", date: "2023-04-18T08:00:00+02:00" });
    expect(newsArticles([future, recent, edge, old], build).map((a) => a.slug)).toEqual(["recent"]);
  });

  it("keeps an article published exactly at the build time, and not one a second later", () => {
    const now = makeArticle({ slug: "maintenant", date: "2023-04-20T08:00:00+02:00" });
    const next = makeArticle({ slug: "juste-apres", date: "2023-04-20T08:00:01+02:00" });
    expect(newsArticles([next, now, recent], build).map((a) => a.slug)).toEqual(["maintenant", "recent"]);
  });
});

describe("live coverage in the news sitemap", () => {
  const build = DateTime.fromISO("2023-04-20T08:00:00+02:00");
  const markdown =
    "Résumé.\n\n## 2023-04-19T18:00+02:00 — La dernière\n\nTexte.\n\n## 2023-04-10T09:00+02:00 — La première\n\nTexte.\n";
  const live = makeArticle({
    slug: "direct",
    date: "2023-04-10T09:00:00+02:00",
    live: { start: "2023-04-10T09:00:00+02:00" },
    body: markdown,
  });

  it("is news while it is updated, whenever it was published", () => {
    expect(newsArticles([recent, live, old], build).map((a) => a.slug)).toEqual(["recent", "direct"]);
    const stale = DateTime.fromISO("2023-04-25T08:00:00+02:00");
    expect(newsArticles([live], stale)).toEqual([]);
  });

  it("gives its latest update as lastmod, beside its publication date", () => {
    const urlset = xml.parse(body(crawlerFiles(pages, [recent, live], context), "/sitemap-news.xml")).urlset;
    expect(urlset.url[1]).toMatchObject({
      loc: "https://www.exemple.fr/actu/international/direct/",
      lastmod: "2023-04-19T18:00:00+02:00",
      "news:news": { "news:publication_date": "2023-04-10T09:00:00+02:00" },
    });
    expect(urlset.url[0]).not.toHaveProperty("lastmod");
  });
});

describe("crawlerFiles under the limits", () => {
  const files = crawlerFiles(pages, [recent], context);

  it("lists every page with its absolute URL and lastmod in sitemap.xml", () => {
    const urls = xml.parse(body(files, "/sitemap.xml")).urlset.url;
    expect(urls).toEqual([
      { loc: "https://www.exemple.fr/actu/", lastmod: "2023-04-19T10:00:00+02:00" },
      { loc: "https://www.exemple.fr/actu/international/", lastmod: "2023-04-19T10:00:00+02:00" },
      { loc: "https://www.exemple.fr/actu/international/un/" },
    ]);
  });

  it("writes the Google News sitemap with publication name, language, date and title", () => {
    const urlset = xml.parse(body(files, "/sitemap-news.xml")).urlset;
    expect(urlset["@_xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    expect(urlset.url[0]).toEqual({
      loc: "https://www.exemple.fr/actu/international/recent/",
      "news:news": {
        "news:publication": { "news:name": "Le Quotidien", "news:language": "fr" },
        "news:publication_date": "2023-04-19T09:00:00+02:00",
        "news:title": recent.title,
      },
    });
  });

  it("names both sitemaps in robots.txt, allowing every crawler everything", () => {
    // Written out, not made with robotsTxt: a test that builds its expectation with the
    // function under test passes whatever the function does.
    expect(body(files, "/robots.txt")).toBe(
      [
        "User-agent: *",
        "Disallow:",
        "",
        "Sitemap: https://www.exemple.fr/actu/sitemap.xml",
        "Sitemap: https://www.exemple.fr/actu/sitemap-news.xml",
        "",
      ].join("\n"),
    );
  });

  it("writes no news sitemap when nothing is recent", () => {
    const quiet = crawlerFiles(pages, [], context);
    expect(quiet.map((file) => file.path)).toEqual(["/sitemap.xml", "/robots.txt"]);
    expect(body(quiet, "/robots.txt")).not.toContain("news");
  });
});

describe("crawlerFiles over a limit", () => {
  const files = crawlerFiles(pages, [recent, old], context, { urls: 2, news: 1 });

  it("makes sitemap.xml an index of numbered parts, each within its limit", () => {
    const index = xml.parse(body(files, "/sitemap.xml")).sitemapindex.sitemap;
    expect(index.map((entry: { loc: string }) => entry.loc)).toEqual([
      "https://www.exemple.fr/actu/sitemap-1.xml",
      "https://www.exemple.fr/actu/sitemap-2.xml",
      "https://www.exemple.fr/actu/sitemap-news-1.xml",
      "https://www.exemple.fr/actu/sitemap-news-2.xml",
    ]);
    expect(index[0].lastmod).toBe("2023-04-19T10:00:00+02:00");
    expect(index[1].lastmod).toBeUndefined();
    const locs = ["/sitemap-1.xml", "/sitemap-2.xml"].flatMap((path) =>
      xml.parse(body(files, path)).urlset.url.map((url: { loc: string }) => url.loc),
    );
    expect(locs).toEqual(pages.map((page) => context.siteUrl.absolute(page.url)));
    expect(xml.parse(body(files, "/sitemap-news-2.xml")).urlset.url).toHaveLength(1);
  });

  it("names only the index in robots.txt", () => {
    expect(body(files, "/robots.txt").match(/^Sitemap: .*$/gm)).toEqual([
      "Sitemap: https://www.exemple.fr/actu/sitemap.xml",
    ]);
  });
});

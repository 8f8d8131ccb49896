/**
 * The newsroom built as it would be served at https://journal.example/actu/: structured data,
 * sharing tags, feeds and sitemaps parsed with real parsers and checked against the pages.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { parseAtomFeed, parseJsonFeed } from "feedsmith";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLinks } from "../../scripts/publish/check-links.ts";
import {
  type BuiltSite,
  buildSite,
  jsonLdOf,
  linksOf,
  makeTempDir,
  normalizeText,
  ROOT,
  readPage,
} from "../helpers/build.ts";

const SITE = "https://journal.example";
const BASE = `${SITE}/actu/`;
const ENV = {
  SITE_URL: SITE,
  PATH_PREFIX: "/actu/",
  SOURCE_DATE_EPOCH: String(Date.parse("2024-03-06T12:00:00Z") / 1000),
};
const HOSTILE = "</script><script>alert(1)</script>";
const HOSTILE_URL = "/international/script/";

const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["url", "sitemap"].includes(name) });
let fixture: string;
let site: BuiltSite;
let pages: string[];

beforeAll(() => {
  fixture = makeTempDir("newsroom-");
  cpSync(path.join(ROOT, "tests/fixtures/newsroom"), fixture, { recursive: true });
  writeFileSync(
    path.join(fixture, "articles/international/2024-03-06-script.md"),
    [
      "---",
      `title: ${JSON.stringify(HOSTILE)}`,
      "standfirst: Un titre qui essaie de fermer la balise <script> & d'en ouvrir une autre.",
      "date: 2024-03-06T09:00:00+01:00",
      "modified: 2024-03-06T10:30:00+01:00",
      "section: international",
      "author: Marie Dupont",
      "tags: [Sécurité, Europe]",
      "---",
      "",
      "Lire aussi la rubrique [Économie](/economie/).",
      "",
    ].join("\n"),
  );
  site = buildSite({ articles: path.join(fixture, "articles"), data: path.join(fixture, "data"), env: ENV });
  pages = readdirSync(site.outDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith("index.html"))
    .map((file) => `/${file.replace(/index\.html$/, "")}`)
    .sort();
});
afterAll(() => {
  site?.cleanup();
  if (fixture) rmSync(fixture, { recursive: true, force: true });
});

const read = (file: string) => readFileSync(path.join(site.outDir, file), "utf8");
const meta = (document: Document, key: string) =>
  [...document.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)].map((tag) =>
    tag.getAttribute("content"),
  );
// /<section>/<slug>/; topic pages (/sujets/<slug>/), authors' pages (/auteurs/<slug>/) and the
// home page's /page/2/ have the same shape.
const articlePages = () =>
  pages.filter((url) => url.split("/").length === 4 && !/^\/(sujets|auteurs|page)\//.test(url));

/** What an article page shows, as a reader sees it. */
function visible(url: string) {
  const document = readPage(site.outDir, url);
  const times = [...document.querySelectorAll("article .dates time")].map((time) => time.getAttribute("datetime"));
  return {
    document,
    headline: document.querySelector("article h1")?.textContent ?? "",
    published: times[0],
    modified: times[1] ?? times[0],
    section: normalizeText(document.querySelector(".kicker a")?.textContent),
    tags: [...document.querySelectorAll(".tags li")].map((li) => li.textContent),
    author: normalizeText(document.querySelector(".byline .author")?.textContent).replace(/^Par /, ""),
    /** The named authors, [name, absolute URL of their page], as the byline links them. */
    authors: linksOf(document, ".byline .author a").map(([name, href]) => [name, `${SITE}${href}`]),
  };
}

describe("structured data and sharing tags", () => {
  it("gives every article NewsArticle JSON-LD that agrees with what the page shows", () => {
    expect(articlePages()).toHaveLength(8);
    for (const url of articlePages()) {
      const page = visible(url);
      const canonical = `${SITE}/actu${url}`;
      const [article, breadcrumbs] = jsonLdOf(page.document);
      expect(article).toMatchObject({
        // Live coverage (its label on the page) is a LiveBlogPosting: tests/build/live-build.test.ts.
        "@type": page.document.querySelector(".kicker .live-label") ? "LiveBlogPosting" : "NewsArticle",
        headline: page.headline,
        datePublished: page.published,
        dateModified: page.modified,
        articleSection: page.section,
        keywords: page.tags,
        inLanguage: "fr-FR",
        isAccessibleForFree: true,
        mainEntityOfPage: { "@id": canonical },
        publisher: { name: "Le Quotidien d’essai", logo: { url: `${BASE}assets/logo-square.png` } },
      });
      if (page.authors.length > 0) {
        expect(article.author.map((author: { name: string; url: string }) => [author.name, author.url])).toEqual(
          page.authors,
        );
      } else {
        expect(article.author[0].name === page.author || article.author[0]["@type"] === "Organization").toBe(true);
      }
      expect(article.datePublished).toMatch(/[+-]\d\d:\d\d$/);
      expect(breadcrumbs["@type"]).toBe("BreadcrumbList");
      expect(breadcrumbs.itemListElement.at(-1).item).toBe(canonical);
      expect(page.document.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(canonical);
      expect(meta(page.document, "og:url")).toEqual([canonical]);
      expect(meta(page.document, "og:type")).toEqual(["article"]);
      expect(meta(page.document, "article:published_time")).toEqual([page.published]);
      expect(meta(page.document, "article:section")).toEqual([page.section]);
      expect(meta(page.document, "article:tag")).toEqual(page.tags);
      expect(meta(page.document, "og:image")).toEqual([article.image[0].url]);
      expect(meta(page.document, "twitter:card")).toEqual(["summary_large_image"]);
      expect(page.document.querySelector("title")?.textContent).toBe(`${page.headline} – Le Quotidien d’essai`);
    }
  });

  it("keeps a hostile headline inside its JSON-LD: no extra script, the JSON parses back", () => {
    const page = visible(HOSTILE_URL);
    expect(page.headline).toBe(HOSTILE);
    const scripts = [...page.document.querySelectorAll("script")];
    expect(scripts.map((script) => script.getAttribute("type"))).toEqual([
      "application/ld+json",
      "application/ld+json",
    ]);
    expect(jsonLdOf(page.document)[0].headline).toBe(HOSTILE);
    expect(jsonLdOf(page.document)[0].author).toEqual([{ "@type": "Person", name: "Marie Dupont" }]);
  });

  it("describes sections as CollectionPage lists and the home page as the WebSite", () => {
    const section = readPage(site.outDir, "/international/");
    const [collection] = jsonLdOf(section);
    const teasers = [...section.querySelectorAll("main .teaser-title a")].map(
      (a) => `${SITE}${a.getAttribute("href")}`,
    );
    expect(collection["@type"]).toBe("CollectionPage");
    expect(collection.mainEntity.itemListElement.map((item: { url: string }) => item.url)).toEqual(teasers);
    const [website] = jsonLdOf(readPage(site.outDir, "/"));
    expect(website).toMatchObject({ "@type": "WebSite", url: BASE, inLanguage: "fr-FR" });
  });

  it("gives every page with a breadcrumb the same levels in its BreadcrumbList, then the page itself", () => {
    const withTrail = pages.filter((url) => readPage(site.outDir, url).querySelector("nav.breadcrumb") !== null);
    // Articles, sections, topics (under « Sujets »), months (under « Archives ») and authors (under
    // « Auteurs ») all have one.
    for (const kind of [
      /^\/international\/[a-z]/,
      /^\/culture\/$/,
      /^\/sujets\/[a-z]/,
      /^\/archives\/\d{4}\/\d{2}\/$/,
      /^\/auteurs\/[a-z]/,
    ]) {
      expect(withTrail.some((url) => kind.test(url))).toBe(true);
    }
    for (const url of withTrail.filter(
      (page) => !["/sujets/", "/archives/", "/auteurs/", "/recherche/"].includes(page),
    )) {
      const document = readPage(site.outDir, url);
      const shown = linksOf(document, "nav.breadcrumb a").map(([text, href]) => [text, `${SITE}${href}`]);
      const trail = jsonLdOf(document).find((data) => data["@type"] === "BreadcrumbList");
      const levels = trail.itemListElement.map((item: { name: string; item: string }) => [
        normalizeText(item.name),
        item.item,
      ]);
      expect(levels.slice(0, -1), url).toEqual(shown);
      expect(levels.at(-1)[1], url).toBe(`${SITE}${url.replace(/^\//, "/actu/")}`);
    }
  });

  it("gives every shared page a title: the publisher's on the home page, the list's or the headline elsewhere", () => {
    const home = readPage(site.outDir, "/");
    const publisher = home.querySelector("title")?.textContent ?? "";
    expect(publisher).not.toBe("");
    expect(meta(home, "og:title")).toEqual([publisher]);
    const section = readPage(site.outDir, "/international/");
    expect(meta(section, "og:title")).toEqual([normalizeText(section.querySelector("main h1")?.textContent)]);
    for (const url of articlePages()) {
      const article = visible(url);
      expect(meta(article.document, "og:title")).toEqual([article.headline]);
      expect(article.document.querySelector("title")?.textContent).toBe(`${article.headline} – ${publisher}`);
    }
  });

  it("marks the 404 page noindex, with no canonical", () => {
    const notFound = readPage(site.outDir, "/404.html");
    expect(meta(notFound, "robots")).toEqual(["noindex"]);
    expect(notFound.querySelector('link[rel="canonical"]')).toBeNull();
  });

  it("draws a 1200×630 social card for each article where og:image points", () => {
    for (const url of articlePages()) {
      const image = meta(readPage(site.outDir, url), "og:image")[0] ?? "";
      const file = path.join(site.outDir, image.slice(BASE.length));
      const bytes = readFileSync(file);
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);
    }
    expect(readFileSync(path.join(site.outDir, "assets/logo.png")).subarray(1, 4).toString()).toBe("PNG");
    expect(read("assets/favicon.svg")).toContain("<svg");
  });
});

describe("feeds", () => {
  it("links the site's feed from every page and the section's from its pages, under the prefix", () => {
    const alternates = (url: string) =>
      [...readPage(site.outDir, url).querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')].map(
        (link) => link.getAttribute("href"),
      );
    expect(alternates("/")).toEqual(["/actu/atom.xml"]);
    expect(alternates("/economie/")).toEqual(["/actu/atom.xml", "/actu/economie/atom.xml"]);
    expect(alternates("/economie/inflation-en-baisse/")).toEqual(["/actu/atom.xml", "/actu/economie/atom.xml"]);
  });

  it("writes a French Atom feed whose entries match the article pages", () => {
    const text = read("atom.xml");
    expect(xml.parse(text).feed["@_xml:lang"]).toBe("fr");
    const feed = parseAtomFeed(text);
    const entries = feed.entries ?? [];
    expect(entries.map((entry) => entry.id)).toEqual([
      `${BASE}international/script/`,
      `${BASE}economie/inflation-en-baisse/`,
      `${BASE}international/elections-au-bresil/`,
      `${BASE}economie/greve-en-direct/`,
      `${BASE}culture/festival-d-avignon/`,
      `${BASE}economie/la-bourse-recule/`,
      `${BASE}culture/un-roman-prime/`,
      `${BASE}international/sommet-a-geneve/`,
    ]);
    for (const entry of entries) {
      const page = visible(`/${(entry.id ?? "").slice(BASE.length)}`);
      expect(entry.title).toMatchObject({ value: page.headline });
      expect(entry.links?.[0]?.href).toBe(entry.id);
      expect(entry.published).toBe(page.published);
      expect(entry.updated).toBe(page.modified);
      const authors = entry.authors?.map((author) => [author.name, author.uri]);
      expect(authors).toEqual(page.authors.length > 0 ? page.authors : [[page.author, undefined]]);
      expect(entry.categories?.map((category) => category.label)).toEqual([page.section, ...page.tags]);
    }
    const hostile = entries[0]?.content as { value?: string };
    expect(hostile.value).toContain(`href="${BASE}economie/"`);
  });

  it("writes one Atom and one JSON feed per section, with only that section's articles", () => {
    const feed = parseAtomFeed(read("culture/atom.xml"));
    expect(feed.entries?.map((entry) => entry.id)).toEqual([
      `${BASE}culture/festival-d-avignon/`,
      `${BASE}culture/un-roman-prime/`,
    ]);
    const json = parseJsonFeed(JSON.parse(read("culture/feed.json")));
    expect(json.items?.map((item) => item.url)).toEqual(feed.entries?.map((entry) => entry.id));
    expect(json.feed_url).toBe(`${BASE}culture/feed.json`);
  });
});

describe("sitemaps and robots.txt", () => {
  it("lists every indexable page, absolute and prefixed, with its last change", () => {
    const urls: { loc: string; lastmod?: string }[] = xml.parse(read("sitemap.xml")).urlset.url;
    // The search page is noindex: a results page is not for search engines.
    const indexable = pages.filter((page) => page !== "/recherche/");
    expect(urls.map((url) => url.loc)).toEqual(indexable.map((page) => `${SITE}/actu${page}`));
    expect(pages).toContain("/recherche/");
    expect(urls.some((url) => url.loc.includes("404"))).toBe(false);
    for (const url of articlePages()) {
      const entry = urls.find((candidate) => candidate.loc === `${SITE}/actu${url}`);
      expect(entry?.lastmod).toBe(visible(url).modified);
    }
  });

  it("puts the articles of the two days before SOURCE_DATE_EPOCH in the Google News sitemap", () => {
    const urls = xml.parse(read("sitemap-news.xml")).urlset.url;
    expect(urls.map((url: { loc: string }) => url.loc).sort()).toEqual(
      [
        `${BASE}culture/festival-d-avignon/`,
        `${BASE}economie/greve-en-direct/`,
        `${BASE}economie/inflation-en-baisse/`,
        `${BASE}international/elections-au-bresil/`,
        `${BASE}international/script/`,
      ].sort(),
    );
    for (const url of urls) {
      const page = visible(`/${url.loc.slice(BASE.length)}`);
      expect(url["news:news"]["news:publication_date"]).toBe(page.published);
      expect(url["news:news"]["news:title"]).toBe(page.headline);
      expect(url["news:news"]["news:publication"]).toEqual({
        "news:name": "Le Quotidien d’essai",
        "news:language": "fr",
      });
    }
  });

  it("names both sitemaps in robots.txt", () => {
    expect(read("robots.txt").match(/^Sitemap: .*$/gm)).toEqual([
      `Sitemap: ${BASE}sitemap.xml`,
      `Sitemap: ${BASE}sitemap-news.xml`,
    ]);
  });
});

describe("served under the path prefix", () => {
  it("prefixes every internal link and has no broken link when served at /actu/", async () => {
    const home = readPage(site.outDir, "/");
    const hrefs = [...home.querySelectorAll("a[href], link[href]")].map((a) => a.getAttribute("href") ?? "");
    expect(hrefs.filter((href) => href.startsWith("/") && !href.startsWith("/actu/"))).toEqual([]);
    const served = makeTempDir("served-");
    try {
      mkdirSync(path.join(served, "actu"));
      cpSync(site.outDir, path.join(served, "actu"), { recursive: true });
      const report = await checkLinks(served);
      expect(report.broken.map((link) => `${link.url} on ${link.page}`)).toEqual([]);
      expect(report.checked).toBeGreaterThan(50);
    } finally {
      (await import("node:fs")).rmSync(served, { recursive: true, force: true });
    }
  });

  it("builds byte-identical output from the same sources", () => {
    const again = buildSite({ articles: path.join(fixture, "articles"), data: path.join(fixture, "data"), env: ENV });
    try {
      const files = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
      expect(files(again.outDir)).toEqual(files(site.outDir));
      for (const file of files(site.outDir)) {
        const a = path.join(site.outDir, file);
        if (!file.includes(".")) continue;
        expect(readFileSync(path.join(again.outDir, file)).equals(readFileSync(a)), file).toBe(true);
      }
    } finally {
      again.cleanup();
    }
  });
});

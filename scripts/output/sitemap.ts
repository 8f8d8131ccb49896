/**
 * sitemap.xml (every indexable page with its last change), the Google News sitemap (articles of
 * the two days before the build), a sitemap index when a file would exceed its URL limit, and
 * robots.txt naming them. All URLs absolute, path prefix included.
 */
import type { DateTime } from "luxon";
import type { Article } from "../input/article.ts";
import { NEWS_SITEMAP_URL, ROBOTS_URL, SITEMAP_URL, sitemapPartUrl } from "../input/urls.ts";
import { XML_DECLARATION, xmlElement } from "../text/xml.ts";
import type { GeneratedFile } from "./generated-file.ts";
import type { Publication } from "./json-ld.ts";
import { newest, newestUpdate } from "./page.ts";

/** The sitemaps protocol's limit per file (https://www.sitemaps.org/protocol.html). */
export const SITEMAP_URL_LIMIT = 50_000;
/** Google News reads at most 1,000 URLs per news sitemap. */
export const NEWS_URL_LIMIT = 1_000;
/** Google News lists articles published in the last two days. */
export const NEWS_WINDOW_DAYS = 2;

export interface SitemapEntry {
  /** Root-relative. */
  url: string;
  lastmod?: string;
}

export interface SitemapLimits {
  urls: number;
  news: number;
}

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

/**
 * Articles published in the window before the build time (and not after it), and live coverage
 * updated in it: a live page is news for as long as it is updated.
 */
export function newsArticles(articles: Article[], buildTime: DateTime, days = NEWS_WINDOW_DAYS): Article[] {
  const end = buildTime.toMillis();
  const start = buildTime.minus({ days }).toMillis();
  const inWindow = (epoch: number) => epoch > start && epoch <= end;
  return articles.filter(
    (article) => inWindow(article.published.epoch) || (article.live !== undefined && inWindow(article.updated.epoch)),
  );
}

/** Splits into consecutive parts of at most `size` items (one empty part for no items). */
export function splitIntoParts<T>(items: T[], size: number): T[][] {
  if (size < 1) throw new Error(`part size ${size} is not a positive number`);
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size));
  return parts.length > 0 ? parts : [[]];
}

export function urlset(entries: SitemapEntry[], publication: Publication): string {
  const urls = entries.map(
    (entry) =>
      `<url>${xmlElement("loc", publication.siteUrl.absolute(entry.url))}${xmlElement("lastmod", entry.lastmod)}</url>`,
  );
  return [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}">`, ...urls, "</urlset>", ""].join("\n");
}

export function newsUrlset(articles: Article[], publication: Publication): string {
  const { publisher, siteUrl } = publication;
  const urls = articles.map((article) =>
    [
      "<url>",
      xmlElement("loc", siteUrl.absolute(article.url)),
      // Live coverage changes after its publication: its latest update.
      xmlElement("lastmod", article.live ? article.updated.iso : undefined),
      "<news:news><news:publication>",
      xmlElement("news:name", publisher.name),
      xmlElement("news:language", publisher.language),
      "</news:publication>",
      xmlElement("news:publication_date", article.published.iso),
      xmlElement("news:title", article.title),
      "</news:news></url>",
    ].join(""),
  );
  return [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">`, ...urls, "</urlset>", ""].join(
    "\n",
  );
}

export function sitemapIndex(parts: SitemapEntry[], publication: Publication): string {
  const items = parts.map(
    (part) =>
      `<sitemap>${xmlElement("loc", publication.siteUrl.absolute(part.url))}${xmlElement("lastmod", part.lastmod)}</sitemap>`,
  );
  return [XML_DECLARATION, `<sitemapindex xmlns="${SITEMAP_NS}">`, ...items, "</sitemapindex>", ""].join("\n");
}

export function robotsTxt(sitemapUrls: string[]): string {
  return ["User-agent: *", "Disallow:", "", ...sitemapUrls.map((url) => `Sitemap: ${url}`), ""].join("\n");
}

/**
 * sitemap.xml, sitemap-news.xml (only when articles are in the news window) and robots.txt.
 * When either list exceeds its limit, sitemap.xml becomes an index of numbered parts
 * (sitemap-1.xml…, sitemap-news-1.xml…) and robots.txt names the index alone.
 */
export function crawlerFiles(
  pages: SitemapEntry[],
  news: Article[],
  publication: Publication,
  limits: SitemapLimits = { urls: SITEMAP_URL_LIMIT, news: NEWS_URL_LIMIT },
): GeneratedFile[] {
  const absolute = (path: string) => publication.siteUrl.absolute(path);
  if (pages.length <= limits.urls && news.length <= limits.news) {
    const files = [{ path: SITEMAP_URL, body: urlset(pages, publication) }];
    if (news.length > 0) files.push({ path: NEWS_SITEMAP_URL, body: newsUrlset(news, publication) });
    return [...files, { path: ROBOTS_URL, body: robotsTxt(files.map((file) => absolute(file.path))) }];
  }
  const pageParts = splitIntoParts(pages, limits.urls).map((part, index) => ({
    path: sitemapPartUrl(SITEMAP_URL, index + 1),
    body: urlset(part, publication),
    lastmod: newest(part, (entry) => (entry.lastmod ? Date.parse(entry.lastmod) : Number.NEGATIVE_INFINITY))?.lastmod,
  }));
  const newsParts =
    news.length === 0
      ? []
      : splitIntoParts(news, limits.news).map((part, index) => ({
          path: sitemapPartUrl(NEWS_SITEMAP_URL, index + 1),
          body: newsUrlset(part, publication),
          lastmod: newestUpdate(part),
        }));
  const parts = [...pageParts, ...newsParts];
  return [
    {
      path: SITEMAP_URL,
      body: sitemapIndex(
        parts.map((part) => ({ url: part.path, lastmod: part.lastmod })),
        publication,
      ),
    },
    ...parts.map(({ path, body }) => ({ path, body })),
    { path: ROBOTS_URL, body: robotsTxt([absolute(SITEMAP_URL)]) },
  ];
}

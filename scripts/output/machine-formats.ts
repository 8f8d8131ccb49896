/**
 * Once per build: the site's feeds, what every page's head links to, and what the sitemaps list,
 * derived from the validated content. Plain data (`SiteFormats`), so that a segment rendered in
 * another process (scripts/lists/segments.ts) gets it as it is; the Eleventy plugin only hands
 * it out.
 */
import type { DateTime } from "luxon";
import type { Article } from "../input/article.ts";
import type { SiteUrl } from "../input/site-url.ts";
import { HOME_URL } from "../input/urls.ts";
import type { Content } from "../lists/content.ts";
import type { Listing } from "../lists/listings.ts";
import { type FeedLink, feedFiles, feedLinks, planFeeds } from "./feed.ts";
import type { GeneratedFile } from "./generated-file.ts";
import type { HeadContext } from "./head-meta.ts";
import type { Publication } from "./json-ld.ts";
import { isIndexable, type PageInput, pageLastModified } from "./page.ts";
import { crawlerFiles, newsArticles, type SitemapEntry } from "./sitemap.ts";

/** What the site's machine formats are made of; the last three only in the segment that writes them. */
export interface SiteFormats {
  /** The feeds every page's head links to. */
  feedLinks: FeedLink[];
  /** The feeds, written. */
  feedFiles: GeneratedFile[];
  /** Articles for the Google News sitemap (their bodies are not needed). */
  news: Article[];
  /** The sitemap entries of the pages the segment does not render (other segments', kept ones). */
  otherPages: SitemapEntry[];
}

/** The site's feeds and news articles; `otherPages` is the caller's to fill. */
export function siteFormats(content: Content, publication: Publication, buildTime: DateTime): SiteFormats {
  const { publisher } = content;
  // The site's feed follows the home page, across sections; each section has one of its own.
  const everything: Listing = {
    name: publisher.name,
    description: publisher.description,
    url: HOME_URL,
    articles: content.articles,
  };
  const feeds = planFeeds(everything, content.sections, publisher.name);
  const buildTimeIso = buildTime.toUTC().toISO({ suppressMilliseconds: true }) ?? "";
  return {
    feedLinks: feedLinks(feeds),
    feedFiles: feedFiles(feeds, publication, buildTimeIso),
    news: newsArticles(content.articles, buildTime),
    otherPages: [],
  };
}

/** The context every page's head is made from. */
export function headContext(publisher: HeadContext["publisher"], siteUrl: SiteUrl, feeds: FeedLink[]): HeadContext {
  return { publisher, siteUrl, feeds };
}

/** A page's sitemap entry, or none when it is not indexable. */
export function sitemapEntry(page: PageInput): SitemapEntry | undefined {
  return isIndexable(page) ? { url: page.url, lastmod: pageLastModified(page) } : undefined;
}

/** sitemap.xml and friends: from the pages a run wrote and the entries of every other page. */
export function siteCrawlerFiles(pages: PageInput[], formats: SiteFormats, publication: Publication): GeneratedFile[] {
  const entries = [...formats.otherPages];
  for (const page of pages) {
    const entry = sitemapEntry(page);
    if (entry) entries.push(entry);
  }
  entries.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return crawlerFiles(entries, formats.news, publication);
}

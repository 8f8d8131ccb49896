/**
 * Once per build: the site's public URL, its feeds and the context every page’s head is made
 * from, derived from the validated content. The Eleventy plugin only hands these out.
 */
import type { DateTime } from "luxon";
import type { SiteUrl } from "../input/site-url.ts";
import { HOME_URL } from "../input/urls.ts";
import type { Content } from "../lists/content.ts";
import type { Listing } from "../lists/listings.ts";
import { feedFiles, feedLinks, planFeeds } from "./feed.ts";
import type { GeneratedFile } from "./generated-file.ts";
import type { HeadContext } from "./head-meta.ts";
import { isIndexable, type PageInput, pageLastModified } from "./page.ts";
import { crawlerFiles, newsArticles } from "./sitemap.ts";

export interface MachineFormats {
  head: HeadContext;
  feedFiles: GeneratedFile[];
  /** sitemap.xml and friends, from the pages Eleventy wrote. */
  crawlerFiles(pages: PageInput[]): GeneratedFile[];
}

export function machineFormats(content: Content, siteUrl: SiteUrl, buildTime: DateTime): MachineFormats {
  const { publisher } = content;
  const publication = { publisher, siteUrl };
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
    head: { ...publication, feeds: feedLinks(feeds) },
    feedFiles: feedFiles(feeds, publication, buildTimeIso),
    crawlerFiles(pages) {
      const entries = pages
        .filter(isIndexable)
        .map((page) => ({ url: page.url, lastmod: pageLastModified(page) }))
        .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
      return crawlerFiles(entries, newsArticles(content.articles, buildTime), publication);
    },
  };
}

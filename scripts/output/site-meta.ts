/**
 * Once per build: the site's public URL, its feeds and the context every page's head is made
 * from, derived from the validated content. The Eleventy plugin only hands these out.
 */
import type { DateTime } from "luxon";
import { feedFiles, feedLinks, planFeeds } from "./feed.ts";
import type { GeneratedFile } from "./generated-file.ts";
import type { HeadContext } from "./head-meta.ts";
import type { Listing } from "./json-ld.ts";
import type { Content } from "../input/load-content.ts";
import { isIndexable, type PageInput, pageLastModified } from "./page.ts";
import { crawlerFiles, newsArticles } from "./sitemap.ts";
import { resolveSiteUrl } from "../input/site-url.ts";

export interface SiteMeta {
  head: HeadContext;
  /** The home page's list, as page data gives it to the head and the sitemap. */
  homeListing: Listing;
  feedFiles: GeneratedFile[];
  /** sitemap.xml and friends, from the pages Eleventy wrote. */
  crawlerFiles(pages: PageInput[]): GeneratedFile[];
}

export function siteMeta(content: Content, buildTime: DateTime, env: NodeJS.ProcessEnv = process.env): SiteMeta {
  const { publisher } = content;
  const siteUrl = resolveSiteUrl(publisher.url, env);
  const context = { publisher, siteUrl };
  const homeListing: Listing = { name: publisher.name, description: publisher.description, url: "/", articles: content.latest };
  const everything: Listing = { ...homeListing, articles: content.articles };
  const feeds = planFeeds(everything, content.sections, publisher.name);
  const buildTimeIso = buildTime.toUTC().toISO({ suppressMilliseconds: true }) ?? "";
  return {
    head: { ...context, feeds: feedLinks(feeds) },
    homeListing,
    feedFiles: feedFiles(feeds, context, buildTimeIso),
    crawlerFiles(pages) {
      const entries = pages
        .filter(isIndexable)
        .map((page) => ({ url: page.url, lastmod: pageLastModified(page) }))
        .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
      return crawlerFiles(entries, newsArticles(content.articles, buildTime), context);
    },
  };
}

/**
 * What the head, the sitemap and structured data need to know about one page, taken from its
 * data. New page types supply these fields (a `listing` for any list of articles) and get
 * canonical, sharing tags, JSON-LD and a sitemap entry without changes here.
 */
import type { Article } from "../input/article.ts";
import type { TrustPage } from "../input/pages.ts";
import type { Crumb, Listing } from "../lists/listings.ts";

export interface PageInput {
  /** Root-relative URL without the path prefix (Eleventy's page.url); false when not written. */
  url: string | false;
  /** The page's own title (headline, section name); the home page has none. */
  title?: string;
  description?: string;
  /** Set on an article's page. */
  article?: Article;
  /** Set on any page that lists articles (home, sections, tags, archive pages, authors' pages). */
  listing?: Listing;
  /** Set on a page about the publisher (« À propos », « Contact »…). */
  trustPage?: TrustPage;
  /** Kept out of search engines and sitemaps (the 404 page). */
  noindex?: boolean;
}

/**
 * The breadcrumb trail above the page, after « Accueil » and without the page itself: an
 * article's section, a list's own crumbs (« Sujets » above a topic). The visible breadcrumb and
 * the BreadcrumbList JSON-LD are both made from it.
 */
export function pageTrail(page: PageInput): Crumb[] {
  if (page.article) return [{ name: page.article.section.name, url: page.article.section.url }];
  return page.listing?.crumbs ?? [];
}

export function isHome(page: PageInput): boolean {
  return page.url === "/";
}

/** Pages that belong in the sitemap: written as HTML and not marked noindex. */
export function isIndexable(page: PageInput): page is PageInput & { url: string } {
  return typeof page.url === "string" && page.url.endsWith("/") && !page.noindex;
}

/** When the page's content last changed: the article's update, the page's, or the newest update in its list. */
export function pageLastModified(page: PageInput): string | undefined {
  if (page.article) return page.article.updated.iso;
  if (page.trustPage) return page.trustPage.updated?.iso;
  return newestUpdate(page.listing?.articles ?? []);
}

/** The item with the greatest time (the first of equals); undefined when there is none. */
export function newest<T>(items: readonly T[], epochOf: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestEpoch = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    const epoch = epochOf(item);
    if (epoch > bestEpoch) [best, bestEpoch] = [item, epoch];
  }
  return best;
}

/** The latest `updated` among the articles (lists are sorted by publication, not update). */
export function newestUpdate(articles: readonly Article[]): string | undefined {
  return newest(articles, (article) => article.updated.epoch)?.updated.iso;
}

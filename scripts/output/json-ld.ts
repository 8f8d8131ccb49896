/**
 * schema.org structured data for search engines: NewsArticle and BreadcrumbList on articles,
 * CollectionPage with an ItemList on lists, WebSite on the home page. Dates are the article's
 * own ISO strings, the same ones the visible <time datetime> shows.
 */
import type { Article } from "../input/article.ts";
import type { Crumb, Listing } from "../lists/listings.ts";
import { articleCard, LOGO_PNG, type ImageRef } from "./image-paths.ts";
import type { Publisher } from "../input/schema.ts";
import type { SiteUrl } from "../input/site-url.ts";

export type JsonLd = Record<string, unknown>;

export interface SiteContext {
  publisher: Publisher;
  siteUrl: SiteUrl;
}

const CONTEXT = "https://schema.org";

/** Bylines that name the newsroom rather than a person. */
const NEWSROOM_BYLINE = /^(?:la\s+)?r[ée]daction\b/iu;

function imageObject(image: ImageRef, site: SiteUrl): JsonLd {
  return { "@type": "ImageObject", url: site.absolute(image.path), width: image.width, height: image.height };
}

export function publisherLd({ publisher, siteUrl }: SiteContext): JsonLd {
  return { "@type": "Organization", name: publisher.name, url: siteUrl.base, logo: imageObject(LOGO_PNG, siteUrl) };
}

/** The newsroom (« La Rédaction », the publisher's name) is the Organization; anyone else a Person. */
export function authorLd(byline: string, context: SiteContext): JsonLd {
  if (NEWSROOM_BYLINE.test(byline) || byline === context.publisher.name) {
    return { "@type": "Organization", name: context.publisher.name, url: context.siteUrl.base };
  }
  return { "@type": "Person", name: byline };
}

export function newsArticleLd(article: Article, context: SiteContext): JsonLd {
  const canonical = context.siteUrl.absolute(article.url);
  return {
    "@context": CONTEXT,
    "@type": "NewsArticle",
    headline: article.title,
    description: article.standfirst,
    datePublished: article.published.iso,
    dateModified: article.updated.iso,
    author: [authorLd(article.author, context)],
    publisher: publisherLd(context),
    image: [imageObject(articleCard(article), context.siteUrl)],
    inLanguage: context.publisher.locale,
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    url: canonical,
    articleSection: article.section.name,
    keywords: article.tags.map((tag) => tag.name),
    wordCount: article.wordCount,
    isAccessibleForFree: true,
  };
}

/** Home first, then each crumb; the last is the page itself. */
export function breadcrumbLd(crumbs: Crumb[], context: SiteContext): JsonLd {
  const all = [{ name: "Accueil", url: "/" }, ...crumbs];
  return {
    "@context": CONTEXT,
    "@type": "BreadcrumbList",
    itemListElement: all.map((crumb, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: crumb.name,
      item: context.siteUrl.absolute(crumb.url),
    })),
  };
}

export function collectionPageLd(listing: Listing, context: SiteContext): JsonLd {
  const url = context.siteUrl.absolute(listing.url);
  return {
    "@context": CONTEXT,
    "@type": "CollectionPage",
    name: listing.name,
    ...(listing.description ? { description: listing.description } : {}),
    url,
    inLanguage: context.publisher.locale,
    isPartOf: { "@type": "WebSite", name: context.publisher.name, url: context.siteUrl.base },
    mainEntity: {
      "@type": "ItemList",
      numberOfItems: listing.articles.length,
      itemListElement: listing.articles.map((article, index) => ({
        "@type": "ListItem",
        position: index + 1,
        url: context.siteUrl.absolute(article.url),
        name: article.title,
      })),
    },
  };
}

export function webSiteLd(context: SiteContext): JsonLd {
  return {
    "@context": CONTEXT,
    "@type": "WebSite",
    name: context.publisher.name,
    description: context.publisher.description,
    url: context.siteUrl.base,
    inLanguage: context.publisher.locale,
    publisher: publisherLd(context),
  };
}

const SCRIPT_UNSAFE: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * JSON for a <script type="application/ld+json"> element: `<`, `>` and `&` become \u escapes so
 * no text can close the element or open a comment, and U+2028/2029 are escaped for old parsers.
 * The result is still the same JSON value.
 */
export function serializeJsonLd(value: JsonLd): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => SCRIPT_UNSAFE[char] ?? char);
}

/**
 * schema.org structured data for search engines: NewsArticle and BreadcrumbList on articles,
 * CollectionPage with an ItemList on lists, ProfilePage on authors' pages, AboutPage,
 * ContactPage or WebPage on the pages about the publisher, WebSite (published by a
 * NewsMediaOrganization) on the home page. Dates are the article's own ISO strings, the same
 * ones the visible <time datetime> shows.
 */
import type { Article } from "../input/article.ts";
import type { Author } from "../input/authors.ts";
import { type LiveUpdate, updateText } from "../input/live.ts";
import type { TrustPage } from "../input/pages.ts";
import type { Publisher } from "../input/schema.ts";
import type { SiteUrl } from "../input/site-url.ts";
import type { Crumb, Listing } from "../lists/listings.ts";
import { articleCard, type ImageRef, LOGO_SQUARE_PNG } from "./image-paths.ts";
import { authorRefLd, correctionLd, organizationPoliciesLd, profileLd } from "./newsroom-ld.ts";
import { leadPhotoLd } from "./photo-crops.ts";

export type JsonLd = Record<string, unknown>;

export interface Publication {
  publisher: Publisher;
  siteUrl: SiteUrl;
}

const CONTEXT = "https://schema.org";

/** Bylines that name the newsroom rather than a person. */
const NEWSROOM_BYLINE = /^(?:la\s+)?r[ée]daction\b/iu;

/** A JSON-LD document of its own (one <script> element): the context, then the type. */
function topLevel(type: string, fields: JsonLd): JsonLd {
  return { "@context": CONTEXT, "@type": type, ...fields };
}

function imageObject(image: ImageRef, site: SiteUrl): JsonLd {
  return { "@type": "ImageObject", url: site.absolute(image.path), width: image.width, height: image.height };
}

/** The publisher, as every article names it. */
export function publisherLd({ publisher, siteUrl }: Publication): JsonLd {
  return {
    "@type": "NewsMediaOrganization",
    name: publisher.name,
    url: siteUrl.base,
    logo: imageObject(LOGO_SQUARE_PNG, siteUrl),
  };
}

/** The publisher with its policies and contact, as the home page describes it. */
export function organizationLd(publication: Publication): JsonLd {
  return { ...publisherLd(publication), ...organizationPoliciesLd(publication.publisher, publication.siteUrl) };
}

/** The site a page belongs to. */
function webSiteRef(publication: Publication): JsonLd {
  return { "@type": "WebSite", name: publication.publisher.name, url: publication.siteUrl.base };
}

/** A free byline: the newsroom (« La Rédaction », the publisher's name) is the Organization; anyone else a Person. */
export function authorLd(byline: string, publication: Publication): JsonLd {
  if (NEWSROOM_BYLINE.test(byline) || byline === publication.publisher.name) {
    return { "@type": "Organization", name: publication.publisher.name, url: publication.siteUrl.base };
  }
  return { "@type": "Person", name: byline };
}

/**
 * One update of live coverage, as Google reads a live blog's updates: a BlogPosting with its
 * headline, time, URL (the page's, with the update's anchor) and text, and its photo if any.
 */
function liveBlogUpdateLd(article: Article, update: LiveUpdate, canonical: string, site: SiteUrl): JsonLd {
  return {
    "@type": "BlogPosting",
    headline: update.headline,
    datePublished: update.iso,
    url: `${canonical}#${update.id}`,
    articleBody: updateText(article.bodyHtml, update),
    ...(update.image ? { image: imageObject(update.image, site) } : {}),
  };
}

/**
 * What live coverage adds to its article (a LiveBlogPosting is a NewsArticle's sibling with the
 * same fields): when coverage started, its end once it has one (past or planned), and the
 * updates, newest first.
 */
function liveBlogLd(article: Article, canonical: string, site: SiteUrl): JsonLd {
  if (!article.live) return {};
  return {
    coverageStartTime: article.live.start.iso,
    ...(article.live.end ? { coverageEndTime: article.live.end.iso } : {}),
    liveBlogUpdate: (article.liveUpdates ?? []).map((update) => liveBlogUpdateLd(article, update, canonical, site)),
  };
}

/** An article's NewsArticle, or LiveBlogPosting for live coverage. */
export function newsArticleLd(article: Article, publication: Publication): JsonLd {
  const canonical = publication.siteUrl.absolute(article.url);
  return topLevel(article.live ? "LiveBlogPosting" : "NewsArticle", {
    headline: article.title,
    description: article.standfirst,
    datePublished: article.published.iso,
    dateModified: article.updated.iso,
    author:
      article.authors.length > 0
        ? article.authors.map((author) => authorRefLd(author, publication.siteUrl))
        : [authorLd(article.credit, publication)],
    publisher: publisherLd(publication),
    // The photo's crops when there is one, else the drawn card.
    image: article.leadPhoto
      ? leadPhotoLd(article.leadPhoto, publication.siteUrl)
      : [imageObject(articleCard(article), publication.siteUrl)],
    inLanguage: publication.publisher.locale,
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    url: canonical,
    articleSection: article.section.name,
    keywords: article.tags.map((tag) => tag.name),
    wordCount: article.wordCount,
    isAccessibleForFree: true,
    ...(article.corrections.length > 0 ? { correction: article.corrections.map(correctionLd) } : {}),
    ...liveBlogLd(article, canonical, publication.siteUrl),
  });
}

/** Home first, then each crumb; the last is the page itself. */
export function breadcrumbLd(crumbs: Crumb[], publication: Publication): JsonLd {
  const all = [{ name: "Accueil", url: "/" }, ...crumbs];
  return topLevel("BreadcrumbList", {
    itemListElement: all.map((crumb, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: crumb.name,
      item: publication.siteUrl.absolute(crumb.url),
    })),
  });
}

export function collectionPageLd(listing: Listing, publication: Publication): JsonLd {
  const url = publication.siteUrl.absolute(listing.url);
  return topLevel("CollectionPage", {
    name: listing.name,
    ...(listing.description ? { description: listing.description } : {}),
    url,
    inLanguage: publication.publisher.locale,
    isPartOf: webSiteRef(publication),
    mainEntity: {
      "@type": "ItemList",
      numberOfItems: listing.articles.length,
      itemListElement: listing.articles.map((article, index) => ({
        "@type": "ListItem",
        position: index + 1,
        url: publication.siteUrl.absolute(article.url),
        name: article.title,
      })),
    },
  });
}

export function webSiteLd(publication: Publication): JsonLd {
  return topLevel("WebSite", {
    name: publication.publisher.name,
    description: publication.publisher.description,
    url: publication.siteUrl.base,
    inLanguage: publication.publisher.locale,
    publisher: organizationLd(publication),
  });
}

/** An author's page (each of its numbered pages): about the author, its mainEntity. */
export function profilePageLd(listing: Listing & { profile: Author }, publication: Publication): JsonLd {
  return topLevel("ProfilePage", {
    name: listing.name,
    url: publication.siteUrl.absolute(listing.url),
    inLanguage: publication.publisher.locale,
    isPartOf: webSiteRef(publication),
    mainEntity: profileLd(listing.profile, publication.siteUrl),
  });
}

/** A page about the publisher: the contact page, the « À propos » (masthead) page, or a WebPage. */
export function trustPageLd(page: TrustPage, publication: Publication): JsonLd {
  const type = page.roles.includes("contactPoint")
    ? "ContactPage"
    : page.roles.includes("masthead")
      ? "AboutPage"
      : "WebPage";
  return topLevel(type, {
    name: page.title,
    description: page.description,
    url: publication.siteUrl.absolute(page.url),
    inLanguage: publication.publisher.locale,
    isPartOf: webSiteRef(publication),
    ...(page.updated ? { dateModified: page.updated.iso } : {}),
  });
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

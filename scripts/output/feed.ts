/**
 * Atom and JSON Feed 1.1 for the whole site and for each section: the latest articles with
 * their own dates, authors (with their pages), section and tags, and absolute links that
 * include the path prefix.
 */
import type { Article } from "../input/article.ts";
import type { SiteUrl } from "../input/site-url.ts";
import { feedUrls } from "../input/urls.ts";
import type { Listing } from "../lists/listings.ts";
import { escapeXml, XML_DECLARATION, xmlElement } from "../text/xml.ts";
import type { GeneratedFile } from "./generated-file.ts";
import { articleCard, FAVICON_PATH, LOGO_PNG, LOGO_SQUARE_PNG } from "./image-paths.ts";
import type { Publication } from "./json-ld.ts";
import { newestUpdate } from "./page.ts";

/** How many of the latest articles a feed carries. */
export const FEED_LENGTH = 20;
/** How many of live coverage's latest updates its entry carries, after « L'essentiel ». */
export const FEED_LIVE_UPDATES = 10;

export interface Feed {
  /** The page the feed follows ("/" or a section's URL), root-relative. */
  pageUrl: string;
  title: string;
  description: string;
  /** Root-relative paths of the two formats. */
  atomPath: string;
  jsonPath: string;
  /** Newest first, at most FEED_LENGTH. */
  articles: Article[];
}

/** A link a page's <head> announces. */
export interface FeedLink {
  pageUrl: string;
  title: string;
  atomPath: string;
  jsonPath: string;
}

export function feedPaths(pageUrl: string): { atomPath: string; jsonPath: string } {
  const { atom, json } = feedUrls(pageUrl);
  return { atomPath: atom, jsonPath: json };
}

/** The site's feed, then one per listed section (the lists are already newest first). */
export function planFeeds(site: Listing, sections: Listing[], siteName: string): Feed[] {
  const feed = (listing: Listing, title: string): Feed => ({
    pageUrl: listing.url,
    title,
    description: listing.description ?? "",
    ...feedPaths(listing.url),
    articles: listing.articles.slice(0, FEED_LENGTH),
  });
  return [feed(site, siteName), ...sections.map((section) => feed(section, `${section.name} – ${siteName}`))];
}

const LINK_ATTRIBUTE = /(\s(?:href|src)=")([^"]*)(")/g;

/**
 * Makes root-relative and #fragment links of rendered article HTML absolute, for readers that
 * show an entry away from the site. Our Markdown renderer writes every attribute in double
 * quotes with `"` escaped and allows no raw HTML, so this pattern sees only real attributes.
 */
export function absolutizeLinks(html: string, pageUrl: string, siteUrl: SiteUrl): string {
  return html.replace(LINK_ATTRIBUTE, (match, before: string, url: string, after: string) => {
    if (url.startsWith("#")) return `${before}${siteUrl.absolute(pageUrl)}${url}${after}`;
    if (url.startsWith("/") && !url.startsWith("//")) return `${before}${siteUrl.absolute(url)}${after}`;
    return match;
  });
}

/** Who wrote the article: each named author with their page, else the free byline. */
export function feedAuthors(article: Article, siteUrl: SiteUrl): { name: string; url?: string }[] {
  if (article.authors.length === 0) return [{ name: article.credit }];
  return article.authors.map((author) => ({ name: author.name, url: siteUrl.absolute(author.url) }));
}

/**
 * The HTML an entry carries: the article's body; for live coverage, « L'essentiel » and the
 * latest updates (bodyHtml holds them newest first: a prefix of it is whole updates).
 */
export function entryHtml(article: Article, siteUrl: SiteUrl): string {
  const cut = article.liveUpdates?.[FEED_LIVE_UPDATES - 1]?.end;
  const html = cut === undefined ? article.bodyHtml : article.bodyHtml.slice(0, cut);
  return absolutizeLinks(html, article.url, siteUrl);
}

/** The WebSub hub feeds name, when publisher.yaml has one (scripts/publish/ping.ts pings it). */
function hubOf(publication: Publication): string | undefined {
  return publication.publisher.ping?.websub?.hub;
}

function atomEntry(article: Article, publication: Publication): string {
  const { siteUrl } = publication;
  const url = siteUrl.absolute(article.url);
  const categories = [
    `<category term="${escapeXml(article.section.slug)}" label="${escapeXml(article.section.name)}" scheme="${escapeXml(siteUrl.absolute(article.section.url))}"/>`,
    ...article.tags.map((tag) => `<category term="${escapeXml(tag.slug)}" label="${escapeXml(tag.name)}"/>`),
  ];
  return [
    "<entry>",
    xmlElement("title", article.title),
    `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
    xmlElement("id", url),
    xmlElement("published", article.published.iso),
    xmlElement("updated", article.updated.iso),
    ...feedAuthors(article, siteUrl).map(
      (author) => `<author>${xmlElement("name", author.name)}${xmlElement("uri", author.url)}</author>`,
    ),
    ...categories,
    xmlElement("summary", article.standfirst, ' type="text"'),
    xmlElement("content", entryHtml(article, siteUrl), ' type="html"'),
    "</entry>",
  ].join("\n");
}

/** An Atom 1.0 document (RFC 4287) in French. */
export function atomFeed(feed: Feed, publication: Publication, buildTimeIso: string): string {
  const { siteUrl, publisher } = publication;
  const hub = hubOf(publication);
  return [
    XML_DECLARATION,
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    xmlElement("title", feed.title),
    feed.description ? xmlElement("subtitle", feed.description) : "",
    `<link rel="self" type="application/atom+xml" href="${escapeXml(siteUrl.absolute(feed.atomPath))}"/>`,
    hub ? `<link rel="hub" href="${escapeXml(hub)}"/>` : "",
    `<link rel="alternate" type="text/html" href="${escapeXml(siteUrl.absolute(feed.pageUrl))}"/>`,
    xmlElement("id", siteUrl.absolute(feed.atomPath)),
    // The build time only for an empty feed, so unchanged content keeps its bytes.
    xmlElement("updated", newestUpdate(feed.articles) ?? buildTimeIso),
    `<author>${xmlElement("name", publisher.name)}${xmlElement("uri", siteUrl.base)}</author>`,
    xmlElement("icon", siteUrl.absolute(FAVICON_PATH)),
    xmlElement("logo", siteUrl.absolute(LOGO_PNG.path)),
    ...feed.articles.map((article) => atomEntry(article, publication)),
    "</feed>",
    "",
  ]
    .filter((line) => line !== "")
    .join("\n");
}

/** A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1). */
export function jsonFeed(feed: Feed, publication: Publication): string {
  const { siteUrl, publisher } = publication;
  const hub = hubOf(publication);
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: siteUrl.absolute(feed.pageUrl),
    feed_url: siteUrl.absolute(feed.jsonPath),
    ...(feed.description ? { description: feed.description } : {}),
    icon: siteUrl.absolute(LOGO_SQUARE_PNG.path),
    favicon: siteUrl.absolute(FAVICON_PATH),
    language: publisher.locale,
    authors: [{ name: publisher.name, url: siteUrl.base }],
    ...(hub ? { hubs: [{ type: "WebSub", url: hub }] } : {}),
    items: feed.articles.map((article) => ({
      id: siteUrl.absolute(article.url),
      url: siteUrl.absolute(article.url),
      title: article.title,
      summary: article.standfirst,
      content_html: entryHtml(article, siteUrl),
      image: siteUrl.absolute(articleCard(article).path),
      date_published: article.published.iso,
      date_modified: article.updated.iso,
      authors: feedAuthors(article, siteUrl),
      tags: [article.section.name, ...article.tags.map((tag) => tag.name)],
      language: publisher.locale,
    })),
  };
  return `${JSON.stringify(document, null, 1)}\n`;
}

/** Every feed file of the site, for the one template that writes them. */
export function feedFiles(feeds: Feed[], publication: Publication, buildTimeIso: string): GeneratedFile[] {
  return feeds.flatMap((feed) => [
    { path: feed.atomPath, body: atomFeed(feed, publication, buildTimeIso) },
    { path: feed.jsonPath, body: jsonFeed(feed, publication) },
  ]);
}

export function feedLinks(feeds: Feed[]): FeedLink[] {
  return feeds.map(({ pageUrl, title, atomPath, jsonPath }) => ({ pageUrl, title, atomPath, jsonPath }));
}

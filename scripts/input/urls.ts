/**
 * Every kind of URL the site's pages live at, root-relative (the HTML base plugin and SiteUrl
 * add any path prefix). One place, so that no two kinds of page can claim the same address
 * (scripts/lists/site-urls.ts checks that none does, before anything is rendered).
 */

export const HOME_URL = "/";

/** The index of topics; each topic's page is below it. */
export const TOPICS_URL = "/sujets/";

/** The archive's index; each month's page is below it. */
export const ARCHIVE_URL = "/archives/";

/** The index of authors; each author's page is below it. */
export const AUTHORS_URL = "/auteurs/";

/** The segment below a list's URL where its numbered pages go (see pageUrl). */
export const PAGE_SEGMENT = "page";

export function sectionUrl(sectionSlug: string): string {
  return `/${sectionSlug}/`;
}

export function articleUrl(sectionSlug: string, slug: string): string {
  return `/${sectionSlug}/${slug}/`;
}

export function topicUrl(tagSlug: string): string {
  return `${TOPICS_URL}${tagSlug}/`;
}

export function authorUrl(authorSlug: string): string {
  return `${AUTHORS_URL}${authorSlug}/`;
}

/** A page about the publisher (« À propos », « Mentions légales »…), at the site's root: /a-propos/. */
export function trustPageUrl(slug: string): string {
  return `/${slug}/`;
}

/** "2023-04" → /archives/2023/04/. */
export function archiveMonthUrl(monthKey: string): string {
  return `${ARCHIVE_URL}${monthKey.replace("-", "/")}/`;
}

/** A list's numbered page: page 1 is the list's own URL, so it never has two addresses. */
export function pageUrl(listUrl: string, number: number): string {
  return number <= 1 ? listUrl : `${pagesFolder(listUrl)}${number}/`;
}

/** The folder of a list's numbered pages: nothing else may live there. */
export function pagesFolder(listUrl: string): string {
  return `${listUrl}${PAGE_SEGMENT}/`;
}

/** The Atom and JSON feeds that follow a page (the home page or a section's). */
export function feedUrls(pageUrl: string): { atom: string; json: string } {
  return { atom: `${pageUrl}atom.xml`, json: `${pageUrl}feed.json` };
}

/** An article's sharing card, next to its page: /international/slug/social.png. */
export function socialCardUrl(articleUrl: string): string {
  return `${articleUrl}social.png`;
}

/** The logo, the favicon, the stylesheet and the site's sharing card. */
export const ASSETS_URL = "/assets/";

/** The output's folder of published photo files. */
export const PHOTOS_FOLDER = "photos";

/** Every published photo file: /photos/<section>/<the source's path without extension>-…. */
export const PHOTOS_URL = `/${PHOTOS_FOLDER}/`;

/** The search page: a form, and with JavaScript the results (scripts/browser/search-page.ts). */
export const SEARCH_URL = "/recherche/";

/** The output's folder of the search index and the search page's script (scripts/publish/search-index.ts). */
export const SEARCH_FILES_FOLDER = "recherche-index";

export const SEARCH_FILES_URL = `/${SEARCH_FILES_FOLDER}/`;

/** The site's files at its root besides pages (numbered sitemap parts come from sitemapPartUrl). */
export const SITEMAP_URL = "/sitemap.xml";
export const NEWS_SITEMAP_URL = "/sitemap-news.xml";
export const ROBOTS_URL = "/robots.txt";
export const NOT_FOUND_URL = "/404.html";
/** HTTP headers for Netlify and Cloudflare Pages. */
export const HEADERS_URL = "/_headers";

/** A sitemap's numbered part past 50,000 URLs: /sitemap.xml → /sitemap-2.xml. */
export function sitemapPartUrl(sitemapUrl: string, number: number): string {
  return sitemapUrl.replace(/\.xml$/, `-${number}.xml`);
}

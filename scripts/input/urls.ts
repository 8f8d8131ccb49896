/**
 * Every kind of URL the site's pages live at, root-relative (the HTML base plugin and SiteUrl
 * add any path prefix). One place, so that no two kinds of page can claim the same address.
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
  return number <= 1 ? listUrl : `${listUrl}${PAGE_SEGMENT}/${number}/`;
}

/**
 * One representative URL per page type of the real site, checked by the browser tests.
 * Add a row when a new kind of page appears (paginated sections, tag pages, …).
 */
export interface PageType {
  /** Short name, used in test titles and screenshot file names. */
  name: string;
  /** URL path on the built site. */
  path: string;
  /** HTTP status the page is served with. */
  status: number;
}

export const ARTICLE_PATH = "/international/li-shangfu-moscou-cooperation-militaire/";

export const PAGE_TYPES: readonly PageType[] = [
  { name: "home", path: "/", status: 200 },
  { name: "section", path: "/international/", status: 200 },
  { name: "article", path: ARTICLE_PATH, status: 200 },
  { name: "404", path: "/cette-page-n-existe-pas/", status: 404 },
];

/** Widths of a common phone and of a laptop, in CSS pixels. */
export const WIDTHS = [390, 1280] as const;

export const COLOR_SCHEMES = ["light", "dark"] as const;

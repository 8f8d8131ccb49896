/**
 * One representative URL per page type, checked by the browser tests: on the real site, or on
 * the synthetic newsroom (tests/fixtures/newsroom) for what the real site has no example of.
 * Add a row when a new kind of page appears (paginated sections, tag pages, …), and its name to
 * CHECKED_PAGE_KINDS (scripts/input/accessibility.ts): the accessibility statement lists them.
 */
export interface PageType {
  /** Short name, used in test titles and screenshot file names. */
  name: string;
  /** URL path on the built site. */
  path: string;
  /** HTTP status the page is served with. */
  status: number;
  /**
   * Set when the page is on the synthetic newsroom or on the photo site (tests/helpers/photo-site.ts)
   * rather than the real site.
   */
  site?: "newsroom" | "photos";
}

export const ARTICLE_PATH = "/international/li-shangfu-moscou-cooperation-militaire/";

export const PAGE_TYPES: readonly PageType[] = [
  { name: "home", path: "/", status: 200 },
  { name: "section", path: "/international/", status: 200 },
  { name: "article", path: ARTICLE_PATH, status: 200 },
  { name: "author", path: "/auteurs/la-redaction/", status: 200 },
  { name: "authors", path: "/auteurs/", status: 200 },
  // The pages about the publisher share one layout; « À propos » stands for them all, but for the
  // legal pages, which add what the build makes from data: the legal notice with the seed's
  // placeholders, the others as complete as the synthetic newsroom declares them.
  { name: "about", path: "/a-propos/", status: 200 },
  { name: "legal-notice", path: "/mentions-legales/", status: 200 },
  { name: "privacy", path: "/donnees-personnelles/", status: 200, site: "newsroom" },
  { name: "accessibility", path: "/accessibilite/", status: 200, site: "newsroom" },
  // The lists readers browse: a topic, the index of topics, the archive and a month of it.
  { name: "topic", path: "/sujets/chine/", status: 200 },
  { name: "topics", path: "/sujets/", status: 200 },
  { name: "archives", path: "/archives/", status: 200 },
  { name: "month", path: "/archives/2023/04/", status: 200 },
  { name: "404", path: "/cette-page-n-existe-pas/", status: 404 },
  // The one page with a script (scripts/browser/search-page.ts); tests/browser/search.test.ts shows results.
  { name: "search", path: "/recherche/", status: 200 },
  // The real site publishes one article, uncorrected, by « La Rédaction » (no links).
  { name: "corrected-article", path: "/international/elections-au-bresil/", status: 200, site: "newsroom" },
  { name: "person-author", path: "/auteurs/claire-martin/", status: 200, site: "newsroom" },
  // Live coverage: « En direct », « L'essentiel » and its updates (tests/build/live-build.test.ts).
  { name: "live-article", path: "/economie/greve-en-direct/", status: 200, site: "newsroom" },
  // A numbered page of a list (the real site's lists fit on one page).
  { name: "home-page-2", path: "/page/2/", status: 200, site: "newsroom" },
];

/** Widths of a common phone and of a laptop, in CSS pixels. */
export const WIDTHS = [390, 1280] as const;

export const COLOR_SCHEMES = ["light", "dark"] as const;

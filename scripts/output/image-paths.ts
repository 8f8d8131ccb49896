/**
 * The images the build draws itself and where they are served: a social card per article
 * (and one for every other page), the PNG logos for feeds and structured data, the SVG favicon.
 */
import type { Article } from "../input/article.ts";
import { ASSETS_URL, socialCardUrl } from "../input/urls.ts";

export interface ImageRef {
  /** Root-relative URL. */
  path: string;
  width: number;
  height: number;
}

/** 1200×630: the size Facebook, LinkedIn and X crop least. */
export const CARD_SIZE = { width: 1200, height: 630 } as const;

/** The raster wordmark, 6:1, for feeds (Atom asks for a wide logo); the SVG one stays for pages. */
export const LOGO_PNG: ImageRef = { path: `${ASSETS_URL}logo.png`, width: 600, height: 100 };

/**
 * The organization's logo in structured data and the JSON Feed icon: square, as Google asks
 * for an Organization logo of at least 112×112 px and JSON Feed for a 512×512 icon.
 */
export const LOGO_SQUARE_PNG: ImageRef = { path: "/assets/logo-square.png", width: 512, height: 512 };

/** The card of pages that are not articles (home, sections, lists). */
export const SITE_CARD: ImageRef = { path: `${ASSETS_URL}social.png`, ...CARD_SIZE };

export const FAVICON_PATH = `${ASSETS_URL}favicon.svg`;

/** Next to the article's page: /international/slug/social.png. */
export function articleCard(article: Pick<Article, "url">): ImageRef {
  return { path: socialCardUrl(article.url), ...CARD_SIZE };
}

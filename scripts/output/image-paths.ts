/**
 * The images the build draws itself and where they are served: a social card per article
 * (and one for every other page), the PNG logo for structured data, the SVG favicon.
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

/** Google asks for a raster logo in structured data; the SVG wordmark stays for pages. */
export const LOGO_PNG: ImageRef = { path: `${ASSETS_URL}logo.png`, width: 600, height: 100 };

/** The card of pages that are not articles (home, sections, lists). */
export const SITE_CARD: ImageRef = { path: `${ASSETS_URL}social.png`, ...CARD_SIZE };

export const FAVICON_PATH = `${ASSETS_URL}favicon.svg`;

/** Next to the article's page: /international/slug/social.png. */
export function articleCard(article: Pick<Article, "url">): ImageRef {
  return { path: socialCardUrl(article.url), ...CARD_SIZE };
}

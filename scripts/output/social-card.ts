/**
 * What the images we draw show, as trees of boxes and text runs (the node trees of the takumi
 * renderer, as plain data): the per-article social card (section and headline), the site's card
 * and the PNG wordmark. Layout only; scripts/publish/render-images.ts draws them.
 */
import type { Article } from "../input/article.ts";
import type { Publisher } from "../input/schema.ts";
import { articleCard, CARD_SIZE, type ImageRef, LOGO_PNG, LOGO_SQUARE_PNG, SITE_CARD } from "./image-paths.ts";

/** CSS properties in camelCase, as the renderer reads them. */
export type CardStyle = Record<string, string | number>;

/** A box holding other boxes, or a run of text that wraps within its box. */
export type CardNode =
  | { type: "container"; style: CardStyle; children: CardNode[] }
  | { type: "text"; style: CardStyle; text: string };

/** One image to draw: where it goes, its size, and what it shows. */
export interface ImageJob {
  image: ImageRef;
  tree: CardNode;
}

export const CARD_FONT = "Source Serif 4";
/** The same face's Latin Extended subset, for names such as Łódź. */
export const CARD_FONT_EXTENDED = "Source Serif 4 Extended";

const RED = "#b3001b";
const CARD_PADDING = 80;
const INK = "#111111";
const FONT_FAMILY = `"${CARD_FONT}", "${CARD_FONT_EXTENDED}"`;

const box = (style: CardStyle, children: CardNode[]): CardNode => ({ type: "container", style, children });
const text = (style: CardStyle, content: string): CardNode => ({ type: "text", style, text: content });

function wordmark(name: string, scale: number): CardNode {
  return box({ display: "flex", alignItems: "center" }, [
    box({ width: 6 * scale, height: 28 * scale, backgroundColor: RED, marginRight: 8 * scale }, []),
    text({ fontSize: 26 * scale, fontWeight: 700, color: INK, letterSpacing: 0.5 * scale }, name),
  ]);
}

/** A card: the site's wordmark, then a red kicker (the section) and the headline, top-aligned. */
export function cardTree(kicker: string, title: string, siteName: string): CardNode {
  return box(
    {
      display: "flex",
      flexDirection: "column",
      width: CARD_SIZE.width,
      height: CARD_SIZE.height,
      padding: `56px ${CARD_PADDING}px 64px`,
      backgroundColor: "#ffffff",
      borderTop: `16px solid ${RED}`,
      fontFamily: FONT_FAMILY,
    },
    [
      wordmark(siteName, 1.5),
      box({ display: "flex", flexDirection: "column", marginTop: 72 }, [
        text(
          { fontSize: 30, fontWeight: 700, color: RED, textTransform: "uppercase", letterSpacing: 2, marginBottom: 20 },
          kicker,
        ),
        text(
          {
            width: CARD_SIZE.width - 2 * CARD_PADDING,
            fontSize: title.length > 80 ? 54 : 62,
            fontWeight: 700,
            lineHeight: 1.15,
            color: INK,
          },
          title,
        ),
      ]),
    ],
  );
}

/** The wordmark (the header writes the same: _includes/css/site.css .wordmark) as a raster for feeds and structured data, on white. */
export function logoTree(siteName: string, image: ImageRef = LOGO_PNG): CardNode {
  return box(
    {
      display: "flex",
      alignItems: "center",
      justifyContent: "center",
      width: image.width,
      height: image.height,
      backgroundColor: "#ffffff",
      fontFamily: FONT_FAMILY,
    },
    [wordmark(siteName, 2)],
  );
}

/** Every image of the site: the logos and the site card (unless another share draws them), one card per article. */
export function imageJobs(articles: Article[], publisher: Publisher, options = { siteImages: true }): ImageJob[] {
  const site: ImageJob[] = [
    { image: LOGO_PNG, tree: logoTree(publisher.name) },
    { image: LOGO_SQUARE_PNG, tree: logoTree(publisher.name, LOGO_SQUARE_PNG) },
    { image: SITE_CARD, tree: cardTree("Actualités", publisher.description, publisher.name) },
  ];
  return [
    ...(options.siteImages ? site : []),
    ...articles.map((article) => ({
      image: articleCard(article),
      tree: cardTree(article.section.name, article.title, publisher.name),
    })),
  ];
}

/**
 * What the images we draw show, as trees of elements for the satori renderer (its
 * React-like { type, props } objects): the per-article social card (section and headline),
 * the site's card and the PNG wordmark. Layout only; scripts/publish/render-images.ts renders them.
 */
import type { Article } from "../input/article.ts";
import type { Publisher } from "../input/schema.ts";
import { articleCard, CARD_SIZE, type ImageRef, LOGO_PNG, LOGO_SQUARE_PNG, SITE_CARD } from "./image-paths.ts";

export interface CardElement {
  type: string;
  props: { style?: Record<string, string | number>; children?: string | CardElement | CardElement[] };
}

/** One image to draw: where it goes and what it shows. */
export interface ImageJob {
  image: ImageRef;
  tree: CardElement;
}

export const CARD_FONT = "Source Serif 4";
/** The same face's Latin Extended subset, for names such as Łódź. */
export const CARD_FONT_EXTENDED = "Source Serif 4 Extended";

const RED = "#b3001b";
const CARD_PADDING = 80;
const INK = "#111111";

const element = (
  type: string,
  style: Record<string, string | number>,
  children?: CardElement["props"]["children"],
): CardElement => ({
  type,
  props: children === undefined ? { style } : { style, children },
});

function wordmark(name: string, scale: number): CardElement {
  return element("div", { display: "flex", alignItems: "center" }, [
    element("div", { width: 6 * scale, height: 28 * scale, backgroundColor: RED, marginRight: 8 * scale }),
    element("div", { fontSize: 26 * scale, fontWeight: 700, color: INK, letterSpacing: 0.5 * scale }, name),
  ]);
}

/**
 * A card: the site's wordmark, then a red kicker (the section) and the headline, top-aligned
 * (satori under-measures wrapped text, so nothing is placed relative to the bottom).
 */
export function cardTree(kicker: string, title: string, siteName: string): CardElement {
  return element(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      width: CARD_SIZE.width,
      height: CARD_SIZE.height,
      padding: `56px ${CARD_PADDING}px 64px`,
      backgroundColor: "#ffffff",
      borderTop: `16px solid ${RED}`,
      fontFamily: `"${CARD_FONT}", "${CARD_FONT_EXTENDED}"`,
    },
    [
      wordmark(siteName, 1.5),
      element("div", { display: "flex", flexDirection: "column", marginTop: 72 }, [
        element(
          "div",
          { fontSize: 30, fontWeight: 700, color: RED, textTransform: "uppercase", letterSpacing: 2, marginBottom: 20 },
          kicker,
        ),
        // An explicit width: satori does not wrap text to a padded parent's width on its own.
        element(
          "div",
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

/** The wordmark of src/assets/logo.svg as a raster for feeds and structured data, on white. */
export function logoTree(siteName: string, image: ImageRef = LOGO_PNG): CardElement {
  return element(
    "div",
    {
      display: "flex",
      alignItems: "center",
      justifyContent: "center",
      width: image.width,
      height: image.height,
      backgroundColor: "#ffffff",
      fontFamily: `"${CARD_FONT}", "${CARD_FONT_EXTENDED}"`,
    },
    [wordmark(siteName, 2)],
  );
}

/** Every image of the site: the logos, the site card, one card per article. */
export function imageJobs(articles: Article[], publisher: Publisher): ImageJob[] {
  return [
    { image: LOGO_PNG, tree: logoTree(publisher.name) },
    { image: LOGO_SQUARE_PNG, tree: logoTree(publisher.name, LOGO_SQUARE_PNG) },
    { image: SITE_CARD, tree: cardTree("Actualités", publisher.description, publisher.name) },
    ...articles.map((article) => ({
      image: articleCard(article),
      tree: cardTree(article.section.name, article.title, publisher.name),
    })),
  ];
}

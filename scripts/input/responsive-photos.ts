/**
 * How a photo is published and shown: the versions made of it (AVIF and WebP at a few widths,
 * never wider than the source, and one JPEG for browsers that read neither), and the <picture>
 * that lets each browser pick one. Everything here follows from the source's path and
 * dimensions, so every file the build will write is known before a page renders; making them
 * is scripts/publish/photos.ts's job.
 */
import { escapeHtml } from "markdown-it/lib/common/utils.mjs";
import type { PhotoFile } from "./images.ts";

/** Widths published, in pixels: a phone's column at 1× to a laptop's at 2×. */
export const PHOTO_WIDTHS = [480, 800, 1200, 1600] as const;
const WIDEST = 1600;

/** The JPEG fallback's width: for the rare browser without AVIF or WebP, a phone-sized photo. */
export const FALLBACK_WIDTH = 800;

export type PublishedFormat = "avif" | "webp" | "jpeg";

/** A region of the source, in its pixels (after its EXIF orientation). */
export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One file made of a photo. */
export interface Rendition {
  /** Root-relative URL, and path in the output. */
  path: string;
  width: number;
  height: number;
  format: PublishedFormat;
  /** The region it shows, when not the whole photo. */
  crop?: CropBox;
}

/** A photo as pages show it. */
export interface ResponsivePhoto {
  /** Absolute path of the source file. */
  file: string;
  /** The <img>'s width and height: the largest version's, so the box has the photo's proportions. */
  width: number;
  height: number;
  /** Every file the <picture> refers to: AVIF and WebP by width, then the JPEG fallback. */
  renditions: Rendition[];
}

/** A lead photo: the front matter's `image`. */
export interface LeadPhoto extends ResponsivePhoto {
  /** Root-relative URL its published versions start with (crops are named after it). */
  base: string;
  /** The source's own dimensions, for crops. */
  sourceWidth: number;
  sourceHeight: number;
  /** "" for a decorative photo. */
  alt: string;
  caption: string | null;
  credit: string;
  /** What crops keep in view, as fractions of the width and height from the top left corner. */
  focus: { x: number; y: number };
}

const MIME: Record<PublishedFormat, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" };
const EXTENSION: Record<PublishedFormat, string> = { avif: "avif", webp: "webp", jpeg: "jpg" };

export function renditionPath(base: string, suffix: string, format: PublishedFormat): string {
  return `${base}-${suffix}.${EXTENSION[format]}`;
}

/**
 * The widths published for a source `width` px wide: the standard ones it covers, plus its own
 * width when it falls well between two (a 1000 px photo gets 480, 800 and 1000), never more.
 */
export function photoWidths(width: number): number[] {
  const widths: number[] = PHOTO_WIDTHS.filter((w) => w <= width);
  const largest = widths.at(-1);
  if (largest === undefined || (width < WIDEST && width >= largest * 1.25)) widths.push(width);
  return widths;
}

/** Height at `width` with the source's proportions (sharp rounds the same way). */
export function scaledHeight(photo: { width: number; height: number }, width: number): number {
  return Math.max(1, Math.round((width * photo.height) / photo.width));
}

export function responsivePhoto(photo: PhotoFile): ResponsivePhoto {
  const widths = photoWidths(photo.width);
  const rendition = (width: number, format: PublishedFormat): Rendition => ({
    path: renditionPath(photo.base, String(width), format),
    width,
    height: scaledHeight(photo, width),
    format,
  });
  const fallbackWidth = widths.filter((w) => w <= FALLBACK_WIDTH).at(-1) ?? (widths[0] as number);
  const largest = widths.at(-1) as number;
  return {
    file: photo.file,
    width: largest,
    height: scaledHeight(photo, largest),
    renditions: [
      ...(["avif", "webp"] as const).flatMap((format) => widths.map((width) => rendition(width, format))),
      rendition(fallbackWidth, "jpeg"),
    ],
  };
}

/**
 * Where photos are shown, and how wide: `sizes` says it to the browser before the stylesheet
 * arrives, so each value matches a rule of _includes/css/site.css. The photo at the top of a
 * page is fetched first; every other waits until it is about to be seen.
 */
export const PHOTO_LAYOUTS = {
  /** An article's lead photo and its photos in the text: the column (38rem), edge to edge on phones. */
  article: { sizes: "(min-width: 40rem) 38rem, 100vw", eager: true, maxWidth: Infinity },
  body: { sizes: "(min-width: 40rem) 38rem, 100vw", eager: false, maxWidth: Infinity },
  /** The first story of the home page and of a section: the list's width (48rem), edge to edge on phones. */
  top: { sizes: "(min-width: 50rem) 48rem, 100vw", eager: true, maxWidth: Infinity },
  /**
   * Beside a headline in a list, 6.5rem or 11rem wide (314 px on a 390 px phone at 3×, 352 px on a
   * laptop at 2×): the 480 px version alone, which keeps list pages light (lists show many).
   */
  thumbnail: { sizes: "", eager: false, maxWidth: 480 },
} as const;

export type PhotoLayout = keyof typeof PHOTO_LAYOUTS;

/** The <picture> of a photo; `alt` as it should be read ("" for a decorative one). */
export function pictureHtml(photo: ResponsivePhoto, alt: string, layout: PhotoLayout): string {
  const { sizes, eager, maxWidth } = PHOTO_LAYOUTS[layout];
  const sources = (["avif", "webp"] as const).map((format) => {
    const candidates = photo.renditions.filter((r) => r.format === format && !r.crop);
    const useful = candidates.filter((r, index) => index === 0 || r.width <= maxWidth);
    // One file needs no choosing: no widths, no sizes.
    // Paths are ASCII slugs (images.ts): nothing in them to escape.
    if (useful.length === 1) return `<source type="${MIME[format]}" srcset="${useful[0]?.path}">`;
    const srcset = useful.map((r) => `${r.path} ${r.width}w`).join(", ");
    return `<source type="${MIME[format]}" srcset="${srcset}" sizes="${sizes}">`;
  });
  const fallback = photo.renditions.find((r) => r.format === "jpeg" && !r.crop) as Rendition;
  // Width and height give the box its proportions before the file arrives: nothing moves.
  const loading = eager ? ' fetchpriority="high"' : ' loading="lazy" decoding="async"';
  return `<picture>${sources.join("")}<img src="${fallback.path}" alt="${escapeHtml(alt)}" width="${photo.width}" height="${photo.height}"${loading}></picture>`;
}

/** A credit as newspapers print it after the caption; "Photo :" is for screen readers. */
export function creditHtml(credit: string): string {
  return `<span class="credit"><span class="visually-hidden">Photo\u00a0: </span>${credit}</span>`;
}

/** A <figure> with its caption and credit (both HTML already). */
export function figureHtml(picture: string, captionHtml: string, credit: string, className: string): string {
  const caption = [captionHtml, creditHtml(credit)].filter((part) => part !== "").join(" ");
  return `<figure class="${className}">${picture}<figcaption>${caption}</figcaption></figure>`;
}

/** A lead photo's figure: its caption and credit are plain text. */
export function leadFigureHtml(photo: LeadPhoto): string {
  return figureHtml(
    pictureHtml(photo, photo.alt, "article"),
    photo.caption === null ? "" : escapeHtml(photo.caption),
    escapeHtml(photo.credit),
    "photo photo-lead",
  );
}

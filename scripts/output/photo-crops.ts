/**
 * What search engines and social networks get of a lead photo: crops at 16:9, 4:3 and 1:1, 1200
 * px wide, for JSON-LD (Google picks the one that fits where it shows the article), and a
 * 1200×630 crop for Open Graph and Twitter cards, all JPEG, centred on the photo's focus. And
 * every file the build makes of photos, known from the content alone before anything renders.
 */
import type { Article } from "../input/article.ts";
import {
  type CropBox,
  type LeadPhoto,
  type Rendition,
  type ResponsivePhoto,
  renditionPath,
} from "../input/responsive-photos.ts";
import type { SiteUrl } from "../input/site-url.ts";
import { articleCard, CARD_SIZE, type ImageRef, SITE_CARD } from "./image-paths.ts";

interface CropSize {
  suffix: string;
  width: number;
  height: number;
}

/** Google asks for 16:9, 4:3 and 1:1 images at least 1200 px wide for articles (and Discover). */
export const SEARCH_CROPS: readonly CropSize[] = [
  { suffix: "16x9", width: 1200, height: 675 },
  { suffix: "4x3", width: 1200, height: 900 },
  { suffix: "1x1", width: 1200, height: 1200 },
];

/** The size of the drawn cards, which sharing previews crop least. */
export const SOCIAL_CROP: CropSize = { suffix: "1200x630", ...CARD_SIZE };

/**
 * The largest region of a `source` with the proportions of `target`, as close to centred on
 * `focus` (fractions from the top left) as the edges allow.
 */
export function cropBox(
  source: { width: number; height: number },
  target: { width: number; height: number },
  focus: { x: number; y: number },
): CropBox {
  const ratio = target.width / target.height;
  const width = Math.min(source.width, Math.round(source.height * ratio));
  const height = Math.min(source.height, Math.round(source.width / ratio));
  const place = (centre: number, size: number, total: number) =>
    Math.min(total - size, Math.max(0, Math.round(centre * total - size / 2)));
  return {
    left: place(focus.x, width, source.width),
    top: place(focus.y, height, source.height),
    width,
    height,
  };
}

/** A crop as a file: 1200 px wide even when the region is narrower (a square from a landscape photo). */
function crop(photo: LeadPhoto, size: CropSize): Rendition {
  return {
    path: renditionPath(photo.base, size.suffix, "jpeg"),
    width: size.width,
    height: size.height,
    format: "jpeg",
    crop: cropBox({ width: photo.sourceWidth, height: photo.sourceHeight }, size, photo.focus),
  };
}

export function searchCrops(photo: LeadPhoto): Rendition[] {
  return SEARCH_CROPS.map((size) => crop(photo, size));
}

export function socialCrop(photo: LeadPhoto): Rendition {
  return crop(photo, SOCIAL_CROP);
}

/**
 * The image a page is shared with (og:image, twitter:image): its article's lead photo cropped to
 * 1200×630, else a drawn card. `title` describes a card, which shows the headline.
 */
export function sharingImage(
  article: Article | undefined,
  title: string,
): ImageRef & { type: "image/jpeg" | "image/png"; alt: string } {
  const photo = article?.leadPhoto;
  if (photo) return { ...socialCrop(photo), type: "image/jpeg", alt: photo.alt || title };
  return { ...(article ? articleCard(article) : SITE_CARD), type: "image/png", alt: title };
}

/** JSON-LD ImageObjects for an article's `image`, with the caption and the credit. */
export function leadPhotoLd(photo: LeadPhoto, site: SiteUrl): Record<string, unknown>[] {
  return searchCrops(photo).map((rendition) => ({
    "@type": "ImageObject",
    url: site.absolute(rendition.path),
    width: rendition.width,
    height: rendition.height,
    ...(photo.caption ? { caption: photo.caption } : {}),
    creditText: photo.credit,
  }));
}

/** The files to make from one source photo. */
export interface PhotoJob {
  /** Absolute path of the source. */
  file: string;
  /** The first article that names it, and where, for messages. */
  article: string;
  field: string;
  renditions: Rendition[];
}

/** Every photo file the build writes, by source, in a stable order; one source named twice is made once. */
export function photoJobs(articles: readonly Article[]): PhotoJob[] {
  const jobs = new Map<string, { job: PhotoJob; paths: Set<string> }>();
  const add = (article: Article, field: string, photo: ResponsivePhoto, renditions: Rendition[]) => {
    let entry = jobs.get(photo.file);
    if (!entry) {
      entry = { job: { file: photo.file, article: article.sourcePath, field, renditions: [] }, paths: new Set() };
      jobs.set(photo.file, entry);
    }
    for (const rendition of renditions) {
      if (entry.paths.has(rendition.path)) continue;
      entry.paths.add(rendition.path);
      entry.job.renditions.push(rendition);
    }
  };
  for (const article of articles) {
    const lead = article.leadPhoto;
    if (lead) add(article, "image.src", lead, [...lead.renditions, ...searchCrops(lead), socialCrop(lead)]);
    for (const photo of article.bodyPhotos) add(article, "body", photo, photo.renditions);
  }
  return [...jobs.values()].map(({ job }) => job).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

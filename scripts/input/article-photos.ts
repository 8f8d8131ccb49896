/**
 * An article's photos: its lead photo (the front matter's `image`) and the photos its text
 * shows, each file found beside the article and checked (images.ts), and every file named
 * remembered, found or not, so that the preview reads the article again when one changes.
 */
import type { ContentProblem } from "./content-error.ts";
import { LEAD_PHOTO_MIN_WIDTH, PhotoFiles } from "./images.ts";

/** A photo file an article names, and its stamp when it was read. */
export interface PhotoStamp {
  file: string;
  stamp: string;
}

import { typesetPlainText } from "./markdown.ts";
import { type LeadPhoto, type ResponsivePhoto, responsivePhoto } from "./responsive-photos.ts";
import type { ArticleFrontMatter } from "./schema.ts";

export interface ArticlePhotos {
  leadPhoto: LeadPhoto | null;
  /** The lead photo's problems. */
  problems: ContentProblem[];
  /** For renderBody: finds a photo the text shows. */
  resolve(src: string): { ok: true; photo: ResponsivePhoto } | { ok: false; message: string };
  /** Every photo file named so far (absolute paths), found or not, with its stamp (images.ts fileStamp). */
  files: PhotoStamp[];
}

export function articlePhotos(
  sourcePath: string,
  meta: Pick<ArticleFrontMatter, "section" | "image">,
  photos: PhotoFiles = new PhotoFiles(),
): ArticlePhotos {
  const files: PhotoStamp[] = [];
  const find = (src: string, minWidth?: number) => {
    const found = photos.resolve(sourcePath, meta.section, src, minWidth);
    const file = found.ok ? found.photo.file : found.file;
    if (file) files.push({ file, stamp: found.stamp ?? "missing" });
    return found;
  };
  const problems: ContentProblem[] = [];
  let leadPhoto: LeadPhoto | null = null;
  if (meta.image) {
    const { src, alt, caption, credit, focus } = meta.image;
    const found = find(src, LEAD_PHOTO_MIN_WIDTH);
    if (!found.ok) problems.push({ file: sourcePath, field: "image.src", message: found.message });
    else {
      leadPhoto = {
        ...responsivePhoto(found.photo),
        base: found.photo.base,
        sourceWidth: found.photo.width,
        sourceHeight: found.photo.height,
        alt: typesetPlainText(alt),
        caption: caption === undefined ? null : typesetPlainText(caption),
        credit: typesetPlainText(credit),
        focus: { x: (focus?.x ?? 50) / 100, y: (focus?.y ?? 50) / 100 },
      };
    }
  }
  return {
    leadPhoto,
    problems,
    files,
    resolve(src) {
      const found = find(src);
      return found.ok ? { ok: true, photo: responsivePhoto(found.photo) } : found;
    },
  };
}

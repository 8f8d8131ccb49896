/**
 * Photo sources: the files a lead photo (front matter `image.src`) or a photo in an article's
 * body names, read and checked before anything renders. Each file is read once per load: its
 * size, its format (from its first bytes, not its name) and its dimensions (from its header, by
 * image-size, without decoding a pixel). The pixels are decoded later, and only when a published
 * version is not cached yet (scripts/publish/photos.ts).
 *
 * Photos live beside their article: `src` is a path from the article's file into its section's
 * folder (`2023-04-18-li-shangfu.jpg`, or `2023-04-18-li-shangfu/moscou.jpg`), made of ASCII
 * slugs like article file names, because it becomes the photo's URL: every published version is
 * under /photos/<section>/<that path without its extension>-….
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";
import { shownPath } from "../text/shown-path.ts";
import { PHOTOS_URL } from "./urls.ts";

/** Formats a photo may come in; every one is published as AVIF, WebP and JPEG. */
export type PhotoFormat = "jpeg" | "png" | "webp" | "avif";

/** Bigger files are refused before they are read: photos live in the repository. */
export const MAX_PHOTO_BYTES = 25 * 1024 * 1024;

/**
 * More pixels are refused before any is decoded (a "decompression bomb" is a small file that
 * claims huge dimensions). 50 megapixels holds any news photo (a 45-megapixel camera's is 8256 ×
 * 5504) and keeps a decoded photo under 150 MB; sharp is given the same limit (limitInputPixels).
 */
export const MAX_PHOTO_PIXELS = 50_000_000;

/** Search engines ask for images at least 1200 px wide (Google Discover's large previews). */
export const LEAD_PHOTO_MIN_WIDTH = 1200;

const EXPECTED_FORMATS = "a JPEG, PNG, WebP or AVIF photo";

/** A photo source, checked. */
export interface PhotoFile {
  /** Absolute path of the source file. */
  file: string;
  /** Root-relative URL its published versions start with: /photos/international/li-shangfu. */
  base: string;
  /** As it is shown: after its EXIF orientation (a portrait shot on its side is taller than wide). */
  width: number;
  height: number;
  format: PhotoFormat;
}

/**
 * A refusal names the file when there is one to look at (a missing file too: it may come); with
 * the file, its stamp when it was read, so that the preview can tell when it changes.
 */
export type PhotoFileResult =
  | { ok: true; photo: PhotoFile; stamp: string }
  | { ok: false; message: string; file?: string; stamp?: string };

/** What changes when a file does: its modification time and size, or "missing". */
export function fileStamp(stats: { mtimeMs: number; size: number } | undefined): string {
  return stats ? `${stats.mtimeMs}:${stats.size}` : "missing";
}

/** Each segment an ASCII slug, then a lower-case extension: `2023-04-18-li-shangfu.jpg`. */
const SOURCE_PATH = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)*[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+$/;

/** Enough of a file for the dimensions of nearly every photo; the whole file is read otherwise. */
const HEADER_BYTES = 64 * 1024;

type Sniffed = PhotoFormat | { refused: string };

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

/** What the first bytes say the file is: a format we publish, or the name of one we refuse. */
export function sniffFormat(bytes: Uint8Array): Sniffed | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (ascii(bytes, 0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (ascii(bytes, 4, 8) === "ftyp") {
    const brand = ascii(bytes, 8, 12);
    if (brand === "avif" || brand === "avis") return "avif";
    return { refused: /^(?:hei|hev|mif|msf)/.test(brand) ? "a HEIC photo" : `an ISO media file (${brand.trim()})` };
  }
  if (ascii(bytes, 0, 4) === "GIF8") return { refused: "a GIF" };
  if (ascii(bytes, 0, 4) === "II*\0" || ascii(bytes, 0, 4) === "MM\0*") return { refused: "a TIFF" };
  if (ascii(bytes, 0, 2) === "BM") return { refused: "a BMP" };
  const text = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, "");
  if (/^\s*</.test(text) && /<svg[\s>]/i.test(text)) return { refused: "an SVG drawing, not a photo" };
  return null;
}

/** The file's first bytes, read into `scratch` (reused from file to file: no allocation each time). */
function readHeader(file: string, size: number, scratch: Uint8Array): Uint8Array {
  const fd = openSync(file, "r");
  try {
    return scratch.subarray(0, readSync(fd, scratch, 0, Math.min(size, scratch.length), 0));
  } finally {
    closeSync(fd);
  }
}

/** Width and height as shown, or null when the header does not give them. */
function dimensions(file: string, header: Uint8Array, size: number): { width: number; height: number } | null {
  const measure = (bytes: Uint8Array | string) => {
    try {
      const { width, height, orientation } = imageSize(bytes);
      if (!width || !height) return null;
      // EXIF orientations 5 to 8 turn the picture a quarter: its width is the file's height.
      return orientation !== undefined && orientation >= 5 ? { width: height, height: width } : { width, height };
    } catch {
      return null;
    }
  };
  // A large EXIF block (an embedded thumbnail) can push a JPEG's dimensions past the first bytes.
  return measure(header) ?? (size > header.length ? measure(file) : null);
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Reads and checks one photo file; `shown` is how messages name it (the editor's `src`). */
export function readPhotoFile(
  file: string,
  base: string,
  shown: string,
  scratch = Buffer.allocUnsafe(HEADER_BYTES),
): PhotoFileResult {
  const stats = statSync(file, { throwIfNoEntry: false });
  const stamp = fileStamp(stats);
  const refuse = (message: string): PhotoFileResult => ({
    ok: false,
    message: `${JSON.stringify(shown)} ${message}`,
    file,
    stamp,
  });
  if (!stats) return refuse(`is not there; expected a photo file at ${shownPath(file)}`);
  // A folder, a FIFO or a device (or a link to one): never opened, a FIFO would wait forever.
  if (!stats.isFile()) return refuse(`is not a regular file; expected a photo file at ${shownPath(file)}`);
  if (stats.size > MAX_PHOTO_BYTES) {
    return refuse(
      `weighs ${megabytes(stats.size)}; expected at most ${megabytes(MAX_PHOTO_BYTES)} (export it smaller)`,
    );
  }
  const header = readHeader(file, stats.size, scratch);
  const format = sniffFormat(header);
  if (format === null) return refuse(`is not an image file; expected ${EXPECTED_FORMATS}`);
  if (typeof format === "object") return refuse(`is ${format.refused}; expected ${EXPECTED_FORMATS}`);
  const size = dimensions(file, header, stats.size);
  if (!size) return refuse(`has no readable dimensions (a damaged file?); expected ${EXPECTED_FORMATS}`);
  const pixels = size.width * size.height;
  if (pixels > MAX_PHOTO_PIXELS) {
    return refuse(
      `is ${size.width} × ${size.height} px (${(pixels / 1e6).toFixed(1)} megapixels); expected at most ${MAX_PHOTO_PIXELS / 1e6} megapixels`,
    );
  }
  return { ok: true, photo: { file, base, ...size, format }, stamp };
}

/** Where a photo's published versions go: /photos/<section>/<src without its extension>. */
export function photoBase(section: string, src: string): string {
  return `${PHOTOS_URL}${section}/${src.replace(/\.[^./]*$/, "")}`;
}

/** The photo files of one load, each read once however many articles name it. */
export class PhotoFiles {
  readonly #read = new Map<string, PhotoFileResult>();
  /** Published URL base → the file published there: x.jpg and x.png would share one. */
  readonly #bases = new Map<string, string>();
  /** Where headers are read (1334 photos: 85 MB less to allocate and clear). */
  readonly #scratch = Buffer.allocUnsafe(HEADER_BYTES);

  /**
   * The photo `src` names, relative to the article at `articleSource` (a path as messages show
   * it) in `section`; `minWidth` for lead photos. A refusal's message starts with `src` quoted,
   * then says what was found and what was expected.
   */
  resolve(articleSource: string, section: string, src: string, minWidth = 0): PhotoFileResult {
    const quoted = JSON.stringify(src);
    if (!SOURCE_PATH.test(src)) {
      return {
        ok: false,
        message: `${quoted} is not a path to a photo beside the article; expected a file in the article's folder or below it, named with lower-case letters, digits and hyphens and an extension (e.g. ${path.basename(articleSource, ".md")}.jpg)`,
      };
    }
    const file = path.resolve(path.dirname(articleSource), src);
    let result = this.#read.get(file);
    if (!result) {
      const base = photoBase(section, src);
      const other = this.#bases.get(base);
      result = other
        ? {
            ok: false,
            message: `${quoted} would be published at the same URLs as ${shownPath(other)} (${base}-…); expected one photo per name in a folder`,
            file,
            stamp: fileStamp(statSync(file, { throwIfNoEntry: false })),
          }
        : readPhotoFile(file, base, src, this.#scratch);
      if (!other) this.#bases.set(base, file);
      this.#read.set(file, result);
    }
    if (result.ok && result.photo.width < minWidth) {
      return {
        ok: false,
        message: `${quoted} is ${result.photo.width} px wide; expected a lead photo at least ${minWidth} px wide`,
        file,
        stamp: result.stamp,
      };
    }
    // Articles reach a file from their own folder only, so the same file always has the same src.
    return result;
  }
}

/** Small photo files for unit tests, made by sharp from a colour or from pixels (never downloaded). */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { syntheticPixels } from "../../scripts/bench/synthetic-photo.ts";
import { type LeadPhoto, type ResponsivePhoto, responsivePhoto } from "../../scripts/input/responsive-photos.ts";

export interface PhotoOptions {
  format?: "jpeg" | "png" | "webp" | "avif" | "gif" | "tiff";
  /** An EXIF orientation (6: shot on its side, to be turned a quarter clockwise). */
  orientation?: number;
  /** EXIF with a copyright, an artist and a GPS position, as cameras and phones write. */
  exif?: boolean;
  /** Photo-like pixels (a seed) instead of a flat colour. */
  seed?: number;
}

/** GPS latitude 48° 51′ 24″ N, longitude 2° 21′ 7″ E: where the test photos were "taken". */
export const CAMERA_EXIF = {
  IFD0: { Copyright: "Agence Essai", Artist: "Photographe Essai" },
  IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 7/1" },
};

export async function photoBytes(width: number, height: number, options: PhotoOptions = {}): Promise<Buffer> {
  let image =
    options.seed === undefined
      ? sharp({ create: { width, height, channels: 3, background: "#7a8c99" } })
      : sharp(syntheticPixels(options.seed, width, height), { raw: { width, height, channels: 3 } });
  if (options.exif) image = image.withExif(CAMERA_EXIF);
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return image.toFormat(options.format ?? "jpeg").toBuffer();
}

export async function writePhoto(file: string, width: number, height: number, options: PhotoOptions = {}) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await photoBytes(width, height, options));
}

/**
 * A PNG that claims `width` × `height` in its header and holds nothing more: what a decompression
 * bomb looks like before its pixels are decoded.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from("\x89PNG\r\n\x1a\n", "latin1").copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write("IHDR", 12, "latin1");
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  header.set([8, 2, 0, 0, 0], 24);
  return header;
}

/** The EXIF tag of the GPS block (0x8825), little- or big-endian: present when a position is. */
export function hasGpsTag(exif: Buffer | undefined): boolean {
  return !!exif && (exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25])));
}

export function writeText(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A photo of the text beside an article of International, 1600×1067, as the parser makes it, without a file. */
export function bodyPhotoOf(src: string): ResponsivePhoto {
  return responsivePhoto({
    file: `/articles/international/${src}`,
    base: `/photos/international/${src.replace(/\.\w+$/, "")}`,
    width: 1600,
    height: 1067,
    format: "jpeg",
  });
}

/** A lead photo as the parser makes it, without a file (for modules that only read the model). */
export function leadPhotoOf(width: number, height: number, fields: Partial<LeadPhoto> = {}): LeadPhoto {
  const base = "/photos/international/2023-04-18-moscou";
  return {
    ...responsivePhoto({ file: `/articles/international/2023-04-18-moscou.jpg`, base, width, height, format: "jpeg" }),
    base,
    sourceWidth: width,
    sourceHeight: height,
    alt: "Deux hommes se serrent la main",
    caption: "Li Shangfu à Moscou, le 16 avril 2023.",
    credit: "Alexander Zemlianichenko / AP",
    focus: { x: 0.5, y: 0.5 },
    ...fields,
  };
}

/**
 * A JPEG made at `real` whose header (its frame's SOF marker) says `claimed`: the data of the
 * smaller picture under the header of a larger one.
 */
export async function jpegClaiming(claimed: number, real: { width: number; height: number }): Promise<Buffer> {
  const bytes = Buffer.from(await photoBytes(real.width, real.height, { seed: 3 }));
  for (let at = 2; at < bytes.length - 9; at += 1) {
    if (bytes[at] === 0xff && (bytes[at + 1] === 0xc0 || bytes[at + 1] === 0xc2)) {
      bytes.writeUInt16BE(claimed, at + 5);
      bytes.writeUInt16BE(claimed, at + 7);
      return bytes;
    }
  }
  throw new Error("no SOF marker");
}

/** A PNG of `real` size whose IHDR says `claimed`, its checksum made right again. */
export async function pngHeaderClaiming(claimed: number, real: { width: number; height: number }): Promise<Buffer> {
  const bytes = Buffer.from(await photoBytes(real.width, real.height, { format: "png" }));
  bytes.writeUInt32BE(claimed, 16);
  bytes.writeUInt32BE(claimed, 20);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  return bytes;
}

/** CRC-32 as PNG chunks carry it (zlib.crc32 is newer than Node 20.11). */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

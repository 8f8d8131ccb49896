/**
 * Makes the files of scripts/output/photo-crops.ts `photoJobs` (every version of every photo)
 * with @11ty/eleventy-img on sharp, and places them into a built site at their paths.
 *
 * Each file is cached on disk under a hash of what decides its bytes: the source's bytes, the
 * version asked for (size, crop, format), the encoders' settings and the versions of sharp,
 * libvips and eleventy-img. A build makes only what is not cached yet, several at once, and
 * links the rest into place: an edit that does not touch a photo does not encode it again.
 * sharp writes no metadata unless asked to: EXIF (GPS included), XMP and IPTC never reach
 * the site. A photo's orientation is applied to its pixels first.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Sharp } from "sharp";
import { type ContentProblem, ContentValidationError } from "../input/content-error.ts";
import { MAX_PHOTO_PIXELS } from "../input/images.ts";
import type { Rendition } from "../input/responsive-photos.ts";
import type { PhotoJob } from "../output/photo-crops.ts";
import { shownPath } from "../text/shown-path.ts";
import { placeFile } from "./render-images.ts";

const require = createRequire(import.meta.url);

/** Bump when the processing changes in a way the settings below do not show. */
const PIPELINE_VERSION = 1;

/**
 * Encoder settings. AVIF at effort 1: measured on a 2400×1600 photo, the same size as effort 4
 * (47 KB at 1200 px) in a tenth of the time (0.1 s against 0.9–3 s). JPEG through mozjpeg
 * (progressive, optimised tables): 112 KB where libjpeg's default wrote about 150 KB.
 */
export const ENCODING = {
  avif: { quality: 45, effort: 1 },
  webp: { quality: 75, effort: 4 },
  jpeg: { quality: 80, mozjpeg: true },
} as const;

export interface PhotoStats {
  /** Source photos read. */
  sources: number;
  /** Files placed into the site. */
  files: number;
  /** Of those, made now (the rest came from the cache). */
  made: number;
}

/** eleventy-img and sharp, loaded on the first file not in the cache. */
let processor: Promise<typeof import("@11ty/eleventy-img").default> | undefined;

function fingerprint(): string {
  const versions = ["sharp", "@11ty/eleventy-img"].map(
    (name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`,
  );
  return createHash("sha256")
    .update(JSON.stringify([PIPELINE_VERSION, versions, ENCODING, MAX_PHOTO_PIXELS]))
    .digest("hex");
}

/** Runs tasks with at most `limit` in flight. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

async function make(source: Buffer, rendition: Rendition): Promise<Buffer> {
  processor ??= import("@11ty/eleventy-img").then((module) => module.default);
  const eleventyImage = await processor;
  const { crop, width, height, format } = rendition;
  const results = await eleventyImage(source, {
    widths: [width],
    formats: [format],
    // Buffers back, nothing written: the cache below is ours, keyed by content.
    dryRun: true,
    useCache: false,
    // Every EXIF orientation, not only the quarter turns, goes into the pixels.
    fixOrientation: true,
    sharpOptions: { limitInputPixels: MAX_PHOTO_PIXELS, failOn: "error" },
    sharpAvifOptions: ENCODING.avif,
    sharpWebpOptions: ENCODING.webp,
    sharpJpegOptions: ENCODING.jpeg,
    // Turned first, so that crops are taken from the photo as it is seen (sharp applies operations
    // in the order they are called); then both dimensions, so every file is exactly as planned.
    transform: (image: Sharp) => {
      image.rotate();
      if (crop) image.extract(crop);
      image.flatten({ background: "#ffffff" }).resize({ width, height, fit: "fill" });
    },
  });
  const made = results[format]?.[0]?.buffer;
  if (!made) throw new Error(`eleventy-img made no ${format} file`);
  return made;
}

/** Written aside then renamed: a build running at the same time never reads half a file. */
async function writeCached(file: string, bytes: Buffer): Promise<void> {
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, bytes);
  await rename(partial, file);
}

/** Makes and places every job's files under `outDir`; a source that cannot be decoded is a problem of its article. */
export async function publishPhotos(jobs: PhotoJob[], outDir: string, cacheDir: string): Promise<PhotoStats> {
  const key = fingerprint();
  const dir = path.join(cacheDir, "photos");
  mkdirSync(dir, { recursive: true });
  const cores = os.availableParallelism();
  // Encoding runs on libuv's pool (sharp's own threads: one per file here); reading and hashing a
  // source is cheap, so more of those are in flight.
  const encoding = limiter(cores);
  const reading = limiter(4 * cores);
  const stats: PhotoStats = { sources: jobs.length, files: 0, made: 0 };
  const problems: ContentProblem[] = [];

  await Promise.all(
    jobs.map((job) =>
      reading(async () => {
        const source = await readFile(job.file);
        const sourceHash = createHash("sha256").update(source).digest("hex");
        const missing: { rendition: Rendition; cached: string; target: string }[] = [];
        for (const rendition of job.renditions) {
          const { path: urlPath, ...version } = rendition;
          const name = createHash("sha256")
            .update(key)
            .update(sourceHash)
            .update(JSON.stringify(version))
            .digest("hex");
          const cached = path.join(dir, `${name}${path.extname(urlPath)}`);
          const target = path.join(outDir, urlPath);
          stats.files += 1;
          if (existsSync(cached)) placeFile(cached, target);
          else missing.push({ rendition, cached, target });
        }
        if (missing.length === 0) return;
        // Settled, not raced: nothing may still write into the output once this returns.
        const outcomes = await Promise.allSettled(
          missing.map(({ rendition, cached, target }) =>
            encoding(async () => {
              await writeCached(cached, await make(source, rendition));
              placeFile(cached, target);
              stats.made += 1;
            }),
          ),
        );
        const failed = outcomes.find((outcome) => outcome.status === "rejected");
        if (failed) {
          const reason = String(failed.reason instanceof Error ? failed.reason.message : failed.reason);
          problems.push({
            file: job.article,
            field: job.field,
            message: `${shownPath(job.file)} cannot be decoded (${reason.replace(/\s+/g, " ").trim()}); expected a complete JPEG, PNG, WebP or AVIF photo`,
          });
        }
      }),
    ),
  );
  if (problems.length > 0) throw new ContentValidationError(problems);
  return stats;
}

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
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { type Dirent, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Sharp } from "sharp";
import { type ContentProblem, ContentValidationError } from "../input/content-error.ts";
import { MAX_PHOTO_PIXELS, readPhotoFile } from "../input/images.ts";
import type { Rendition } from "../input/responsive-photos.ts";
import { PHOTOS_FOLDER } from "../input/urls.ts";
import { writeWhole } from "../input/write-whole.ts";
import type { PhotoJob } from "../output/photo-crops.ts";
import { shownPath } from "../text/shown-path.ts";
import { type CopiesOptions, PlacedCopies } from "./place-file.ts";
import { SourceHashes } from "./source-hashes.ts";

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

/** The sources (by the key of their bytes and the pipeline) decoded whole once, remembered in the cache. */
const DECODED_FILE = "decoded.json";

function decodedSources(dir: string): Set<string> {
  try {
    const keys = JSON.parse(readFileSync(path.join(dir, DECODED_FILE), "utf8")) as unknown;
    return new Set(Array.isArray(keys) ? keys.filter((key): key is string => typeof key === "string") : []);
  } catch {
    return new Set();
  }
}

/** Adds `keys` to what is remembered (written aside, then renamed). */
function rememberDecoded(dir: string, keys: string[]): void {
  if (keys.length === 0) return;
  const file = path.join(dir, DECODED_FILE);
  writeWhole(file, JSON.stringify([...new Set([...decodedSources(dir), ...keys])]));
}

/** Messages from the decoders that mean the data stops before the picture is whole. */
const DATA_ENDS_EARLY = /premature end|truncat|not enough image data|unexpected end|short read|end of file/i;

/**
 * Why a source's header cannot be trusted, or null. The header (read by image-size, what the
 * build planned every version with) and the decoder (libvips, which makes them) must give the
 * same size, and the data must hold every pixel the header announces: a JPEG whose header says
 * 7000 × 7000 over the data of 1200 × 800 was decoded with grey where the data ran out, and
 * published as a grey square. Decoding at an eighth of the size still reads all the data (0.1 s
 * for a 2400 × 1600 photo); done once per source, remembered by its bytes.
 */
export async function decodeProblem(file: string): Promise<string | null> {
  const sharp = (await import("sharp")).default;
  const shown = shownPath(file);
  const header = readPhotoFile(file, "", shown);
  if (!header.ok) return header.message;
  const { width, height } = header.photo;
  const options = { limitInputPixels: MAX_PHOTO_PIXELS } as const;
  const expected = "expected a complete JPEG, PNG, WebP or AVIF photo, exported again";
  try {
    const meta = await sharp(file, { ...options, failOn: "error" }).metadata();
    const turned = (meta.orientation ?? 1) >= 5;
    const [decodedWidth, decodedHeight] = turned ? [meta.height, meta.width] : [meta.width, meta.height];
    if (decodedWidth !== width || decodedHeight !== height) {
      return `${shown}: its header says ${width} × ${height} px, its data ${decodedWidth} × ${decodedHeight} px (a damaged or altered file); ${expected}`;
    }
    await sharp(file, { ...options, failOn: "warning" })
      .resize(64)
      .raw()
      .toBuffer();
    return null;
  } catch (error) {
    const said = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
    if (DATA_ENDS_EARLY.test(said)) {
      return `${shown}: its data ends before the ${width} × ${height} px its header announces (${said}; a damaged or altered file); ${expected}`;
    }
    // Other warnings (stray bytes between segments…) leave every pixel there.
    try {
      await sharp(file, { ...options, failOn: "error" })
        .resize(64)
        .raw()
        .toBuffer();
      return null;
    } catch {
      return `${shown} cannot be decoded (${said}); ${expected}`;
    }
  }
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

/** A rendition's file in the cache: the source's key, then what was made of it. */
function cacheName(sourceKey: string, { width, height, format, crop, path: urlPath }: Rendition): string {
  const region = crop ? `-${crop.left}.${crop.top}.${crop.width}.${crop.height}` : "";
  return `${sourceKey}-${width}x${height}${region}-${format}${path.extname(urlPath)}`;
}

/** A file not in the cache yet. */
interface Missing {
  rendition: Rendition;
  cached: string;
}

/** What the cache did not have, by source: made by makeMissingPhotos. */
export interface PhotosToMake {
  stats: PhotoStats;
  jobs: { job: PhotoJob; missing: Missing[] }[];
  /** Sources not yet decoded whole once (by the key of their bytes): checked before anything is made. */
  toCheck: { job: PhotoJob; sourceKey: string }[];
  /** The photos' cache folder (where the sources decoded whole are remembered). */
  cacheDir: string;
  /** Where the files go, and the record of the copies placed there (place-file.ts). */
  outDir: string;
  copies: CopiesOptions | undefined;
}

/**
 * Places every file the cache has, and lists the others: a source is stat-ed (read and hashed
 * when new or changed, source-hashes.ts), its files linked. Synchronous: about 0.2 s of system
 * calls for 1334 photos (17,000 links), which the build runs in a worker (placeCachedPhotos).
 */
export function placeCachedPhotosHere(
  jobs: PhotoJob[],
  outDir: string,
  cacheDir: string,
  ownsPhotosFolder = false,
  copies?: CopiesOptions,
): PhotosToMake {
  const key = fingerprint();
  const dir = path.join(cacheDir, "photos");
  mkdirSync(dir, { recursive: true });
  const folders = new Set<string>();
  const hashes = new SourceHashes(path.join(dir, "sources.json"));
  const placed = new PlacedCopies(outDir, copies);
  const decoded = decodedSources(dir);
  const result: PhotosToMake = {
    stats: { sources: jobs.length, files: 0, made: 0 },
    jobs: [],
    toCheck: [],
    cacheDir: dir,
    outDir,
    // What is made next adds to the copies placed here.
    copies: copies && { record: copies.record, adding: true },
  };
  for (const job of jobs) {
    const sourceKey = createHash("sha256").update(key).update(hashes.of(job.file)).digest("hex");
    if (!decoded.has(sourceKey)) result.toCheck.push({ job, sourceKey });
    const missing: Missing[] = [];
    for (const rendition of job.renditions) {
      const cached = path.join(dir, cacheName(sourceKey, rendition));
      const folder = path.dirname(path.join(outDir, rendition.path));
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      result.stats.files += 1;
      if (!placed.place(cached, rendition.path.slice(1))) missing.push({ rendition, cached });
    }
    if (missing.length > 0) result.jobs.push({ job, missing });
  }
  hashes.save();
  placed.save();
  if (ownsPhotosFolder) {
    const keep = new Set(jobs.flatMap((job) => job.renditions.map((rendition) => rendition.path.slice(1))));
    const keepFolders = new Set<string>();
    for (const file of keep) {
      for (let at = file.lastIndexOf("/"); at > 0; at = file.lastIndexOf("/", at - 1)) {
        const parent = file.slice(0, at);
        if (keepFolders.has(parent)) break;
        keepFolders.add(parent);
      }
    }
    // With no photo left, the folder goes too, as a clean build would not make it.
    const folder = path.join(outDir, PHOTOS_FOLDER);
    if (!removeOtherFiles(folder, PHOTOS_FOLDER, keep, keepFolders) && keep.size === 0) {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return result;
}

/**
 * Removes from `dir` (at `relative` in the output) every entry that is not one of `keep` (paths
 * relative to the output), and the folders left empty that are not one of `keepFolders` (the
 * photos still to be made go into theirs); says whether anything is left.
 */
function removeOtherFiles(
  dir: string,
  relative: string,
  keep: ReadonlySet<string>,
  keepFolders: ReadonlySet<string>,
): boolean {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  let left = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const file = `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (removeOtherFiles(full, file, keep, keepFolders) || keepFolders.has(file)) left += 1;
      else rmdirSync(full);
    } else if (entry.isFile() && keep.has(file)) {
      left += 1;
    } else {
      rmSync(full, { recursive: true, force: true });
    }
  }
  return left > 0;
}

const PLACE_TASK = "place-cached-photos";

/**
 * placeCachedPhotosHere in a worker thread (this same module), so that the build runs it beside
 * Eleventy's rendering, which holds the main thread: run there as promises, it finished after the
 * render, not during it. In the thread itself when a worker cannot start. With
 * `ownsPhotosFolder`, the output's photos folder is this function's alone (the build's staging
 * folder: prepareStaging leaves it alone): files no job names are removed there.
 */
export async function placeCachedPhotos(
  jobs: PhotoJob[],
  outDir: string,
  cacheDir: string,
  ownsPhotosFolder = false,
  copies?: CopiesOptions,
): Promise<PhotosToMake> {
  if (jobs.length === 0) return placeCachedPhotosHere(jobs, outDir, cacheDir, ownsPhotosFolder, copies);
  try {
    return await new Promise<PhotosToMake>((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), {
        workerData: { task: PLACE_TASK, jobs, outDir, cacheDir, ownsPhotosFolder, copies },
      });
      worker.once("message", (result: PhotosToMake | { error: string }) =>
        "error" in result ? reject(new Error(result.error)) : resolve(result),
      );
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the photo worker exited (${code})`)));
    });
  } catch {
    return placeCachedPhotosHere(jobs, outDir, cacheDir, ownsPhotosFolder, copies);
  }
}

/**
 * Makes what the cache did not have, several files at once, caches and places them. A source
 * that cannot be decoded is a problem of the first article that shows it.
 */
export async function makeMissingPhotos(toMake: PhotosToMake): Promise<PhotoStats> {
  const stats = { ...toMake.stats };
  // One file per encoding at a time (sharp's threads: one per file on a shared machine), as many
  // files at once as there are cores; a source is read again here rather than kept in memory.
  const encoding = limiter(os.availableParallelism());
  const problems: ContentProblem[] = [];
  const damaged = new Set<string>();
  const whole: string[] = [];
  for (const { job, sourceKey } of toMake.toCheck) {
    const message = await decodeProblem(job.file);
    if (message === null) whole.push(sourceKey);
    else {
      damaged.add(job.file);
      problems.push({ file: job.article, field: job.field, message });
    }
  }
  rememberDecoded(toMake.cacheDir, whole);
  const placed = new PlacedCopies(toMake.outDir, toMake.copies);
  for (const { job, missing } of toMake.jobs) {
    if (damaged.has(job.file)) continue;
    // Another source with the same bytes (a photo used twice) may have been made meanwhile.
    const stillMissing = [];
    for (const file of missing) if (!placed.place(file.cached, file.rendition.path.slice(1))) stillMissing.push(file);
    if (stillMissing.length === 0) continue;
    const source = await readFile(job.file);
    // Settled, not raced: nothing may still write into the output once this returns.
    const outcomes = await Promise.allSettled(
      stillMissing.map(({ rendition, cached }) =>
        encoding(async () => {
          await writeCached(cached, await make(source, rendition));
          placed.place(cached, rendition.path.slice(1));
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
  }
  placed.save();
  if (problems.length > 0) throw new ContentValidationError(problems);
  return stats;
}

const MAKE_TASK = "--make-missing-photos";

/**
 * makeMissingPhotos in a process of its own, started with MALLOC_ARENA_MAX=2: sharp's threads
 * each get a glibc malloc arena, which a long build keeps. Making the files of five photos (61
 * files) peaked at 551 MB in one process, 339 MB with two arenas; a fresh build of 4000
 * synthetic articles, its photos made in the build process, peaked at 809 MB.
 */
export async function makeMissingPhotosApart(toMake: PhotosToMake): Promise<PhotoStats> {
  if (toMake.jobs.length === 0 && toMake.toCheck.length === 0) return toMake.stats;
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), MAKE_TASK], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, MALLOC_ARENA_MAX: "2" },
  });
  let answer = "";
  let said = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => {
    answer += text;
  });
  child.stderr.setEncoding("utf8").on("data", (text: string) => {
    said += text;
  });
  child.stdin.on("error", () => undefined);
  child.stdin.end(JSON.stringify(toMake));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  let result: MadeAnswer | undefined;
  try {
    result = JSON.parse(answer) as MadeAnswer;
  } catch {
    throw new Error(`the photo process exited (${code}) without an answer: ${said.trim() || "nothing said"}`);
  }
  if ("problems" in result) throw new ContentValidationError(result.problems);
  if ("error" in result) throw new Error(`the photo process failed: ${result.error}`);
  return result.stats;
}

type MadeAnswer = { stats: PhotoStats } | { problems: readonly ContentProblem[] } | { error: string };

// The photo process of makeMissingPhotosApart: this module, run as a script.
if (isMainThread && process.argv[2] === MAKE_TASK && process.argv[1] === fileURLToPath(import.meta.url)) {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  let answer: MadeAnswer;
  try {
    answer = { stats: await makeMissingPhotos(JSON.parse(Buffer.concat(chunks).toString("utf8")) as PhotosToMake) };
  } catch (error) {
    answer =
      error instanceof ContentValidationError
        ? { problems: error.problems }
        : { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(JSON.stringify(answer));
}

/** Places and makes every job's files under `outDir`. */
export async function publishPhotos(jobs: PhotoJob[], outDir: string, cacheDir: string): Promise<PhotoStats> {
  return makeMissingPhotos(placeCachedPhotosHere(jobs, outDir, cacheDir));
}

// The worker of placeCachedPhotos: this module, loaded again in a thread of its own.
if (!isMainThread && (workerData as { task?: string } | null)?.task === PLACE_TASK) {
  const { jobs, outDir, cacheDir, ownsPhotosFolder, copies } = workerData as {
    jobs: PhotoJob[];
    outDir: string;
    cacheDir: string;
    ownsPhotosFolder: boolean;
    copies: CopiesOptions | undefined;
  };
  try {
    parentPort?.postMessage(placeCachedPhotosHere(jobs, outDir, cacheDir, ownsPhotosFolder, copies));
  } catch (error) {
    parentPort?.postMessage({ error: String(error) });
  }
}

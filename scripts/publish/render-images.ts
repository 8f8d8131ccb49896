/**
 * Draws the images of scripts/output/social-card.ts into a built site with takumi
 * (@takumi-rs/core: layout, text and rasterizing in Rust, prebuilt for each platform inside the
 * npm package), in Source Serif 4 from @fontsource/source-serif-4 and nothing else: takumi reads
 * no system font, so no machine's fonts change a card.
 *
 * Each PNG is cached on disk under a hash of everything that shapes its bytes (the tree, the
 * size, the fonts, the renderer and its version), so a rebuild only draws what changed. What is
 * missing is drawn by a process of its own (draw-process.js) that can start before Eleventy
 * does (startDrawing); the PNGs are placed into the staging folder once it is written
 * (placeImages).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ImageRef } from "../output/image-paths.ts";
import { CARD_FONT, CARD_FONT_EXTENDED, type CardNode, type ImageJob } from "../output/social-card.ts";
import { type CopiesOptions, PlacedCopies } from "./place-file.ts";

const require = createRequire(import.meta.url);

/** Bump when the drawing code changes in a way the tree does not show. */
const LAYOUT_VERSION = 2;

/** The npm package that draws; its name and version are part of every cache key. */
export const RENDERER = "@takumi-rs/core";

/**
 * Renders in flight at once in the drawing process: one per core (takumi renders each on a
 * thread of libuv's pool, sized to match). While Eleventy renders, its thread takes its share of
 * them; once it is done, the cards have them all.
 */
const IN_FLIGHT = Math.max(1, availableParallelism());

export interface RenderStats {
  images: number;
  drawn: number;
  cached: number;
}

/** Every job's PNG in the cache, ready to be placed into a built site. */
export interface DrawnImages {
  /** `drawn`: made by this build (an earlier copy of that cache file may be of a damaged one). */
  files: { cached: string; path: string; drawn: boolean }[];
  stats: RenderStats;
}

/** Drawing under way: `done` settles when every PNG is in the cache; `cancel` stops the drawing. */
export interface Drawing {
  done: Promise<DrawnImages>;
  cancel(): void;
}

/** A font as the renderer registers it, read from `file`. */
export interface FontFile {
  name: string;
  weight: number;
  style: "normal";
  file: string;
}

/** One image for the drawing process (draw-process.js): where it goes in the cache and what it shows. */
interface DrawOrder {
  file: string;
  width: number;
  height: number;
  tree: CardNode;
}

/** The package.json's version of `name`, found from its entry point (takumi's exports hide the file). */
function packageVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: string;
        version: string;
      };
      if (manifest.name === name) return manifest.version;
    } catch {
      // No package.json here: keep climbing.
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json found for ${name}`);
    dir = parent;
  }
}

/**
 * Source Serif 4 in the two weights cards use, Latin and Latin Extended, as WOFF2 (takumi reads
 * it) or WOFF (what satori read, for the benchmark).
 */
export function cardFonts(format: "woff2" | "woff" = "woff2"): FontFile[] {
  const dir = path.join(path.dirname(require.resolve("@fontsource/source-serif-4/package.json")), "files");
  return ([400, 700] as const).flatMap((weight) =>
    (
      [
        ["latin", CARD_FONT],
        ["latin-ext", CARD_FONT_EXTENDED],
      ] as const
    ).map(([subset, name]) => ({
      name,
      weight,
      style: "normal" as const,
      file: path.join(dir, `source-serif-4-${subset}-${weight}-normal.${format}`),
    })),
  );
}

/**
 * The renderer as installed, e.g. "@takumi-rs/core@2.16.3 linux-x64". The platform too: each has
 * a binary of its own, and a cache carried to another platform must not stand in for its cards.
 */
export function installedRenderer(): string {
  return `${RENDERER}@${packageVersion(RENDERER)} ${process.platform}-${process.arch}`;
}

/** What every image's bytes depend on besides its own job: the renderer and its version, the fonts. */
export function rendererFingerprint(
  renderer: string,
  fonts: { name: string; weight: number; style?: string; data: Uint8Array }[],
): string {
  const hash = createHash("sha256");
  hash.update(`layout ${LAYOUT_VERSION}\0${renderer}\0`);
  for (const font of fonts) {
    hash.update(`${font.name} ${font.weight} ${font.style}\0`);
    hash.update(font.data);
  }
  return hash.digest("hex");
}

/** The fingerprint of the renderer installed here and the card fonts. */
function installedFingerprint(fonts = cardFonts()): string {
  return rendererFingerprint(
    installedRenderer(),
    fonts.map((font) => ({ ...font, data: readFileSync(font.file) })),
  );
}

/** Each job's cache key (what its PNG is drawn from, as the cache names it), by its root-relative path. */
export function imageKeys(jobs: readonly ImageJob[]): Map<string, string> {
  const fingerprint = installedFingerprint();
  return new Map(jobs.map((job) => [job.image.path, cacheKey(fingerprint, job)]));
}

/** The cache file of a job: the same tree at the same size is drawn once, whatever its path. */
export function cacheKey(fingerprint: string, job: ImageJob): string {
  const { width, height } = job.image;
  return createHash("sha256")
    .update(fingerprint)
    .update(JSON.stringify([width, height, job.tree]))
    .digest("hex");
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The last chunk of every PNG: length 0, "IEND", and its CRC. */
const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/**
 * Whether `file` is a whole PNG of `size`: its signature, an IHDR of that width and height, and
 * IEND as its last bytes. A truncated file (a full disk, a copy cut short) fails the last test.
 * Reads 36 bytes, not the file: a warm build checks thousands (4000 in about 30 ms).
 */
export function isCompletePng(file: string, size: Pick<ImageRef, "width" | "height">): boolean {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return false;
  }
  try {
    const length = fstatSync(fd).size;
    if (length < 33 + PNG_END.length) return false;
    const head = Buffer.alloc(24);
    const tail = Buffer.alloc(PNG_END.length);
    readSync(fd, head, 0, head.length, 0);
    readSync(fd, tail, 0, tail.length, length - tail.length);
    return (
      head.subarray(0, 8).equals(PNG_SIGNATURE) &&
      head.toString("latin1", 12, 16) === "IHDR" &&
      head.readUInt32BE(16) === size.width &&
      head.readUInt32BE(20) === size.height &&
      tail.equals(PNG_END)
    );
  } finally {
    closeSync(fd);
  }
}

/**
 * draw-process.js, found from this module whether it runs from scripts/publish/ or compiled
 * into .cache/compiled/<hash>/ (both inside the project).
 */
function drawProcessScript(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const script = path.join(dir, "scripts", "publish", "draw-process.js");
    if (existsSync(script)) return script;
    if (path.dirname(dir) === dir) throw new Error("scripts/publish/draw-process.js not found");
  }
}

/** Runs draw-process.js over `orders`; rejects with what it said when it fails. */
function runDrawProcess(
  orders: DrawOrder[],
  fonts: FontFile[],
  inFlight: number,
): { finished: Promise<void>; stop(): void } {
  const child = spawn(process.execPath, [drawProcessScript()], {
    stdio: ["pipe", "ignore", "pipe"],
    // libuv's pool (4 threads unless told) runs the renders and the writes of the PNGs.
    env: { ...process.env, UV_THREADPOOL_SIZE: String(Math.max(4, inFlight + 2)) },
  });
  let said = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => {
    said = (said + text).slice(-4000);
  });
  const finished = new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => {
      if (status === 0) resolve();
      else reject(new Error(`drawing the images failed (${signal ?? `exit ${status}`}): ${said.trim()}`));
    });
  });
  // An early exit closes the pipe; the exit status says why.
  child.stdin.on("error", () => {});
  child.stdin.end(JSON.stringify({ renderer: require.resolve(RENDERER), inFlight, fonts, images: orders }));
  return { finished, stop: () => child.kill() };
}

/**
 * Draws every job missing from the cache (or there but damaged) into the cache, in a process of
 * its own, `inFlight` at a time. A warm build starts no process and loads no renderer.
 */
export function startDrawing(jobs: ImageJob[], cacheDir: string, inFlight = IN_FLIGHT): Drawing {
  let stop = () => {};
  let cancelled = false;
  const done = (async (): Promise<DrawnImages> => {
    const fonts = cardFonts();
    const fingerprint = installedFingerprint(fonts);
    mkdirSync(cacheDir, { recursive: true });
    const files: DrawnImages["files"] = [];
    const misses = new Map<string, ImageJob>();
    for (const job of jobs) {
      const cached = path.join(cacheDir, `${cacheKey(fingerprint, job)}.png`);
      if (!misses.has(cached) && !isCompletePng(cached, job.image)) misses.set(cached, job);
      files.push({ cached, path: job.image.path, drawn: misses.has(cached) });
    }
    if (misses.size > 0 && !cancelled) {
      const orders = [...misses].map(([file, { image, tree }]) => ({
        file,
        width: image.width,
        height: image.height,
        tree,
      }));
      const drawing = runDrawProcess(orders, fonts, inFlight);
      stop = drawing.stop;
      await drawing.finished;
      // Trust nothing unchecked: a PNG that is not whole is never published.
      for (const order of orders) {
        if (!isCompletePng(order.file, order)) throw new Error(`drawing the images failed: ${order.file} is not whole`);
      }
    }
    if (cancelled) throw new Error("drawing the images was cancelled");
    return { files, stats: { images: jobs.length, drawn: misses.size, cached: jobs.length - misses.size } };
  })();
  // Awaited later, maybe after Eleventy: a failure must not count as unhandled meanwhile.
  done.catch(() => {});
  return {
    done,
    cancel: () => {
      cancelled = true;
      stop();
    },
  };
}

/**
 * Places a copy of every drawn PNG under `outDir` at its root-relative path (place-file.ts: with
 * `copies`, the current output's recorded copies are linked instead); says how many.
 * Synchronous: these are a few microseconds of system calls each, and 4000 of them queued on
 * libuv's pool, a few at a time, took 1.8 s where this takes a fraction of it.
 */
export function placeImages(drawn: DrawnImages, outDir: string, copies?: CopiesOptions): number {
  const placed = new PlacedCopies(outDir, copies);
  for (const { cached, path: imagePath, drawn: fresh } of drawn.files) {
    if (!placed.place(cached, imagePath.slice(1), fresh)) throw new Error(`${cached} is not in the image cache`);
  }
  placed.save();
  return drawn.files.length;
}

/** Writes every job's PNG under `outDir`, drawing only what the cache lacks. */
export async function renderImages(jobs: ImageJob[], outDir: string, cacheDir: string): Promise<RenderStats> {
  const drawn = await startDrawing(jobs, cacheDir).done;
  placeImages(drawn, outDir);
  return drawn.stats;
}

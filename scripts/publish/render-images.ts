/**
 * Draws the images of scripts/output/social-card.ts into a built site: satori lays the
 * elements out as SVG (text as paths, with the font shipped in @fontsource/source-serif-4),
 * resvg rasterizes it to PNG. Runs after Eleventy, never inside a page's render.
 *
 * Each PNG is cached on disk under a hash of everything that shapes its bytes (the element
 * tree, the fonts, the renderer versions), so a rebuild only draws what changed.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { SatoriOptions } from "satori";
import { CARD_FONT, CARD_FONT_EXTENDED, type ImageJob } from "../output/social-card.ts";

const require = createRequire(import.meta.url);

/** Bump when the drawing code changes in a way the tree does not show. */
const LAYOUT_VERSION = 1;

export interface RenderStats {
  images: number;
  drawn: number;
  cached: number;
}

type Font = SatoriOptions["fonts"][number];

function loadFonts(): Font[] {
  const dir = path.join(path.dirname(require.resolve("@fontsource/source-serif-4/package.json")), "files");
  // satori reads TTF, OTF and WOFF (not WOFF2).
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
      data: readFileSync(path.join(dir, `source-serif-4-${subset}-${weight}-normal.woff`)),
    })),
  );
}

function rendererFingerprint(fonts: Font[]): string {
  const hash = createHash("sha256");
  hash.update(`layout ${LAYOUT_VERSION}`);
  for (const name of ["satori", "@resvg/resvg-js"]) {
    hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}`);
  }
  for (const font of fonts) hash.update(new Uint8Array(font.data as Buffer));
  return hash.digest("hex");
}

/** The renderers, loaded on the first cache miss: satori alone takes half a second to load. */
let renderers: Promise<[typeof import("satori"), typeof import("@resvg/resvg-js")]> | undefined;

async function draw(job: ImageJob, fonts: Font[]): Promise<Buffer> {
  renderers ??= Promise.all([import("satori"), import("@resvg/resvg-js")]);
  const [{ default: satori }, { renderAsync }] = await renderers;
  // satori's types expect React elements; our trees are the plain objects it reads.
  const svg = await satori(job.tree as unknown as Parameters<typeof satori>[0], {
    width: job.image.width,
    height: job.image.height,
    fonts,
  });
  const png = await renderAsync(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false } });
  return png.asPng();
}

/**
 * A hard link when the cache and the output share a file system (no bytes copied: a warm
 * build of thousands of cards stays cheap), else a copy. Nothing writes into either in place.
 * Synchronous: these are a few microseconds of system calls each, and 4000 of them queued on
 * libuv's pool, a few at a time, took 1.8 s where this takes a fraction of it.
 */
function placeFile(cached: string, target: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  try {
    linkSync(cached, target);
  } catch {
    copyFileSync(cached, target);
  }
}

/** Writes every job's PNG under `outDir` (at its root-relative path), drawing only cache misses. */
export async function renderImages(jobs: ImageJob[], outDir: string, cacheDir: string): Promise<RenderStats> {
  const fonts = loadFonts();
  const fingerprint = rendererFingerprint(fonts);
  mkdirSync(cacheDir, { recursive: true });
  const misses: { job: ImageJob; cached: string; target: string }[] = [];
  for (const job of jobs) {
    const key = createHash("sha256").update(fingerprint).update(JSON.stringify(job)).digest("hex");
    const cached = path.join(cacheDir, `${key}.png`);
    const target = path.join(outDir, job.image.path);
    if (existsSync(cached)) placeFile(cached, target);
    else misses.push({ job, cached, target });
  }
  // Layout (satori) runs on this thread; rasterizing (resvg) runs on libuv's pool, so a few
  // jobs in flight keep both cores busy.
  const inFlight = new Set<Promise<void>>();
  for (const { job, cached, target } of misses) {
    const task = (async () => {
      const png = await draw(job, fonts);
      // Written aside then renamed: concurrent builds never read half a file.
      const partial = `${cached}.${process.pid}.tmp`;
      await writeFile(partial, png);
      await rename(partial, cached);
      placeFile(cached, target);
    })();
    inFlight.add(task);
    const settle = () => inFlight.delete(task);
    task.then(settle, settle);
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { images: jobs.length, drawn: misses.length, cached: jobs.length - misses.length };
}

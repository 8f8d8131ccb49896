/**
 * What a build changed in its output folder, recorded beside its manifest for `npm run ping`
 * (ping.ts): the pages it added or changed, the pages that are gone, and the feeds that
 * changed, as public URLs; with the ping settings the build published (the IndexNow key file,
 * the feeds' hub). Written after a successful swap, so it always describes what is online.
 *
 * A file changed when its bytes differ from the previous output's (kept as `<out>.previous` by
 * the swap, output-swap.ts): only the files this build wrote are compared (the pages it kept
 * are the previous build's very files), so an edit compares a few files, not the site. A page
 * is gone when the previous record listed it and this build has none at its URL. Drafts and
 * scheduled articles have no page in a build, so no URL of theirs can be here.
 */
import { createHash, randomUUID } from "node:crypto";
import { closeSync, openSync, readFileSync, readSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { WrittenOutput } from "../eleventy/run.ts";
import type { PingSettings } from "../input/schema.ts";
import type { SiteUrl } from "../input/site-url.ts";
import { writeWhole } from "../input/write-whole.ts";
import { previousDir } from "./output-swap.ts";

export interface BuildChanges {
  /** This build's own id: what ping.ts sent is remembered by it. */
  id: string;
  /** The output folder (absolute). */
  out: string;
  /** The build's time (ISO 8601), for messages. */
  builtAt: string;
  /** Absolute URLs of the pages this build added or changed, sorted. */
  pages: string[];
  /** Absolute URLs of the pages the previous build had and this one has not, sorted. */
  removed: string[];
  /** Absolute URLs of the feeds (Atom and JSON) that changed, sorted. */
  feeds: string[];
  /** publisher.yaml's `ping` when the build ran: what the output announces (key file, hub). */
  ping: PingSettings | null;
  /** The site's address (its origin and path prefix). */
  site: string;
  /** Every page of the output, root-relative: the next build tells from it which pages went. */
  pageUrls: string[];
}

const changesSchema = z.object({
  format: z.literal(1),
  id: z.string(),
  out: z.string(),
  builtAt: z.string(),
  pages: z.array(z.string()),
  removed: z.array(z.string()),
  feeds: z.array(z.string()),
  ping: z
    .object({
      indexnow: z.object({ key: z.string(), endpoint: z.string() }).optional(),
      websub: z.object({ hub: z.string() }).optional(),
    })
    .nullable(),
  site: z.string(),
  pageUrls: z.array(z.string()),
});

/** Where the record of `out` is kept: beside the manifests (manifest.ts), one per output folder. */
export function changesFile(cacheDir: string, out: string): string {
  return path.join(cacheDir, "builds", `${createHash("sha256").update(out).digest("hex").slice(0, 16)}.changes.json`);
}

/** The record, or why there is none to trust. */
export function readChanges(file: string): BuildChanges | { reason: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { reason: "no record of a build" };
  }
  try {
    const { format: _format, ...changes } = changesSchema.parse(JSON.parse(text));
    return changes;
  } catch {
    return { reason: "the last build's record is unreadable" };
  }
}

/** Written whole: never half a record. */
function writeChanges(file: string, changes: BuildChanges): void {
  writeWhole(file, JSON.stringify({ format: 1, ...changes }));
}

const CHUNK = 64 * 1024;

/** Whether two files have the same bytes; read in chunks, stopping at the first difference. */
function sameBytes(a: string, b: string): boolean {
  const sizeA = statSync(a, { throwIfNoEntry: false });
  const sizeB = statSync(b, { throwIfNoEntry: false });
  if (!sizeA?.isFile() || !sizeB?.isFile() || sizeA.size !== sizeB.size) return false;
  if (sizeA.ino === sizeB.ino && sizeA.dev === sizeB.dev) return true;
  const fa = openSync(a, "r");
  const fb = openSync(b, "r");
  try {
    const bufferA = Buffer.allocUnsafe(CHUNK);
    const bufferB = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const read = readSync(fa, bufferA, 0, CHUNK, null);
      if (read === 0) return true;
      readSync(fb, bufferB, 0, read, null);
      if (!bufferA.subarray(0, read).equals(bufferB.subarray(0, read))) return false;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}

/** "a/b/index.html" → "/a/b/"; null for a file that is not a page (404.html, feeds, sitemaps). */
function pageUrlOf(file: string): string | null {
  if (file !== "index.html" && !file.endsWith("/index.html")) return null;
  return `/${file.slice(0, -"index.html".length)}`;
}

const isFeed = (file: string) => /(?:^|\/)(?:atom\.xml|feed\.json)$/.test(file);

export interface BuildOutput {
  /** The output folder, the new output already swapped in. */
  out: string;
  /** The staging folder the build wrote into (now `out`): where `outputs` were written. */
  staging: string;
  /** What Eleventy wrote. */
  outputs: readonly WrittenOutput[];
  /** Every page of the manifest (kept or rendered), root-relative. */
  manifestPages: Iterable<string>;
  siteUrl: SiteUrl;
  builtAt: string;
  ping: PingSettings | undefined;
}

/**
 * Compares what this build wrote with the previous output and records the differences in
 * `file`. The site is published already: a record that cannot be made is a warning, and the
 * last one is removed, so that no ping announces an older build's changes again.
 */
export function recordChanges(file: string, build: BuildOutput): BuildChanges | null {
  try {
    return compareAndRecord(file, build);
  } catch (error) {
    rmSync(file, { force: true });
    console.warn(
      `Warning: what this build changed could not be recorded (${error instanceof Error ? error.message : String(error)}); npm run ping will send nothing until the next build`,
    );
    return null;
  }
}

function compareAndRecord(file: string, build: BuildOutput): BuildChanges {
  const previous = previousDir(build.out);
  const pageUrls = new Set(build.manifestPages);
  const pages: string[] = [];
  const feeds: string[] = [];
  for (const output of build.outputs) {
    if (!output.outputPath) continue;
    const relative = path.relative(build.staging, output.outputPath).split(path.sep).join("/");
    const url = pageUrlOf(relative);
    if (url) pageUrls.add(url);
    if (!url && !isFeed(relative)) continue;
    if (sameBytes(path.join(build.out, relative), path.join(previous, relative))) continue;
    if (url) pages.push(build.siteUrl.absolute(url));
    else feeds.push(build.siteUrl.absolute(`/${relative}`));
  }
  const last = readChanges(file);
  const removed =
    "reason" in last || last.out !== build.out
      ? []
      : last.pageUrls.filter((url) => !pageUrls.has(url)).map((url) => build.siteUrl.absolute(url));
  const changes: BuildChanges = {
    id: randomUUID(),
    out: build.out,
    builtAt: build.builtAt,
    pages: pages.sort(),
    removed: removed.sort(),
    feeds: feeds.sort(),
    ping: build.ping ?? null,
    site: build.siteUrl.base,
    pageUrls: [...pageUrls].sort(),
  };
  writeChanges(file, changes);
  return changes;
}

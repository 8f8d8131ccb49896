/**
 * The pages an incremental build takes from the previous one: checked against the manifest
 * (the file on disk must be the one it describes) and recorded for the next manifest. The
 * staging folder gets them as hard links (staging.ts).
 */
import { createHash } from "node:crypto";
import { lstatSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PagePrint } from "../lists/page-fingerprints.ts";
import type { Manifest, ManifestEntry } from "./manifest.ts";

/** The file a page is written to, relative to the output folder: /a/b/ → a/b/index.html. */
export function pageFile(url: string): string {
  return `${url.slice(1)}index.html`;
}

const sha256Of = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** The file as the manifest describes it: same size, and the same time or (after a copy or a restore) the same bytes. */
function matches(file: string, entry: ManifestEntry): ManifestEntry | null {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(file);
  } catch {
    return null;
  }
  if (!stats.isFile() || stats.size !== entry.size) return null;
  if (stats.mtimeMs === entry.mtimeMs) return entry;
  return sha256Of(file) === entry.sha256 ? { ...entry, mtimeMs: stats.mtimeMs } : null;
}

const notAsDescribed = (file: string) => ({
  reason: `${file} in the previous output is not what the manifest describes`,
});

/**
 * Checks that every kept page is on disk in `out` as the manifest describes it. Returns the
 * entries to carry into the next manifest, or the first page that is not.
 */
export function checkKeptPages(
  out: string,
  kept: readonly PagePrint[],
  manifest: Manifest,
): Map<string, ManifestEntry> | { reason: string } {
  const entries = new Map<string, ManifestEntry>();
  for (const page of kept) {
    const entry = manifest.pages[page.url];
    const found = entry && matches(path.join(out, pageFile(page.url)), entry);
    if (!found) return notAsDescribed(pageFile(page.url));
    entries.set(page.url, found);
  }
  return entries;
}

/**
 * The same for other files kept (the cards): `kept` maps each root-relative path to its entry
 * in the manifest.
 */
export function checkKeptFiles(
  out: string,
  kept: ReadonlyMap<string, ManifestEntry>,
): Map<string, ManifestEntry> | { reason: string } {
  const entries = new Map<string, ManifestEntry>();
  for (const [file, entry] of kept) {
    const found = matches(path.join(out, file), entry);
    if (!found) return notAsDescribed(file.slice(1));
    entries.set(file, found);
  }
  return entries;
}

/** The manifest entry of a file just written into `dir` at `relative`, made from `fingerprint`. */
export function describeFile(dir: string, relative: string, fingerprint: string): ManifestEntry {
  const file = path.join(dir, relative);
  const stats = lstatSync(file);
  return { fingerprint, size: stats.size, mtimeMs: stats.mtimeMs, sha256: sha256Of(file) };
}

/** The manifest entry of a page just written into `dir`. */
export function describePage(dir: string, page: PagePrint): ManifestEntry {
  return describeFile(dir, pageFile(page.url), page.fingerprint);
}

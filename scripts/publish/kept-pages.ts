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

/**
 * The file as the manifest describes it: same size, and the same modification and status-change
 * times, or else (after a copy, a restore, or a hard link made by the last build) the same bytes.
 * The status-change time catches an edit whose modification time was put back (touch -r); the
 * build records the new one of a file it links itself (keptEntry).
 */
function matches(file: string, entry: ManifestEntry): ManifestEntry | null {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(file);
  } catch {
    return null;
  }
  if (!stats.isFile() || stats.size !== entry.size) return null;
  if (stats.mtimeMs === entry.mtimeMs && stats.ctimeMs === entry.ctimeMs) return entry;
  return sha256Of(file) === entry.sha256 ? { ...entry, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs } : null;
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
  return { fingerprint, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, sha256: sha256Of(file) };
}

/** The manifest entry of a page just written into `dir`. */
export function describePage(dir: string, page: PagePrint): ManifestEntry {
  return describeFile(dir, pageFile(page.url), page.fingerprint);
}

/**
 * A kept file's entry for the next manifest (`relative` to `dir`): as checked, with the
 * status-change time it has now when the build hard-linked it (`linked`, from prepareStaging or
 * syncStaging) after checking it, so that the next build does not read it again. Undefined for a
 * file that was not kept.
 */
export function keptEntry(
  dir: string,
  relative: string,
  entry: ManifestEntry | undefined,
  linked: ReadonlySet<string>,
): ManifestEntry | undefined {
  if (!entry || !linked.has(relative)) return entry;
  const stats = lstatSync(path.join(dir, relative));
  // The file that was checked (same size and time): only the link changed its status time.
  return stats.size === entry.size && stats.mtimeMs === entry.mtimeMs ? { ...entry, ctimeMs: stats.ctimeMs } : entry;
}

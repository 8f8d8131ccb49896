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
    if (!found) return { reason: `${pageFile(page.url)} in the previous output is not what the manifest describes` };
    entries.set(page.url, found);
  }
  return entries;
}

/** The manifest entry of a page just written into `dir`. */
export function describePage(dir: string, page: PagePrint): ManifestEntry {
  const file = path.join(dir, pageFile(page.url));
  const stats = lstatSync(file);
  return {
    fingerprint: page.fingerprint,
    size: stats.size,
    mtimeMs: stats.mtimeMs,
    ctimeMs: stats.ctimeMs,
    sha256: sha256Of(file),
  };
}

/**
 * A kept page's entry for the next manifest: as checked, with the status-change time it has
 * now when the build hard-linked it (`linked`, from prepareStaging) after checking it, so that
 * the next build does not read it again. Undefined for a page that was not kept.
 */
export function keptEntry(
  dir: string,
  page: PagePrint,
  kept: ReadonlyMap<string, ManifestEntry>,
  linked: ReadonlySet<string>,
): ManifestEntry | undefined {
  const entry = kept.get(page.url);
  const file = pageFile(page.url);
  if (!entry || !linked.has(file)) return entry;
  const stats = lstatSync(path.join(dir, file));
  // The file that was checked (same size and time): only the link changed its status time.
  return stats.size === entry.size && stats.mtimeMs === entry.mtimeMs ? { ...entry, ctimeMs: stats.ctimeMs } : entry;
}

/**
 * The manifest of the last build of an output folder, kept under the cache folder: for each
 * page, the fingerprint of what it shows (lists/page-fingerprints.ts) and the file it was
 * written to (size, modification and status-change times, SHA-256), plus one fingerprint of what every page depends on (code,
 * templates, environment). An incremental build takes from the last build every page whose
 * fingerprint is unchanged. It is written only after a successful swap, and removed before one:
 * a build killed in between leaves no manifest, and the next build is a clean one.
 *
 * It also names every other file of the output: the cards, with what each was drawn from, and
 * the files every build writes again (feeds, sitemaps, stylesheet, copies, the marker); and, in
 * its journal, what this output changed from the one before it, which the swap kept as
 * `out.previous` and the next build makes its staging folder: from the journal that build knows
 * which of the staging folder's files to replace, without reading its folders (staging.ts).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { writeWhole } from "../input/write-whole.ts";

export interface ManifestEntry {
  fingerprint: string;
  size: number;
  mtimeMs: number;
  /** The status-change time: unlike the modification time, no tool can set it back after an edit. */
  ctimeMs: number;
  sha256: string;
}

/** Pages and cards as arrays in the file: [key, fingerprint, size, mtimeMs, sha256, ctimeMs] (a manifest of 4000 pages parses in milliseconds). */
type PageRow = [string, string, number, number, string, number];

const headerSchema = z.strictObject({
  format: z.literal(4),
  out: z.string(),
  global: z.string(),
  pages: z.array(z.unknown()),
  images: z.array(z.unknown()),
  others: z.array(z.string()),
  journal: z
    .strictObject({ previousMarker: z.string(), fresh: z.array(z.string()), gone: z.array(z.string()) })
    .nullable(),
});

export interface Manifest {
  out: string;
  global: string;
  /** Page URL → its fingerprint and file. */
  pages: Record<string, ManifestEntry>;
  /** The cards (relative path → what it was drawn from, as `fingerprint`, and its file). */
  images: Record<string, ManifestEntry>;
  /** The files every build writes again, relative: feeds, sitemaps, stylesheet, copies, the marker. */
  others: string[];
  /** What this output changed from the one before it; null when the build did not know that one. */
  journal: Journal | null;
}

export interface Journal {
  /**
   * The marker of the output before this one (the folder the swap made `out.previous`), as
   * device:inode:change time: the next build trusts that folder only while its marker is this file.
   */
  previousMarker: string;
  /** Files of this output that are not the very files of the one before it: written or placed anew. */
  fresh: string[];
  /** Files of the one before it that this output does not have. */
  gone: string[];
}

/** A row as written, or null: checked by hand, zod at this size cost a third of a second. */
function pageRow(row: unknown): PageRow | null {
  if (!Array.isArray(row) || row.length !== 6) return null;
  const [url, fingerprint, size, mtimeMs, sha256, ctimeMs] = row as unknown[];
  const ok =
    typeof url === "string" &&
    typeof fingerprint === "string" &&
    Number.isInteger(size) &&
    (size as number) >= 0 &&
    typeof mtimeMs === "number" &&
    typeof ctimeMs === "number" &&
    typeof sha256 === "string" &&
    /^[0-9a-f]{64}$/.test(sha256);
  return ok ? (row as PageRow) : null;
}

/** Where the manifest of `out` is kept: one per output folder. */
export function manifestFile(cacheDir: string, out: string): string {
  return path.join(cacheDir, "builds", `${createHash("sha256").update(out).digest("hex").slice(0, 16)}.json`);
}

/**
 * The last build's manifest when it can be trusted for this one, else why not. Without an
 * expected `global`, a manifest of other code or templates is returned as it is: its pages
 * cannot be kept, but it still says which files its output has.
 */
export function readManifest(file: string, expected: { out: string; global?: string }): Manifest | { reason: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { reason: "no manifest of a previous build" };
  }
  let parsed: Manifest;
  try {
    const header = headerSchema.parse(JSON.parse(text));
    const entries = (rows: unknown[]) => {
      const table: Record<string, ManifestEntry> = {};
      for (const row of rows) {
        const page = pageRow(row);
        if (!page) throw new Error("not a page row");
        const [key, fingerprint, size, mtimeMs, sha256, ctimeMs] = page;
        table[key] = { fingerprint, size, mtimeMs, ctimeMs, sha256 };
      }
      return table;
    };
    parsed = {
      out: header.out,
      global: header.global,
      pages: entries(header.pages),
      images: entries(header.images),
      others: header.others,
      journal: header.journal,
    };
  } catch {
    return { reason: "the previous build's manifest is unreadable" };
  }
  if (parsed.out !== expected.out) return { reason: "the previous build's manifest is for another folder" };
  if (expected.global !== undefined && parsed.global !== expected.global) return { reason: GLOBAL_CHANGED };
  return parsed;
}

/** Why every page is rendered when what they all depend on changed. */
export const GLOBAL_CHANGED = "the code, templates, data or environment changed since the previous build";

/** Manifests of output folders not built for this long are removed (temporary folders, old checkouts). */
const UNUSED_FOR_MS = 30 * 24 * 60 * 60 * 1000;

/** Written whole: never half a manifest. */
export function writeManifest(file: string, manifest: Manifest): void {
  const dir = path.dirname(file);
  const rows = (table: Record<string, ManifestEntry>) =>
    Object.entries(table).map(
      ([key, entry]): PageRow => [key, entry.fingerprint, entry.size, entry.mtimeMs, entry.sha256, entry.ctimeMs],
    );
  writeWhole(
    file,
    JSON.stringify({
      format: 4,
      out: manifest.out,
      global: manifest.global,
      pages: rows(manifest.pages),
      images: rows(manifest.images),
      others: manifest.others,
      journal: manifest.journal,
    }),
  );
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const other = path.join(dir, name);
    try {
      if (now - statSync(other).mtimeMs > UNUSED_FOR_MS) rmSync(other, { force: true });
    } catch {
      // Removed by another build meanwhile.
    }
  }
}

export function removeManifest(file: string): void {
  rmSync(file, { force: true });
}

/**
 * The manifest of the last build of an output folder, kept under the cache folder: for each
 * page, the fingerprint of what it shows (lists/page-fingerprints.ts) and the file it was
 * written to (size, modification and status-change times, SHA-256), plus one fingerprint of what every page depends on (code,
 * templates, environment). An incremental build takes from the last build every page whose
 * fingerprint is unchanged. It is written only after a successful swap, and removed before one:
 * a build killed in between leaves no manifest, and the next build is a clean one.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export interface ManifestEntry {
  fingerprint: string;
  size: number;
  mtimeMs: number;
  /** The status-change time: unlike the modification time, no tool can set it back after an edit. */
  ctimeMs: number;
  sha256: string;
}

/** Pages as arrays in the file: [url, fingerprint, size, mtimeMs, sha256, ctimeMs] (a manifest of 4000 pages parses in milliseconds). */
type PageRow = [string, string, number, number, string, number];

const headerSchema = z.strictObject({
  format: z.literal(3),
  out: z.string(),
  global: z.string(),
  pages: z.array(z.unknown()),
});

export interface Manifest {
  out: string;
  global: string;
  /** Page URL → its fingerprint and file. */
  pages: Record<string, ManifestEntry>;
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

/** The last build's manifest when it can be trusted for this one, else why not. */
export function readManifest(file: string, expected: { out: string; global: string }): Manifest | { reason: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { reason: "no manifest of a previous build" };
  }
  let parsed: Manifest;
  try {
    const header = headerSchema.parse(JSON.parse(text));
    const pages: Record<string, ManifestEntry> = {};
    for (const row of header.pages) {
      const page = pageRow(row);
      if (!page) throw new Error("not a page row");
      const [url, fingerprint, size, mtimeMs, sha256, ctimeMs] = page;
      pages[url] = { fingerprint, size, mtimeMs, ctimeMs, sha256 };
    }
    parsed = { out: header.out, global: header.global, pages };
  } catch {
    return { reason: "the previous build's manifest is unreadable" };
  }
  if (parsed.out !== expected.out) return { reason: "the previous build's manifest is for another folder" };
  if (parsed.global !== expected.global) {
    return { reason: "the code, templates, data or environment changed since the previous build" };
  }
  return parsed;
}

/** Manifests of output folders not built for this long are removed (temporary folders, old checkouts). */
const UNUSED_FOR_MS = 30 * 24 * 60 * 60 * 1000;

/** Written aside, then renamed: never half a manifest. */
export function writeManifest(file: string, manifest: Manifest): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  const rows = Object.entries(manifest.pages).map(
    ([url, page]): PageRow => [url, page.fingerprint, page.size, page.mtimeMs, page.sha256, page.ctimeMs],
  );
  writeFileSync(partial, JSON.stringify({ format: 3, out: manifest.out, global: manifest.global, pages: rows }));
  renameSync(partial, file);
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

/**
 * The manifest of the last build of an output folder, kept under the cache folder: for each
 * page, the fingerprint of what it shows (lists/page-fingerprints.ts) and the file it was
 * written to (size, time, SHA-256), plus one fingerprint of what every page depends on (code,
 * templates, environment). An incremental build takes from the last build every page whose
 * fingerprint is unchanged. It is written only after a successful swap, and removed before one:
 * a build killed in between leaves no manifest, and the next build is a clean one.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const entrySchema = z.strictObject({
  fingerprint: z.string(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const manifestSchema = z.strictObject({
  format: z.literal(1),
  out: z.string(),
  global: z.string(),
  pages: z.record(z.string(), entrySchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof entrySchema>;

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
    parsed = manifestSchema.parse(JSON.parse(text));
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
  writeFileSync(partial, JSON.stringify(manifest));
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

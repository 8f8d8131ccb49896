/**
 * Shares: a build split over several machines (a CI matrix). `--shard K/N` builds the K-th of N
 * shares of the site into a folder of its own; `--merge` joins the N shares into the output
 * (merge.ts), byte-identical to a build on one machine.
 *
 * Every machine reads and checks the whole content (each share needs every page's fingerprint,
 * the lists and the sitemaps), then renders only the pages it owns: a page belongs to the share
 * its URL hashes to, a card to its article's page, a photo's files to the share their first
 * file's path hashes to, and the site-wide files (feeds, sitemaps, stylesheet, logos, 404) to
 * share 1. By URL rather than by segment: a page stays in its share from one build to the next
 * whatever else is published, so each machine's previous share (kept in its CI cache) serves
 * the next incremental build; and N shares get the same number of pages to within a few.
 *
 * A share folder carries its part of the manifest in SHARE_RECORD: which build it belongs to
 * (the whole site's fingerprint, so that shares of other sources or code are refused), which
 * share it is, and its pages' entries, which the merge joins into the output's manifest.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** The file in a share folder that says what it is; not part of the merged output. */
export const SHARE_RECORD = ".news-share.json";

/** "2/3" → the second of three shares, or null. */
export function parseShard(text: string): Shard | null {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count && count <= 10_000 ? { index, count } : null;
}

export const shardName = (shard: Shard) => `${shard.index}/${shard.count}`;

/** The share (1-based) that a root-relative URL or path belongs to among `count`. */
export function shareOf(key: string, count: number): number {
  return (createHash("sha1").update(key).digest().readUInt32BE(0) % count) + 1;
}

/** Whether `shard` builds what `key` names; every key without shards. */
export function owns(shard: Shard | undefined, key: string): boolean {
  return !shard || shareOf(key, shard.count) === shard.index;
}

/** Whether `shard` builds the site-wide files (feeds, sitemaps, stylesheet, logos, 404). */
export function ownsSiteFiles(shard: Shard | undefined): boolean {
  return !shard || shard.index === 1;
}

const entrySchema = z.strictObject({
  fingerprint: z.string(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  ctimeMs: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const recordSchema = z.strictObject({
  format: z.literal(2),
  /** The whole site's fingerprint: the same for every share of one build. */
  edition: z.string(),
  /** What every page depends on (code, templates, site URL), as a build on one machine says it. */
  global: z.string(),
  index: z.number().int().positive(),
  count: z.number().int().positive(),
  pages: z.record(z.string(), entrySchema),
  /** Its cards and logos, by root-relative path. */
  images: z.record(z.string(), entrySchema),
});

export type ShareRecord = z.infer<typeof recordSchema>;

export function writeShareRecord(dir: string, record: Omit<ShareRecord, "format">): void {
  writeFileSync(path.join(dir, SHARE_RECORD), JSON.stringify({ format: 2, ...record }));
}

/** The record of the share in `dir`, or why there is none to trust. */
export function readShareRecord(dir: string): ShareRecord | { problem: string } {
  let text: string;
  try {
    text = readFileSync(path.join(dir, SHARE_RECORD), "utf8");
  } catch {
    return { problem: `has no ${SHARE_RECORD}; expected a folder written by npm run build -- --shard K/N` };
  }
  try {
    const record = recordSchema.parse(JSON.parse(text));
    if (record.index > record.count) throw new Error("index beyond count");
    return record;
  } catch {
    return { problem: `has an unreadable ${SHARE_RECORD}; expected one written by npm run build -- --shard K/N` };
  }
}

/** The whole site's fingerprint: every page's, and what they all depend on. */
export function editionOf(global: string, prints: Iterable<{ url: string; fingerprint: string }>): string {
  const hash = createHash("sha256").update(global);
  for (const print of prints) hash.update(`\n${print.url} ${print.fingerprint}`);
  return hash.digest("hex");
}

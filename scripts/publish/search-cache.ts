/**
 * What the search index keeps between builds, under <cacheDir>/search/ (search-index.ts writes
 * the index with it):
 *  - <code version>/records-<articles folder>.bin: each article's record (its stems, by number in
 *    one list, and weights) under the key of what the article shows, the last build's shards
 *    (their stems and the hash of their file), and the stored files' sizes and inodes; flat
 *    arrays, sealed with a SHA-1 (a damaged state is ignored and everything made again);
 *  - files/<sha256>: every file of the index, gzipped, under the hash of its raw bytes: written
 *    aside then renamed, never changed, hard-linked into the output.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { gzipSync } from "node:zlib";
import { writeWhole } from "../input/write-whole.ts";

/** Bump when the cache's format changes. */
export const CACHE_FORMAT = "search-cache 3";
/** Cached files and other versions' records no build used for this long are removed. */
export const UNUSED_FOR_MS = 60 * 60 * 1000;
/** gzip's level: 9 took twice the time for 1–2 % fewer bytes. */
const GZIP_LEVEL = 6;

/** A record as the cache keeps it: stems by their number in the cache's list of stems. */
export interface KeptRecord {
  key: string;
  stems: Uint32Array;
  weights: Uint8Array;
  /** The article's file (documents/<n>.bin): its hash in the file store. */
  document: string;
}

/** A stored file: its size and inode, to know a hard link to it in the output without reading it. */
export interface Stored {
  size: number;
  ino: number;
}

export interface CacheState {
  stems: string[];
  /** The last build's records, in its articles' order (their numbers). */
  records: Map<string, KeptRecord>;
  stored: Map<string, Stored>;
  /** The last build's shards: key → [its stems, one a line; the hash of its file]. */
  shards: Map<string, [stems: string, hash: string]>;
}

/** The state as written: flat arrays, which serialise and load as blocks (8000 small arrays took 50 ms). */
interface StateFile {
  format: string;
  stems: string[];
  urls: string[];
  keys: string[];
  documents: string[];
  /** Record i's stems are stemIds[offsets[i]] to stemIds[offsets[i + 1]]. */
  offsets: Uint32Array;
  stemIds: Uint32Array;
  weights: Uint8Array;
  storedHashes: string[];
  storedSizes: Float64Array;
  storedInos: Float64Array;
  shards: [key: string, stems: string, hash: string][];
}

export const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** Content-addressed files under <cacheDir>/search/files/, written aside then renamed, never changed. */
export class FileStore {
  /** Whether this build stored or removed a file. */
  changed = false;

  constructor(
    readonly dir: string,
    readonly stored: Map<string, Stored>,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  file(hash: string): string {
    return path.join(this.dir, hash);
  }

  put(hash: string, bytes: Uint8Array): void {
    const file = this.file(hash);
    const partial = `${file}.${process.pid}.tmp`;
    const fd = openSync(partial, "w");
    let ino: number;
    try {
      writeSync(fd, bytes);
      ino = fstatSync(fd).ino;
    } finally {
      closeSync(fd);
    }
    renameSync(partial, file);
    this.stored.set(hash, { size: bytes.length, ino });
    this.changed = true;
  }

  /** Stores `raw` gzipped, under the hash of the raw bytes, unless it is there; returns the hash. */
  putCompressed(raw: Uint8Array): string {
    const hash = sha256(raw);
    if (!this.stored.has(hash)) this.put(hash, gzipSync(raw, { level: GZIP_LEVEL }));
    return hash;
  }

  forget(hash: string): void {
    this.stored.delete(hash);
    this.changed = true;
  }
}

export function readState(file: string): CacheState {
  const empty = (): CacheState => ({ stems: [], records: new Map(), stored: new Map(), shards: new Map() });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return empty();
  }
  const payload = bytes.subarray(20);
  if (bytes.length < 20 || !createHash("sha1").update(payload).digest().equals(bytes.subarray(0, 20))) return empty();
  let saved: StateFile;
  try {
    saved = deserialize(payload) as StateFile;
  } catch {
    return empty();
  }
  if (saved.format !== CACHE_FORMAT) return empty();
  const records = new Map<string, KeptRecord>();
  saved.urls.forEach((url, index) => {
    const from = saved.offsets[index] as number;
    const to = saved.offsets[index + 1] as number;
    records.set(url, {
      key: saved.keys[index] as string,
      stems: saved.stemIds.subarray(from, to),
      weights: saved.weights.subarray(from, to),
      document: saved.documents[index] as string,
    });
  });
  const stored = new Map<string, Stored>();
  saved.storedHashes.forEach((hash, index) => {
    stored.set(hash, { size: saved.storedSizes[index] as number, ino: saved.storedInos[index] as number });
  });
  const shards = new Map(saved.shards.map(([key, stems, hash]): [string, [string, string]] => [key, [stems, hash]]));
  return { stems: saved.stems, records, stored, shards };
}

/** Written aside, then renamed; the list of stems is compacted once it is mostly unused. */
export function writeState(file: string, state: CacheState): void {
  const { stems, records } = state;
  const remap = new Int32Array(stems.length).fill(-1);
  let total = 0;
  let usedCount = 0;
  for (const record of records.values()) {
    total += record.stems.length;
    for (const id of record.stems) if (remap[id] === -1) remap[id] = usedCount++;
  }
  // Compacted only when most stems are no longer used: renumbering every record costs more than a few spare stems.
  const compact = usedCount * 2 < stems.length;
  const keptStems = compact ? new Array<string>(usedCount) : stems;
  if (compact)
    for (let id = 0; id < stems.length; id += 1)
      if ((remap[id] as number) >= 0) keptStems[remap[id] as number] = stems[id] as string;
  const offsets = new Uint32Array(records.size + 1);
  const stemIds = new Uint32Array(total);
  const weights = new Uint8Array(total);
  const urls: string[] = [];
  const keys: string[] = [];
  const documents: string[] = [];
  let at = 0;
  for (const [url, record] of records) {
    urls.push(url);
    keys.push(record.key);
    documents.push(record.document);
    if (compact)
      for (let i = 0; i < record.stems.length; i += 1) stemIds[at + i] = remap[record.stems[i] as number] as number;
    else stemIds.set(record.stems, at);
    weights.set(record.weights, at);
    at += record.stems.length;
    offsets[urls.length] = at;
  }
  const storedHashes = [...state.stored.keys()];
  const saved: StateFile = {
    format: CACHE_FORMAT,
    stems: keptStems,
    urls,
    keys,
    documents,
    offsets,
    stemIds,
    weights,
    storedHashes,
    storedSizes: Float64Array.from(storedHashes, (hash) => state.stored.get(hash)?.size ?? 0),
    storedInos: Float64Array.from(storedHashes, (hash) => state.stored.get(hash)?.ino ?? 0),
    shards: [...state.shards].map(([key, [shardStems, hash]]) => [key, shardStems, hash]),
  };
  const payload = serialize(saved);
  try {
    writeWhole(file, Buffer.concat([createHash("sha1").update(payload).digest(), payload]));
  } catch {
    // A cache that cannot be written costs time, never correctness.
  }
}

/** Removes stored files this build does not use, once they outnumber the used ones by half (other output folders may use them). */
export function pruneStore(store: FileStore, used: ReadonlySet<string>): void {
  if (store.stored.size <= used.size * 1.5 + 100) return;
  const now = Date.now();
  for (const name of readdirSync(store.dir)) {
    if (used.has(name)) continue;
    const file = path.join(store.dir, name);
    try {
      if (now - lstatSync(file).mtimeMs > UNUSED_FOR_MS) {
        unlinkSync(file);
        store.forget(name);
      }
    } catch {
      // Removed meanwhile.
    }
  }
}

/** Records of other versions of the code, unused for a while, are removed (their files stay shared). */
export function removeOtherVersions(cacheRoot: string, code: string): void {
  let names: string[];
  try {
    names = readdirSync(cacheRoot);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (name === code || name === "files") continue;
    const folder = path.join(cacheRoot, name);
    try {
      if (now - statSync(folder).mtimeMs > UNUSED_FOR_MS) rmSync(folder, { recursive: true, force: true });
    } catch {
      // Removed meanwhile.
    }
  }
}

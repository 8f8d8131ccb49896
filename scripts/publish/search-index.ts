/**
 * Writes the search index into the output (the staging folder), from the content: the articles'
 * records (scripts/output/search-records.ts), inverted into shards of postings
 * (scripts/output/search-format.ts), each article's text for the excerpts, a manifest, and the
 * search page's script. Called once the pages are rendered; it reads no page.
 *
 * Incremental: each article's record is kept under <cacheDir>/search/ by the key of what the
 * article shows (an unchanged article is not read again, its body included), and every file is
 * kept there by the hash of its bytes, compressed once: a body edit compresses again the shards
 * whose stems it changed and its own text. Files are hard-linked into the output, as photos and
 * cards are. The output depends on the content alone: an incremental build writes the same bytes
 * as a clean one.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  type Dirent,
  existsSync,
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
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { gzipSync } from "node:zlib";
import type { Article } from "../input/article.ts";
import type { ArticleKeys } from "../input/load-sources.ts";
import { SEARCH_FILES_FOLDER } from "../input/urls.ts";
import {
  DOCUMENTS_FOLDER,
  documentFile,
  encodeShard,
  MANIFEST_FILE,
  type Postings,
  SCRIPT_FILE,
  SEARCH_FORMAT,
  type SearchManifest,
  SHARDS_FOLDER,
  shardFile,
  shardKeys,
} from "../output/search-format.ts";
import { searchRecord } from "../output/search-records.ts";
import { SearchStemmer } from "../text/search-terms.ts";
import { placeFile } from "./place-file.ts";

export interface SearchIndexOptions {
  /** The folder the build writes into (the staging folder); the index goes into its SEARCH_FILES_FOLDER. */
  outDir: string;
  cacheDir: string;
  /** The code's version (code-version.ts): records and the script are kept per version. */
  code: string;
  /** Where the search page's script is bundled from (the project's root). */
  root: string;
  /** Which articles folder the records come from: one cache per folder. */
  articlesDir: string;
  /** Published articles (no draft, nothing scheduled). */
  articles: readonly Article[];
  /** The publisher's sections, in its order. */
  sections: readonly { slug: string; name: string }[];
  /** The hash of what each article shows (load-sources.ts): a record is kept while it is unchanged. */
  articleKeys: ArticleKeys;
  /** Off (publisher.yaml `search.enabled: false`): no index, and any earlier one is removed. */
  enabled: boolean;
}

export interface SearchIndexResult {
  /** Files in the output's search folder. */
  files: number;
  /** Articles indexed, and how many of their records were made (not taken from the cache). */
  documents: number;
  made: number;
}

/** Bump when the cache's format changes. */
const CACHE_FORMAT = "search-cache 3";
/** Cached files and other versions' records no build used for this long are removed. */
const UNUSED_FOR_MS = 60 * 60 * 1000;
/** gzip's level: 9 took twice the time for 1–2 % fewer bytes. */
const GZIP_LEVEL = 6;

/** A record as the cache keeps it: stems by their number in the cache's list of stems. */
interface KeptRecord {
  key: string;
  stems: Uint32Array;
  weights: Uint8Array;
  /** The article's file (documents/<n>.bin): its hash in the file store. */
  document: string;
}

/** A stored file: its size and inode, to know a hard link to it in the output without reading it. */
interface Stored {
  size: number;
  ino: number;
}

interface CacheState {
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

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** Content-addressed files under <cacheDir>/search/files/, written aside then renamed, never changed. */
class FileStore {
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

function readState(file: string): CacheState {
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
function writeState(file: string, state: CacheState): void {
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
  const partial = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(partial, Buffer.concat([createHash("sha1").update(payload).digest(), payload]));
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written costs time, never correctness.
    rmSync(partial, { force: true });
  }
}

/** Articles by number: oldest first, so that a new article takes the next number and moves no other. */
function numbered(articles: readonly Article[]): Article[] {
  return [...articles].sort(
    (a, b) => a.published.epoch - b.published.epoch || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0),
  );
}

/** Makes an article's record, storing its file; its stems numbered in `stems` (`ids`: stem → number). */
function makeRecord(
  article: Article,
  key: string,
  context: { stemmer: SearchStemmer; stems: string[]; ids: Map<string, number>; store: FileStore },
): KeptRecord {
  const record = searchRecord(article, context.stemmer);
  const document = context.store.putCompressed(Buffer.from(JSON.stringify(record.document)));
  const stemIds = new Uint32Array(record.terms.length);
  const weights = new Uint8Array(record.terms.length);
  for (let index = 0; index < record.terms.length; index += 1) {
    const [stem, weight] = record.terms[index] as [string, number];
    let id = context.ids.get(stem);
    if (id === undefined) {
      id = context.stems.length;
      context.ids.set(stem, id);
      context.stems.push(stem);
    }
    stemIds[index] = id;
    weights[index] = weight;
  }
  return { key, stems: stemIds, weights, document };
}

/** Adds to `into` the stems whose weight differs between an article's last record and its new one. */
function changedStems(before: KeptRecord | undefined, after: KeptRecord, into: Set<number>): void {
  const weights = new Map<number, number>();
  if (before)
    for (let i = 0; i < before.stems.length; i += 1)
      weights.set(before.stems[i] as number, before.weights[i] as number);
  for (let i = 0; i < after.stems.length; i += 1) {
    const id = after.stems[i] as number;
    if (weights.get(id) !== after.weights[i]) into.add(id);
    weights.delete(id);
  }
  for (const id of weights.keys()) into.add(id);
}

/** Every stem's postings, articles in number order: a counting sort over the records. */
function invert(ordered: readonly KeptRecord[], stemCount: number): { offsets: Uint32Array; postings: Postings } {
  const offsets = new Uint32Array(stemCount + 1);
  for (const record of ordered) {
    const stems = record.stems;
    for (let i = 0; i < stems.length; i += 1) {
      const at = (stems[i] as number) + 1;
      offsets[at] = (offsets[at] as number) + 1;
    }
  }
  for (let id = 1; id <= stemCount; id += 1) offsets[id] = (offsets[id] as number) + (offsets[id - 1] as number);
  const total = offsets[stemCount] as number;
  const documents = new Uint32Array(total);
  const weights = new Uint8Array(total);
  const next = offsets.slice(0, stemCount);
  for (let number = 0; number < ordered.length; number += 1) {
    const record = ordered[number] as KeptRecord;
    const { stems, weights: recordWeights } = record;
    for (let i = 0; i < stems.length; i += 1) {
      const id = stems[i] as number;
      const at = next[id] as number;
      documents[at] = number;
      weights[at] = recordWeights[i] as number;
      next[id] = at + 1;
    }
  }
  return { offsets, postings: { documents, weights } };
}

/** The search page's script, bundled once per version of the code. */
async function script(options: SearchIndexOptions, store: FileStore): Promise<string> {
  const marker = path.join(options.cacheDir, "search", options.code, "script");
  try {
    const hash = readFileSync(marker, "utf8");
    if (store.stored.has(hash) && existsSync(store.file(hash))) return hash;
  } catch {
    // Not bundled for this version yet.
  }
  const { build } = await import("esbuild");
  const bundled = await build({
    absWorkingDir: options.root,
    entryPoints: [path.join(options.root, "scripts/browser/search-page.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    write: false,
    legalComments: "none",
    banner: { js: "/* Recherche. Racinisation : Snowball (français), @orama/stemmers, licence Apache-2.0. */" },
    logLevel: "warning",
  });
  const bytes = bundled.outputFiles[0]?.contents;
  if (!bytes) throw new Error("the search page's script did not bundle");
  const hash = sha256(bytes);
  store.put(hash, bytes);
  mkdirSync(path.dirname(marker), { recursive: true });
  writeFileSync(marker, hash);
  return hash;
}

/** Every file below `dir`, relative to it ("shards/x.bin"). */
function filesBelow(dir: string): Set<string> {
  const found = new Set<string>();
  const visit = (folder: string, relative: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) visit(path.join(folder, entry.name), file);
      else found.add(file);
    }
  };
  visit(dir, "");
  return found;
}

/**
 * Makes `dir` hold exactly `files` (relative path → stored hash): a file that is the stored one
 * (same inode and size: a hard link to it) stays, anything else goes, and what is missing is
 * linked from the store. `remake` stores again a file the store lost (another build pruned it).
 */
function placeAll(dir: string, files: ReadonlyMap<string, string>, store: FileStore, remake: (file: string) => void) {
  const present = filesBelow(dir);
  mkdirSync(path.join(dir, SHARDS_FOLDER), { recursive: true });
  mkdirSync(path.join(dir, DOCUMENTS_FOLDER), { recursive: true });
  for (const [file, hash] of files) {
    const target = path.join(dir, file);
    if (present.delete(file)) {
      const stored = store.stored.get(hash);
      const stats = lstatSync(target);
      if (stored && stats.isFile() && stats.ino === stored.ino && stats.size === stored.size) continue;
      unlinkSync(target);
    }
    if (placeFile(store.file(hash), target)) continue;
    store.forget(hash);
    remake(file);
    if (!placeFile(store.file(hash), target)) throw new Error(`the search index's file ${file} could not be stored`);
  }
  for (const file of present) rmSync(path.join(dir, file), { recursive: true, force: true });
}

/** Removes stored files this build does not use, once they outnumber the used ones by half (other output folders may use them). */
function pruneStore(store: FileStore, used: ReadonlySet<string>): void {
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
function removeOtherVersions(cacheRoot: string, code: string): void {
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

/** Writes the search index into `options.outDir`; with search off, removes any there. */
export async function writeSearchIndex(options: SearchIndexOptions): Promise<SearchIndexResult> {
  const dir = path.join(options.outDir, SEARCH_FILES_FOLDER);
  if (!options.enabled) {
    rmSync(dir, { recursive: true, force: true });
    return { files: 0, documents: 0, made: 0 };
  }
  const cacheRoot = path.join(options.cacheDir, "search");
  const stateFile = path.join(
    cacheRoot,
    options.code,
    `records-${sha256(path.resolve(options.articlesDir)).slice(0, 16)}.bin`,
  );
  removeOtherVersions(cacheRoot, options.code);
  const state = readState(stateFile);
  const store = new FileStore(path.join(cacheRoot, "files"), state.stored);

  // Records: kept while the article shows the same, else made (its body read now).
  const ordered = numbered(options.articles);
  const ids = new Map<string, number>();
  for (const [id, stem] of state.stems.entries()) ids.set(stem, id);
  const context = { stemmer: new SearchStemmer(), stems: state.stems, ids, store };
  const records = new Map<string, KeptRecord>();
  let made = 0;
  // The stems whose postings may have changed: those of every record made now, and of the record it replaces.
  const touched = new Set<number>();
  const kept = ordered.map((article) => {
    const key = options.articleKeys.get(article.url)?.own ?? "";
    const cached = state.records.get(article.url);
    let record = cached && key !== "" && cached.key === key ? cached : undefined;
    if (!record) {
      record = makeRecord(article, key, context);
      made += 1;
      changedStems(cached, record, touched);
    }
    records.set(article.url, record);
    return record;
  });
  // Shards untouched by this build's records are the last build's, as long as no article moved
  // (its number): the last build's articles come first, in the same order.
  const previous = [...state.records.keys()];
  const numbersKept = previous.length <= ordered.length && previous.every((url, index) => ordered[index]?.url === url);

  // Postings by stem, then shards by the stems' first letters.
  const { offsets, postings } = invert(kept, context.stems.length);
  const postingsOf = (id: number): Postings => ({
    documents: postings.documents.subarray(offsets[id], offsets[id + 1]),
    weights: postings.weights.subarray(offsets[id], offsets[id + 1]),
  });
  const used = new Map<string, number>();
  for (let id = 0; id < context.stems.length; id += 1) {
    if ((offsets[id + 1] as number) > (offsets[id] as number)) used.set(context.stems[id] as string, id);
  }
  const sorted = [...used.keys()].sort();
  const count = (stem: string) => {
    const id = used.get(stem) as number;
    return (offsets[id + 1] as number) - (offsets[id] as number);
  };

  const files = new Map<string, string>();
  // How to store again a file the store lost (another build's pruning): by its path in the output.
  const remakes = new Map<string, () => void>();
  const manifest: SearchManifest = {
    format: SEARCH_FORMAT,
    documents: ordered.length,
    sections: options.sections.map(({ slug, name }) => ({ slug, name })),
    documentSections: "",
    years: [],
    shards: [],
  };
  const sectionNumber = new Map(manifest.sections.map((section, index) => [section.slug, index.toString(36)]));
  const sections: string[] = [];
  ordered.forEach((article, number) => {
    sections.push(sectionNumber.get(article.section.slug) ?? "0");
    const year = article.published.day.slice(0, 4);
    if (manifest.years.at(-1)?.[0] !== year) manifest.years.push([year, number]);
    files.set(documentFile(number), (kept[number] as KeptRecord).document);
  });
  manifest.documentSections = sections.join("");
  const shards = new Map<string, [string, string]>();
  const encode = (stems: readonly string[]) =>
    encodeShard(stems.map((stem) => [stem, postingsOf(used.get(stem) as number)]));
  for (const shard of shardKeys(sorted, count)) {
    const signature = shard.stems.join("\n");
    const last = state.shards.get(shard.key);
    let hash: string;
    if (
      numbersKept &&
      last?.[0] === signature &&
      store.stored.has(last[1]) &&
      !shard.stems.some((stem) => touched.has(used.get(stem) as number))
    ) {
      hash = last[1];
    } else {
      hash = store.putCompressed(encode(shard.stems));
    }
    const name = `${hash.slice(0, 16)}.bin`;
    manifest.shards.push([shard.key, name, shard.split ? 1 : 0]);
    shards.set(shard.key, [signature, hash]);
    files.set(shardFile(name), hash);
    remakes.set(shardFile(name), () => store.putCompressed(encode(shard.stems)));
  }
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  files.set(MANIFEST_FILE, store.putCompressed(manifestBytes));
  remakes.set(MANIFEST_FILE, () => store.putCompressed(manifestBytes));
  files.set(SCRIPT_FILE, await script(options, store));

  placeAll(dir, files, store, (file) => {
    const remake = remakes.get(file);
    if (remake) {
      remake();
    } else if (file.startsWith(`${DOCUMENTS_FOLDER}/`)) {
      const number = Number(file.slice(DOCUMENTS_FOLDER.length + 1, -".bin".length));
      const article = ordered[number] as Article;
      records.set(article.url, makeRecord(article, records.get(article.url)?.key ?? "", context));
      made += 1;
    } else {
      throw new Error(`the search page's script is missing from the cache (${file})`);
    }
  });
  pruneStore(store, new Set(files.values()));
  // Written again only when something changed: at 4000 articles it is about 4 MB.
  if (made > 0 || store.changed || !numbersKept || records.size !== state.records.size) {
    writeState(stateFile, { stems: context.stems, records, stored: store.stored, shards });
  }
  return { files: files.size, documents: ordered.length, made };
}

/**
 * Writes the search index into the output (the staging folder), from the content: the articles'
 * records (scripts/output/search-records.ts), inverted into shards of postings
 * (scripts/output/search-format.ts), each article's text for the excerpts, a manifest, and the
 * search page's script. Called once the pages are rendered; it reads no page.
 *
 * Incremental: each article's record is kept under <cacheDir>/search/ by the key of what the
 * article shows (an unchanged article is not read again, its body included), and every file is
 * kept there by the hash of its bytes, compressed once: a body edit re-compresses the few shards
 * whose stems it changed and its own text. Files are hard-linked into the output, as photos and
 * cards are. The output depends on the content alone: an incremental build writes the same bytes
 * as a clean one.
 */
import { createHash } from "node:crypto";
import {
  type Dirent,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
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
import { placeFile, sameFile } from "./place-file.ts";

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

/** Bump when the cache's format changes. */
const CACHE_FORMAT = "search-cache 1";
/** Cached files no build used for this long are removed. */
const UNUSED_FOR_MS = 60 * 60 * 1000;

/** A record as the cache keeps it: stems by their number in the cache's list of stems. */
interface KeptRecord {
  key: string;
  stems: Uint32Array;
  weights: Uint8Array;
  /** The article's file (documents/<n>.bin): its hash in the file store. */
  document: string;
}

interface CacheState {
  stems: string[];
  records: Map<string, KeptRecord>;
  /** Stored files by hash, with their size (a file of another size is not trusted). */
  sizes: Map<string, number>;
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** Content-addressed files under <cacheDir>/search/files/, written aside then renamed. */
class FileStore {
  constructor(
    readonly dir: string,
    readonly sizes: Map<string, number>,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  file(hash: string): string {
    return path.join(this.dir, hash);
  }

  /** Whether the store has the file, whole. */
  has(hash: string): boolean {
    const size = this.sizes.get(hash);
    if (size === undefined) return false;
    try {
      return statSync(this.file(hash)).size === size;
    } catch {
      return false;
    }
  }

  /** Whether this build stored or removed a file. */
  changed = false;

  put(hash: string, bytes: Uint8Array): void {
    this.changed = true;
    const file = this.file(hash);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    this.sizes.set(hash, bytes.length);
  }

  /** Stores `raw` compressed (gzip), under the hash of the raw bytes; returns that hash. */
  putCompressed(raw: Uint8Array, known?: boolean): string {
    const hash = sha256(raw);
    if (!(known ?? this.has(hash))) this.put(hash, gzipSync(raw, { level: 9 }));
    return hash;
  }
}

function readState(file: string): CacheState {
  const empty = (): CacheState => ({ stems: [], records: new Map(), sizes: new Map() });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return empty();
  }
  const payload = bytes.subarray(32);
  if (bytes.length < 32 || !createHash("sha256").update(payload).digest().equals(bytes.subarray(0, 32))) return empty();
  try {
    const state = deserialize(payload) as { format: string } & CacheState;
    return state.format === CACHE_FORMAT ? state : empty();
  } catch {
    return empty();
  }
}

/** The state of this build, with only the stems its records use. */
function writeState(file: string, records: Map<string, KeptRecord>, sizes: Map<string, number>, stems: string[]): void {
  const used = new Map<number, number>();
  const kept: string[] = [];
  const renumbered = new Map<string, KeptRecord>();
  for (const [url, record] of records) {
    const ids = new Uint32Array(record.stems.length);
    record.stems.forEach((id, index) => {
      let next = used.get(id);
      if (next === undefined) {
        next = kept.length;
        used.set(id, next);
        kept.push(stems[id] as string);
      }
      ids[index] = next;
    });
    renumbered.set(url, { ...record, stems: ids });
  }
  const payload = serialize({ format: CACHE_FORMAT, stems: kept, records: renumbered, sizes });
  const partial = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, Buffer.concat([createHash("sha256").update(payload).digest(), payload]));
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

/** The records of every article, from the cache or made now (reading the article's body). */
function records(
  articles: readonly Article[],
  options: SearchIndexOptions,
  state: CacheState,
  store: FileStore,
): { records: Map<string, KeptRecord>; stems: string[]; made: number } {
  const stems = state.stems;
  const ids = new Map<string, number>();
  for (const [id, stem] of stems.entries()) ids.set(stem, id);
  const stemmer = new SearchStemmer();
  const result = new Map<string, KeptRecord>();
  let made = 0;
  for (const article of articles) {
    const key = options.articleKeys.get(article.url)?.own ?? "";
    const kept = state.records.get(article.url);
    if (kept && key !== "" && kept.key === key && store.has(kept.document)) {
      result.set(article.url, kept);
      continue;
    }
    const record = searchRecord(article, stemmer);
    const document = store.putCompressed(Buffer.from(JSON.stringify(record.document)));
    const stemIds = new Uint32Array(record.terms.length);
    const weights = new Uint8Array(record.terms.length);
    record.terms.forEach(([stem, weight], index) => {
      let id = ids.get(stem);
      if (id === undefined) {
        id = stems.length;
        ids.set(stem, id);
        stems.push(stem);
      }
      stemIds[index] = id;
      weights[index] = weight;
    });
    result.set(article.url, { key, stems: stemIds, weights, document });
    made += 1;
  }
  return { records: result, stems, made };
}

/** Every stem's postings, articles in number order. */
function invert(ordered: readonly KeptRecord[], stemCount: number): (id: number) => Postings {
  const counts = new Uint32Array(stemCount + 1);
  for (const record of ordered) for (const id of record.stems) counts[id + 1] = (counts[id + 1] as number) + 1;
  for (let id = 1; id <= stemCount; id += 1) counts[id] = (counts[id] as number) + (counts[id - 1] as number);
  const total = counts[stemCount] as number;
  const documents = new Uint32Array(total);
  const weights = new Uint8Array(total);
  const next = counts.slice(0, stemCount);
  ordered.forEach((record, number) => {
    record.stems.forEach((id, index) => {
      const at = next[id] as number;
      documents[at] = number;
      weights[at] = record.weights[index] as number;
      next[id] = at + 1;
    });
  });
  return (id) => ({
    documents: documents.subarray(counts[id], counts[id + 1]),
    weights: weights.subarray(counts[id], counts[id + 1]),
  });
}

/** The search page's script, bundled once per version of the code. */
async function script(options: SearchIndexOptions, store: FileStore): Promise<string> {
  const marker = path.join(options.cacheDir, "search", options.code, "script");
  try {
    const hash = readFileSync(marker, "utf8");
    if (store.has(hash)) return hash;
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

/** Makes the folder `dir` hold exactly `files` (relative path → stored file), linking what it lacks. */
function placeAll(dir: string, files: ReadonlyMap<string, string>): void {
  const visit = (folder: string, relative: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      const file = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        visit(full, file);
        continue;
      }
      const wanted = files.get(file);
      if (!wanted || !sameFile(full, wanted)) rmSync(full, { recursive: true, force: true });
    }
  };
  visit(dir, "");
  mkdirSync(path.join(dir, SHARDS_FOLDER), { recursive: true });
  mkdirSync(path.join(dir, DOCUMENTS_FOLDER), { recursive: true });
  for (const [file, stored] of files) {
    const target = path.join(dir, file);
    if (!placeFile(stored, target)) throw new Error(`the search index's file ${file} is missing from the cache`);
  }
}

/** Removes stored files no build used for a while (another output folder's build may still want one). */
function pruneStore(store: FileStore, used: ReadonlySet<string>): void {
  const now = Date.now();
  for (const name of readdirSync(store.dir)) {
    if (used.has(name)) continue;
    const file = path.join(store.dir, name);
    try {
      if (now - lstatSync(file).mtimeMs > UNUSED_FOR_MS) {
        unlinkSync(file);
        store.sizes.delete(name);
        store.changed = true;
      }
    } catch {
      // Removed meanwhile.
    }
  }
}

export interface SearchIndexResult {
  /** Files written into the output's search folder. */
  files: number;
  /** Articles indexed, and how many of their records were made (not taken from the cache). */
  documents: number;
  made: number;
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
  const store = new FileStore(path.join(cacheRoot, "files"), state.sizes);

  const ordered = numbered(options.articles);
  const made = records(ordered, options, state, store);
  const kept = ordered.map((article) => made.records.get(article.url) as KeptRecord);
  const postingsOf = invert(kept, made.stems.length);
  const used = new Uint8Array(made.stems.length);
  for (const record of kept) for (const id of record.stems) used[id] = 1;
  const stemIds = new Map<string, number>();
  used.forEach((isUsed, id) => {
    if (isUsed) stemIds.set(made.stems[id] as string, id);
  });
  const sorted = [...stemIds.keys()].sort();
  const postingCount = (stem: string) => postingsOf(stemIds.get(stem) as number).documents.length;

  const files = new Map<string, string>();
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
    files.set(documentFile(number), store.file((kept[number] as KeptRecord).document));
  });
  manifest.documentSections = sections.join("");
  for (const shard of shardKeys(sorted, postingCount)) {
    const bytes = encodeShard(shard.stems.map((stem) => [stem, postingsOf(stemIds.get(stem) as number)]));
    const hash = store.putCompressed(bytes);
    const name = `${hash.slice(0, 16)}.bin`;
    manifest.shards.push([shard.key, name, shard.split ? 1 : 0]);
    files.set(shardFile(name), store.file(hash));
  }
  files.set(MANIFEST_FILE, store.file(store.putCompressed(Buffer.from(JSON.stringify(manifest)))));
  files.set(SCRIPT_FILE, store.file(await script(options, store)));

  placeAll(dir, files);
  pruneStore(store, new Set([...files.values()].map((file) => path.basename(file))));
  // Written again only when something changed: at 4000 articles it is about 4 MB.
  if (made.made > 0 || store.changed || made.records.size !== state.records.size) {
    mkdirSync(path.dirname(stateFile), { recursive: true });
    writeState(stateFile, made.records, store.sizes, made.stems);
  }
  return { files: files.size, documents: ordered.length, made: made.made };
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

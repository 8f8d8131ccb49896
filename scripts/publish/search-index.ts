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
import { type Dirent, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
import { type CopiesOptions, PlacedCopies } from "./place-file.ts";
import {
  FileStore,
  type KeptRecord,
  pruneStore,
  readState,
  removeOtherVersions,
  sha256,
  writeState,
} from "./search-cache.ts";

export interface SearchIndexOptions {
  /** The folder the build writes into (the staging folder); the index goes into its SEARCH_FILES_FOLDER. */
  outDir: string;
  cacheDir: string;
  /** The code's version (code-version.ts): records and the script are kept per version. */
  code: string;
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
  /**
   * The current output and the record of its index's copies: its unchanged copies are linked,
   * not copied again. Without it, every file is copied.
   */
  copies?: { current: string; record: string };
}

export interface SearchIndexResult {
  /** Files in the output's search folder. */
  files: number;
  /** Articles indexed, and how many of their records were made (not taken from the cache). */
  documents: number;
  made: number;
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

/**
 * The search page's source, found from this module whether it runs from scripts/publish/ or
 * compiled into .cache/compiled/<hash>/ (both inside the project), not from the working directory
 * (a build may run from elsewhere).
 */
function searchPageSource(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const source = path.join(dir, "scripts", "browser", "search-page.ts");
    if (existsSync(source)) return source;
    if (path.dirname(dir) === dir) throw new Error("scripts/browser/search-page.ts not found");
  }
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
  const entry = searchPageSource();
  const { build, stop } = await import("esbuild");
  const bundled = await build({
    absWorkingDir: path.dirname(entry),
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    write: false,
    legalComments: "none",
    banner: { js: "/* Recherche. Racinisation : Snowball (français), @orama/stemmers, licence Apache-2.0. */" },
    logLevel: "warning",
  });
  // esbuild's service process would outlive the build for a moment.
  await stop();
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
 * Makes `dir` hold exactly `files` (relative path → stored hash): copies of the stored files,
 * never links to the cache (a tool rewriting a published file in place would change the cache
 * too). A copy the current output already has, unchanged since this build recorded it, is linked
 * instead (place-file.ts PlacedCopies); anything else goes. `remake` stores again a file the store
 * lost (another build pruned it).
 */
function placeAll(
  dir: string,
  files: ReadonlyMap<string, string>,
  store: FileStore,
  remake: (file: string) => void,
  copies: CopiesOptions | undefined,
) {
  const present = filesBelow(dir);
  mkdirSync(path.join(dir, SHARDS_FOLDER), { recursive: true });
  mkdirSync(path.join(dir, DOCUMENTS_FOLDER), { recursive: true });
  const placed = new PlacedCopies(dir, copies);
  for (const [file, hash] of files) {
    present.delete(file);
    if (placed.place(store.file(hash), file)) continue;
    store.forget(hash);
    remake(file);
    if (!placed.place(store.file(hash), file, true)) {
      throw new Error(`the search index's file ${file} could not be stored`);
    }
  }
  for (const file of present) rmSync(path.join(dir, file), { recursive: true, force: true });
  placed.save();
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

  const copies = options.copies && {
    current: path.join(options.copies.current, SEARCH_FILES_FOLDER),
    record: options.copies.record,
  };
  placeAll(
    dir,
    files,
    store,
    (file) => {
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
    },
    copies,
  );
  pruneStore(store, new Set(files.values()));
  // Written again only when something changed: at 4000 articles it is about 4 MB.
  if (made > 0 || store.changed || !numbersKept || records.size !== state.records.size) {
    writeState(stateFile, { stems: context.stems, records, stored: store.stored, shards });
  }
  return { files: files.size, documents: ordered.length, made };
}

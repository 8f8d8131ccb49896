/**
 * Search over the index the build wrote (scripts/publish/search-index.ts), in the reader's
 * browser: loads the manifest once, then for each query only the shards of its words, and the
 * text of the articles it shows. No DOM here (scripts/browser/search-page.ts draws the page), so
 * that the tests run it in Node.js on a built index.
 *
 * Every word of the query must be in an article (its stem: « militaires » finds « militaire »);
 * the last word, while the reader is still typing it, also matches the words it begins. Articles
 * are ranked by BM25: the weight the build gave the stem in the article (where it appears, how
 * often, how long the article is) times how rare the stem is across the archive.
 */
import {
  decodeShard,
  documentFile,
  MANIFEST_FILE,
  type Postings,
  SEARCH_FORMAT,
  type SearchDocument,
  type SearchManifest,
  shardFile,
  shardOf,
  shardsWithPrefix,
} from "../output/search-format.ts";
import { foldWord, type QueryTerms, queryTerms, SearchStemmer } from "../text/search-terms.ts";

/** Reads one of the index's files (relative to its folder), uncompressed. */
export type LoadFile = (file: string) => Promise<Uint8Array>;

export interface Hit {
  /** The article's number: higher is newer. */
  number: number;
  score: number;
}

/** A word that only begins a word of the article counts this much of a whole word. */
const PREFIX_FACTOR = 0.7;

export class SearchEngine {
  readonly manifest: SearchManifest;
  readonly stemmer = new SearchStemmer();
  readonly #load: LoadFile;
  readonly #shards = new Map<string, Promise<Map<string, Postings>>>();
  readonly #documents = new Map<number, Promise<SearchDocument>>();

  private constructor(manifest: SearchManifest, load: LoadFile) {
    this.manifest = manifest;
    this.#load = load;
  }

  static async open(load: LoadFile): Promise<SearchEngine> {
    const manifest = JSON.parse(new TextDecoder().decode(await load(MANIFEST_FILE))) as SearchManifest;
    if (manifest.format !== SEARCH_FORMAT) throw new Error(`search index format ${manifest.format}`);
    return new SearchEngine(manifest, load);
  }

  #shard(name: string): Promise<Map<string, Postings>> {
    let shard = this.#shards.get(name);
    if (!shard) {
      shard = this.#load(shardFile(name)).then(decodeShard);
      // A failed load may succeed later (the network came back).
      shard.catch(() => this.#shards.delete(name));
      this.#shards.set(name, shard);
    }
    return shard;
  }

  /** The article's section (its slug) and year. */
  sectionOf(number: number): string {
    const index = Number.parseInt(this.manifest.documentSections[number] ?? "0", 36);
    return this.manifest.sections[index]?.slug ?? "";
  }

  yearOf(number: number): string {
    let year = "";
    for (const [name, first] of this.manifest.years) if (first <= number) year = name;
    return year;
  }

  document(number: number): Promise<SearchDocument> {
    let document = this.#documents.get(number);
    if (!document) {
      document = this.#load(documentFile(number)).then(
        (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as SearchDocument,
      );
      document.catch(() => this.#documents.delete(number));
      this.#documents.set(number, document);
    }
    return document;
  }

  #idf(postings: number): number {
    const n = this.manifest.documents;
    return Math.log(1 + (n - postings + 0.5) / (postings + 0.5));
  }

  /** Score by article of one stem, added into `into` (the best of several stems, for a prefix). */
  #scores(postings: Postings, factor: number, into: Map<number, number>): void {
    const idf = this.#idf(postings.documents.length) * factor;
    for (let i = 0; i < postings.documents.length; i += 1) {
      const number = postings.documents[i] as number;
      const score = ((postings.weights[i] as number) / 255) * idf;
      if (score > (into.get(number) ?? 0)) into.set(number, score);
    }
  }

  /** The query's terms as the index knows them. */
  terms(query: string): QueryTerms {
    return queryTerms(query, this.stemmer);
  }

  /** Every article that has all the query's words, best first (newest first among equals). */
  async search(query: string): Promise<Hit[]> {
    const { stems, prefix } = this.terms(query);
    if (stems.length === 0 && prefix === null) return [];
    // The last word, unfinished: its own stem, or any stem it begins.
    const lastStem = prefix === null ? null : this.stemmer.stem(prefix);
    const whole = stems.filter((stem) => stem !== lastStem);
    const groups = await Promise.all([
      ...whole.map(async (stem) => {
        const scores = new Map<number, number>();
        const name = shardOf(this.manifest, stem);
        const postings = name ? (await this.#shard(name)).get(stem) : undefined;
        if (postings) this.#scores(postings, 1, scores);
        return scores;
      }),
      ...(prefix === null
        ? []
        : [
            (async () => {
              const scores = new Map<number, number>();
              const shards = await Promise.all(
                shardsWithPrefix(this.manifest, prefix).map((name) => this.#shard(name)),
              );
              for (const shard of shards) {
                for (const [stem, postings] of shard) {
                  if (stem === lastStem) this.#scores(postings, 1, scores);
                  else if (stem.startsWith(prefix)) this.#scores(postings, PREFIX_FACTOR, scores);
                }
              }
              if (lastStem !== null && !shards.some((shard) => shard.has(lastStem))) {
                const name = shardOf(this.manifest, lastStem);
                const postings = name ? (await this.#shard(name)).get(lastStem) : undefined;
                if (postings) this.#scores(postings, 1, scores);
              }
              return scores;
            })(),
          ]),
    ]);
    groups.sort((a, b) => a.size - b.size);
    const [first, ...others] = groups;
    if (!first) return [];
    const hits: Hit[] = [];
    for (const [number, score] of first) {
      let total = score;
      let inAll = true;
      for (const other of others) {
        const more = other.get(number);
        if (more === undefined) {
          inAll = false;
          break;
        }
        total += more;
      }
      if (inAll) hits.push({ number, score: total });
    }
    return hits.sort((a, b) => b.score - a.score || b.number - a.number);
  }
}

/** A run of an excerpt: text, marked when it is a word the query matched. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

/** How many words an excerpt shows, and how many of them come before the first match. */
const EXCERPT_WORDS = 32;
const WORDS_BEFORE = 10;

/**
 * A short excerpt of `text` around the first word the query matches, with every matched word
 * marked; the text's start when no word matches (the match was in the headline or the tags).
 */
export function excerptOf(text: string, terms: QueryTerms, stemmer: SearchStemmer): ExcerptPart[] {
  const flat = text.replace(/\s+/g, " ");
  const words = stemmer.words(flat);
  const stems = new Set(terms.stems);
  const matches = (word: string): boolean => {
    const stem = stemmer.stem(word);
    if (stem !== null && stems.has(stem)) return true;
    return terms.prefix !== null && stem !== null && foldWord(word).startsWith(terms.prefix);
  };
  const firstMatch = words.findIndex(({ word }) => matches(word));
  const from = Math.max(0, firstMatch - WORDS_BEFORE);
  const to = Math.min(words.length, from + EXCERPT_WORDS);
  const start = from === 0 ? 0 : (words[from]?.index ?? 0);
  const last = words[to - 1];
  const end = to >= words.length ? flat.length : last ? last.index + last.word.length : flat.length;
  const parts: ExcerptPart[] = [];
  let at = start;
  for (let i = from; i < to; i += 1) {
    const { word, index } = words[i] as { word: string; index: number };
    if (!matches(word)) continue;
    if (index > at) parts.push({ text: flat.slice(at, index), marked: false });
    parts.push({ text: word, marked: true });
    at = index + word.length;
  }
  if (end > at) parts.push({ text: flat.slice(at, end), marked: false });
  if (start > 0) parts.unshift({ text: "… ", marked: false });
  if (end < flat.length) parts.push({ text: " …", marked: false });
  return parts;
}

/**
 * The search index's files, as the build writes them and the search page reads them: shared by
 * scripts/publish/search-index.ts and scripts/browser/search-engine.ts, and nothing else (no
 * Node.js import: it is bundled into the page's script).
 *
 * The index is split into shards by the stems' first letters, so that a query loads only the
 * shards of its words: a shard holds every stem that starts with its key (two letters, or more
 * where two letters hold too many postings), with the articles that contain it. Articles are
 * numbered oldest first, so that an article published later adds to the end and leaves every
 * other number as it was.
 */

/** What the search page reads first: everything but the postings and the articles' text. */
export interface SearchManifest {
  format: typeof SEARCH_FORMAT;
  /** How many articles are indexed: numbers 0 to documents - 1, oldest first. */
  documents: number;
  /** The sections articles are in, in the publisher's order. */
  sections: { slug: string; name: string }[];
  /** One character per article: its section's position in `sections`, base 36. */
  documentSections: string;
  /** Each year with articles and the number of its first (oldest) article, oldest year first. */
  years: [year: string, first: number][];
  /** The shards: the stems' first letters, the shard's file (below shards/), and whether longer keys split it. */
  shards: [key: string, file: string, split: 0 | 1][];
}

export const SEARCH_FORMAT = 1;

/** What the search page shows of an article (documents/<number>.bin). */
export interface SearchDocument {
  url: string;
  title: string;
  /** The section's name. */
  section: string;
  /** « 18 avril 2023 », and its ISO form for <time>. */
  date: string;
  iso: string;
  /** The standfirst, then the body's paragraphs, as plain text: where the excerpt is cut from. */
  text: string;
}

/** The articles that contain a stem, by number (ascending), each with its weight (1–255: how much the stem says about it). */
export interface Postings {
  documents: Uint32Array;
  weights: Uint8Array;
}

/** The folder of the shards and of the articles' files, relative to the search files' folder. */
export const SHARDS_FOLDER = "shards";
export const DOCUMENTS_FOLDER = "documents";
export const MANIFEST_FILE = "manifest.bin";
export const SCRIPT_FILE = "recherche.js";

export const documentFile = (number: number) => `${DOCUMENTS_FOLDER}/${number}.bin`;
export const shardFile = (name: string) => `${SHARDS_FOLDER}/${name}`;

/** A shard whose two-letter key holds more postings than this is split by three letters, and so on. */
export const SHARD_POSTINGS = 6000;

class Bytes {
  #buffer = new Uint8Array(1024);
  length = 0;

  #room(extra: number): void {
    if (this.length + extra <= this.#buffer.length) return;
    const grown = new Uint8Array(Math.max(this.#buffer.length * 2, this.length + extra));
    grown.set(this.#buffer.subarray(0, this.length));
    this.#buffer = grown;
  }

  byte(value: number): void {
    this.#room(1);
    this.#buffer[this.length++] = value;
  }

  varint(value: number): void {
    this.#room(5);
    let left = value;
    while (left >= 0x80) {
      this.#buffer[this.length++] = (left & 0x7f) | 0x80;
      left >>>= 7;
    }
    this.#buffer[this.length++] = left;
  }

  bytes(value: Uint8Array): void {
    this.#room(value.length);
    this.#buffer.set(value, this.length);
    this.length += value.length;
  }

  done(): Uint8Array {
    return this.#buffer.slice(0, this.length);
  }
}

/**
 * A shard's bytes: the number of stems, then for each stem (in order) its UTF-8 length and bytes,
 * its number of postings, and each posting as the gap from the previous article's number and a
 * weight byte.
 */
export function encodeShard(stems: readonly [stem: string, postings: Postings][]): Uint8Array {
  const out = new Bytes();
  const utf8 = new TextEncoder();
  out.varint(stems.length);
  for (const [stem, { documents, weights }] of stems) {
    const bytes = utf8.encode(stem);
    out.varint(bytes.length);
    out.bytes(bytes);
    out.varint(documents.length);
    let previous = 0;
    for (let i = 0; i < documents.length; i += 1) {
      const document = documents[i] as number;
      out.varint(document - previous);
      out.byte(weights[i] as number);
      previous = document;
    }
  }
  return out.done();
}

export function decodeShard(bytes: Uint8Array): Map<string, Postings> {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      if (byte === undefined) throw new Error("search shard: truncated");
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  const utf8 = new TextDecoder();
  const stems = new Map<string, Postings>();
  const count = varint();
  for (let s = 0; s < count; s += 1) {
    const length = varint();
    const stem = utf8.decode(bytes.subarray(at, at + length));
    at += length;
    const postings = varint();
    const documents = new Uint32Array(postings);
    const weights = new Uint8Array(postings);
    let previous = 0;
    for (let i = 0; i < postings; i += 1) {
      previous += varint();
      documents[i] = previous;
      weights[i] = bytes[at++] as number;
    }
    stems.set(stem, { documents, weights });
  }
  return stems;
}

/**
 * Groups sorted stems into shards by their first letters: two, or more for a key whose stems
 * hold more than `limit` postings. Stems no longer than a split key stay in a shard of that key
 * (holding only them; none when there are none). A shard depends only on the stems under its key: an edit changes the
 * shards of the stems it changes, not the others.
 */
export function shardKeys(
  stems: readonly string[],
  postings: (stem: string) => number,
  limit = SHARD_POSTINGS,
): { key: string; stems: string[]; split: boolean }[] {
  const shards: { key: string; stems: string[]; split: boolean }[] = [];
  const group = (items: readonly string[], length: number): void => {
    let start = 0;
    while (start < items.length) {
      const key = (items[start] as string).slice(0, length);
      let end = start;
      let total = 0;
      while (end < items.length && (items[end] as string).slice(0, length) === key) {
        total += postings(items[end] as string);
        end += 1;
      }
      const members = items.slice(start, end);
      const longer = members.filter((stem) => stem.length > length);
      if (total <= limit || longer.length === 0) {
        shards.push({ key, stems: members, split: false });
      } else {
        const exact = members.filter((stem) => stem.length <= length);
        if (exact.length > 0) shards.push({ key, stems: exact, split: true });
        group(longer, length + 1);
      }
      start = end;
    }
  };
  group(stems, 2);
  return shards;
}

/** The shard that holds `stem`, if any: the longest key it starts with, unless that key is split and the stem is longer. */
export function shardOf(manifest: Pick<SearchManifest, "shards">, stem: string): string | null {
  let best: SearchManifest["shards"][number] | undefined;
  for (const shard of manifest.shards) {
    if (stem.startsWith(shard[0]) && (!best || shard[0].length > best[0].length)) best = shard;
  }
  if (!best || (best[2] === 1 && best[0] !== stem)) return null;
  return best[1];
}

/**
 * The shards that may hold stems starting with `prefix`: those whose key starts with it, and the
 * unsplit shard whose key it starts with (which holds every stem under that key).
 */
export function shardsWithPrefix(manifest: Pick<SearchManifest, "shards">, prefix: string): string[] {
  const files = new Set<string>();
  for (const [key, file, split] of manifest.shards) {
    if (key.startsWith(prefix) || (split === 0 && prefix.startsWith(key))) files.add(file);
  }
  return [...files];
}

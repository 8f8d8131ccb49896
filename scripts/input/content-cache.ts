/**
 * Parsed and validated articles kept on disk between builds, so that a build reads 4000
 * unchanged articles from one index instead of parsing them again (YAML, zod, Markdown,
 * typography, dates: about 3 s at 4000 articles).
 *
 * Under <cacheDir>/content/<code version>/:
 *  - one index per articles folder: for each source file, its size and time, the key of what
 *    the article was made from (the metadata, its path as messages show it, its git date and
 *    its bytes), the hashes of what it shows (article.ts articlePrints), and the parsed result
 *    without the body;
 *    and beside it a journal of the entries changed since, one sealed line each: a build
 *    after a one-article edit appends a line instead of writing the whole index again (20 MB
 *    at 10000 articles: a quarter of a second); the index is written again once the journal
 *    holds an eighth of it, or when sources are gone;
 *  - one file per body, named by the key: a body is read only when a page or a feed shows it
 *    (a build after a one-article edit reads a few dozen, not 4000).
 * A source whose size and time match the index is not read again (as git and make do). Every
 * file carries its own name and a SHA-256 of its payload; an index or body that does not match
 * (truncated, edited, another article's, written by another version) is ignored and the article
 * parsed again, never trusted.
 */
import { createHash } from "node:crypto";
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import { shownPath } from "../text/shown-path.ts";
import { type Article, type ArticleResult, articlePrints, withBodyReplaced } from "./article.ts";
import {
  type ArticleCache,
  type ArticlePrints,
  type CachedArticle,
  samePhotos,
  unreadableArticle,
} from "./load-sources.ts";
import { checkSourcePath, readSource } from "./read-source.ts";
import { writeWhole } from "./write-whole.ts";

/** Bump when the files' format changes. */
const FORMAT = "article-cache 4";
/** Other versions' folders are removed once unused for this long (a build of another version may be running). */
const OTHER_VERSIONS_KEPT_MS = 60 * 60 * 1000;

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** What the index keeps of one source file. */
interface IndexEntry {
  /** "size:mtimeMs" of the source when it was last read. */
  stat: string;
  key: string;
  prints: ArticlePrints | undefined;
  /** The parsed result, an article's body left out (with the photo files it named: a change to one is a change). */
  result: ({ ok: true; article: Omit<Article, "bodyHtml"> } | Extract<ArticleResult, { ok: false }>) &
    Pick<ArticleResult, "photoFiles" | "history">;
}

/** "<name>\n<sha256 of the payload>\n<payload>": a file that is not this, for this name, is not trusted. */
function sealed(name: string, payload: string): string {
  return `${name}\n${sha256(payload)}\n${payload}`;
}

function unsealed(name: string, text: string): string | undefined {
  const first = text.indexOf("\n");
  const second = text.indexOf("\n", first + 1);
  if (first < 0 || second !== first + 65 || text.slice(0, first) !== name) return undefined;
  const payload = text.slice(second + 1);
  return sha256(payload) === text.slice(first + 1, second) ? payload : undefined;
}

/** Written whole: a build running at the same time never reads half a file. */
function writeAtomically(file: string, text: string): void {
  try {
    writeWhole(file, text);
  } catch {
    // A cache that cannot be written costs time, never correctness.
  }
}

/** One journal line: the SHA-256 of the format and the payload, then the payload ([file, entry]). */
function journalLine(file: string, entry: IndexEntry): string {
  const payload = JSON.stringify([file, entry]);
  return `${sha256(FORMAT + payload)} ${payload}\n`;
}

/** The entries of the journal's sound lines, in order; a line that does not match its hash is left out. */
function readJournal(file: string): [string, IndexEntry][] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const entries: [string, IndexEntry][] = [];
  for (const line of text.split("\n")) {
    const payload = line.slice(65);
    if (line[64] !== " " || sha256(FORMAT + payload) !== line.slice(0, 64)) continue;
    try {
      entries.push(JSON.parse(payload) as [string, IndexEntry]);
    } catch {
      // Sealed but not JSON: written by something else; the article is parsed again.
    }
  }
  return entries;
}

export class DiskArticleCache implements ArticleCache {
  readonly #dir: string;
  readonly #indexFile: string;
  readonly #journalFile: string;
  #context = "";
  readonly #index: Map<string, IndexEntry>;
  readonly #journalLines: number;
  /** This build's entries, by source file. */
  readonly #used = new Map<string, IndexEntry>();
  /** The source files whose entry this build made or changed. */
  readonly #changed = new Set<string>();
  /** Counts, for the benchmark: articles taken from the cache, parsed, bodies read. */
  readonly stats = { kept: 0, parsed: 0, bodiesRead: 0 };

  /** `codeVersion` changes whenever the code that parses articles may have changed. */
  constructor(cacheDir: string, codeVersion: string, articlesDir: string) {
    this.#dir = path.join(cacheDir, "content", codeVersion);
    const name = sha256(path.resolve(articlesDir)).slice(0, 16);
    this.#indexFile = path.join(this.#dir, `index-${name}.json`);
    this.#journalFile = path.join(this.#dir, `journal-${name}.txt`);
    mkdirSync(path.join(this.#dir, "bodies"), { recursive: true });
    removeOtherVersions(this.#dir);
    this.#index = readIndex(this.#indexFile);
    const journal = readJournal(this.#journalFile);
    for (const [file, entry] of journal) this.#index.set(file, entry);
    this.#journalLines = journal.length;
  }

  checkedAgainst(context: string): void {
    // Hashed once: the metadata is a few kilobytes, hashed for every article it was 90 ms at 10000.
    this.#context = sha256(context);
  }

  article(file: string, committed: string | undefined, parse: (bytes: Buffer) => ArticleResult): CachedArticle {
    const checked = checkSourcePath(file);
    if (!checked.ok) return unreadableArticle(file, checked.message);
    const stat = `${checked.stats.size}:${checked.stats.mtimeMs}`;
    const known = this.#index.get(file);
    const context = JSON.stringify([FORMAT, this.#context, shownPath(file), committed ?? ""]);
    // The context's hash starts the key, so that a source left as it was is recognised without reading it.
    const contextKey = sha256(context).slice(0, 16);
    const knownStill = known && samePhotos(known.result) ? known : undefined;
    if (knownStill && knownStill.stat === stat && knownStill.key.startsWith(contextKey)) {
      return this.#keep(file, knownStill, parse, context);
    }
    const source = readSource(file);
    if (!source.ok) return unreadableArticle(file, source.message);
    const { bytes } = source;
    const key = contextKey + createHash("sha256").update(context).update("\0").update(bytes).digest("hex");
    if (knownStill && knownStill.key === key) {
      // The same bytes with a new stat (a touch, a checkout): the index learns the new stat.
      this.#changed.add(file);
      return this.#keep(file, { ...knownStill, stat }, parse, context);
    }
    this.stats.parsed += 1;
    const result = parse(bytes);
    const prints = result.ok ? articlePrints(result.article) : undefined;
    if (result.ok) writeAtomically(this.#bodyFile(key), sealed(key, result.article.bodyHtml));
    const entry: IndexEntry = {
      stat,
      key,
      prints,
      result: result.ok
        ? {
            ok: true,
            article: withBodyReplaced(result.article, null),
            photoFiles: result.photoFiles,
            history: result.history,
          }
        : result,
    };
    this.#used.set(file, entry);
    this.#changed.add(file);
    return { key, prints, result };
  }

  /**
   * An indexed article, its body read when first asked for. A body missing or found damaged when
   * read is made again from the source, if the source is still what the entry was made from.
   * (Not looked for beforehand: a stat of every body was 100 ms of a build at 10000 articles.)
   */
  #keep(file: string, entry: IndexEntry, parse: (bytes: Buffer) => ArticleResult, context: string): CachedArticle {
    const bodyFile = this.#bodyFile(entry.key);
    this.#used.set(file, entry);
    this.stats.kept += 1;
    if (!entry.result.ok) return { key: entry.key, prints: entry.prints, result: entry.result };
    const reparse = (): string => {
      const source = readSource(file);
      if (!source.ok) throw new Error(`${file} cannot be read any more while the build runs; build again`);
      if (!entry.key.endsWith(createHash("sha256").update(context).update("\0").update(source.bytes).digest("hex"))) {
        throw new Error(`${file} changed while the build ran; build again`);
      }
      const result = parse(source.bytes);
      if (!result.ok) throw new Error(`${file} changed while the build ran; build again`);
      writeAtomically(bodyFile, sealed(entry.key, result.article.bodyHtml));
      return result.article.bodyHtml;
    };
    const stats = this.stats;
    // The index keeps the body's place (null), so the fields come back in their order.
    const article = { ...entry.result.article } as Article;
    // Read each time it is asked for, never kept: a build hands every body to a render process
    // once, and keeping them all held 0.4 GB at 50,000 articles.
    Object.defineProperty(article, "bodyHtml", {
      enumerable: true,
      configurable: true,
      get() {
        stats.bodiesRead += 1;
        return readBody(bodyFile, entry.key) ?? reparse();
      },
    });
    const { photoFiles, history } = entry.result;
    return { key: entry.key, prints: entry.prints, result: { ok: true, article, photoFiles, history } };
  }

  #bodyFile(key: string): string {
    return path.join(this.#dir, "bodies", `${key}.html`);
  }

  /**
   * Records this build's entries: the changed ones as journal lines, or, when the journal would
   * hold an eighth of the index or sources are gone, the whole index again (the journal
   * emptied, and the bodies no entry names any more removed).
   */
  save(): void {
    const gone = this.#index.size > this.#used.size;
    if (this.#changed.size === 0 && !gone) return;
    if (!gone && this.#journalLines + this.#changed.size <= Math.max(64, this.#used.size / 8)) {
      let lines = "";
      for (const file of this.#changed) lines += journalLine(file, this.#used.get(file) as IndexEntry);
      try {
        appendFileSync(this.#journalFile, lines);
      } catch {
        // A cache that cannot be written costs time, never correctness.
      }
      return;
    }
    writeAtomically(this.#indexFile, sealed(FORMAT, JSON.stringify([...this.#used])));
    rmSync(this.#journalFile, { force: true });
    const live = new Set([...this.#used.values()].map((entry) => `${entry.key}.html`));
    const bodies = path.join(this.#dir, "bodies");
    const names = readdirSync(bodies);
    // Other articles folders (tests, benchmarks) may share this cache: prune only when the dead outnumber the living.
    if (names.length <= 2 * live.size + 100) return;
    for (const name of names) if (!live.has(name)) rmSync(path.join(bodies, name), { force: true });
  }
}

function readBody(file: string, key: string): string | undefined {
  try {
    return unsealed(key, readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function readIndex(file: string): Map<string, IndexEntry> {
  try {
    const payload = unsealed(FORMAT, readFileSync(file, "utf8"));
    if (payload === undefined) return new Map();
    const entries = JSON.parse(payload) as unknown;
    return Array.isArray(entries) ? new Map(entries as [string, IndexEntry][]) : new Map();
  } catch {
    return new Map();
  }
}

/** Marks this version's folder as in use, and removes the folders of versions unused for an hour. */
function removeOtherVersions(dir: string): void {
  const now = Date.now();
  utimesSync(dir, now / 1000, now / 1000);
  try {
    const parent = path.dirname(dir);
    for (const name of readdirSync(parent)) {
      const other = path.join(parent, name);
      if (other !== dir && now - statSync(other).mtimeMs > OTHER_VERSIONS_KEPT_MS)
        rmSync(other, { recursive: true, force: true });
    }
  } catch {
    // Another build pruned it first.
  }
}

/**
 * Parsed and validated articles kept on disk between builds, so that a build reads 4000
 * unchanged articles from their cache entries instead of parsing them again (YAML, zod,
 * Markdown, typography, dates: about 3 s at 4000 articles).
 *
 * An entry is keyed by everything the article is made from: the code's version, the metadata it
 * is checked against, its path as messages show it, its git modification date and its bytes. It holds that key and a
 * SHA-256 of its payload; an entry that does not carry its own key and checksum (truncated,
 * edited, written by another version) is ignored and made again, never trusted.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { shownPath } from "../text/shown-path.ts";
import type { ArticleResult } from "./article.ts";
import type { ArticleCache } from "./load-sources.ts";

/** Bump when the entry format changes. */
const FORMAT = "article-cache 1";
/** Other versions' folders are removed once unused for this long (a build of another version may be running). */
const OTHER_VERSIONS_KEPT_MS = 60 * 60 * 1000;

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

export class DiskArticleCache implements ArticleCache {
  readonly #dir: string;
  #context = "";
  /** Entries used by this build, to prune the others. */
  readonly #used = new Set<string>();
  /** Counts, for the build's summary and the benchmark. */
  readonly stats = { kept: 0, parsed: 0 };

  /** `codeVersion` changes whenever the code that parses articles may have changed. */
  constructor(cacheDir: string, codeVersion: string) {
    this.#dir = path.join(cacheDir, "content", codeVersion);
    mkdirSync(this.#dir, { recursive: true });
    const now = new Date();
    // Marks this version's folder as in use; prunes the folders of versions unused for an hour.
    try {
      const parent = path.dirname(this.#dir);
      for (const name of readdirSync(parent)) {
        const other = path.join(parent, name);
        if (other !== this.#dir && now.getTime() - statSync(other).mtimeMs > OTHER_VERSIONS_KEPT_MS) {
          rmSync(other, { recursive: true, force: true });
        }
      }
    } catch {
      // Another build pruned it first.
    }
  }

  checkedAgainst(context: string): void {
    this.#context = context;
  }

  article(file: string, committed: string | undefined, parse: (bytes: Buffer) => ArticleResult) {
    const bytes = readFileSync(file);
    const key = createHash("sha256")
      .update(JSON.stringify([FORMAT, this.#context, shownPath(file), committed ?? ""]))
      .update("\0")
      .update(bytes)
      .digest("hex");
    this.#used.add(key);
    const entryFile = path.join(this.#dir, `${key}.json`);
    const kept = readEntry(entryFile, key);
    if (kept) {
      this.stats.kept += 1;
      return { key, result: kept };
    }
    this.stats.parsed += 1;
    const result = parse(bytes);
    writeEntry(entryFile, key, result);
    return { key, result };
  }

  /** Removes the entries this build did not use, once they outnumber the used ones: old versions of edited articles. */
  prune(): void {
    const names = readdirSync(this.#dir);
    if (names.length <= 2 * this.#used.size + 100) return;
    for (const name of names) {
      if (!this.#used.has(name.replace(/\.json$/, ""))) rmSync(path.join(this.#dir, name), { force: true });
    }
  }
}

function readEntry(file: string, key: string): ArticleResult | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const first = text.indexOf("\n");
  const second = text.indexOf("\n", first + 1);
  if (first < 0 || second < 0 || text.slice(0, first) !== key) return undefined;
  const payload = text.slice(second + 1);
  if (sha256(payload) !== text.slice(first + 1, second)) return undefined;
  try {
    const result = JSON.parse(payload) as ArticleResult;
    return typeof result === "object" && result !== null && typeof result.ok === "boolean" ? result : undefined;
  } catch {
    return undefined;
  }
}

/** Written aside, then renamed: a build running at the same time never reads half an entry. */
function writeEntry(file: string, key: string, result: ArticleResult): void {
  const payload = JSON.stringify(result);
  const partial = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, `${key}\n${sha256(payload)}\n${payload}`);
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written costs time, never correctness.
    rmSync(partial, { force: true });
  }
}

/**
 * Reads and validates what an edition is made of: publisher metadata, settings, authors, every
 * article source and the pages about the publisher. Reports all problems together. The lists
 * pages show are derived from the result in scripts/lists/content.ts.
 */
import { createHash } from "node:crypto";
import { type Dirent, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import type { z } from "zod";
import { shownPath } from "../text/shown-path.ts";
import { type Article, type ArticleResult, articlePrints, byNewest, parseArticle } from "./article.ts";
import { AUTHORS_FILE, type Author, authorsOf } from "./authors.ts";
import { type ContentProblem, ContentValidationError } from "./content-error.ts";
import type { ContentPaths } from "./content-paths.ts";
import { gitModifiedDates } from "./git-dates.ts";
import { loadTrustPages, type TrustPage } from "./pages.ts";
import { applySchedule } from "./schedule.ts";
import {
  authorsFileSchema,
  type Publisher,
  publisherSchema,
  type Settings,
  settingsSchema,
  toProblems,
} from "./schema.ts";
import { decodeUtf8, utf8Problem } from "./source-file.ts";
import { parseYaml } from "./yaml-text.ts";

/** Everything an edition is made of, validated. */
export interface Sources {
  publisher: Publisher;
  settings: Settings;
  /** Declared in authors.yaml, in its order. */
  authors: Author[];
  /** Newest first; drafts only when asked for; scheduled articles only when asked for, marked. */
  articles: Article[];
  /** Articles (not drafts) dated after the build time, soonest first: a production build leaves them out. */
  scheduled: Article[];
  /** The pages about the publisher, in publisher.yaml's order. */
  trustPages: TrustPage[];
}

export interface LoadOptions {
  includeDrafts?: boolean;
  /** Where git's modification dates are kept between builds (git-dates.ts). */
  cacheDir?: string;
  /** The build's "now": articles dated later are scheduled. Unset, none is. */
  buildTime?: DateTime;
  /** Show scheduled articles, marked (the preview); a build leaves them out. */
  includeScheduled?: boolean;
}

export function readYaml<T extends z.ZodType>(file: string, schema: T, problems: ContentProblem[]): z.infer<T> | null {
  const shown = shownPath(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    problems.push({ file: shown, field: "(file)", message: "is missing; expected a YAML file" });
    return null;
  }
  const text = decodeUtf8(bytes);
  if (text === null) {
    problems.push({ file: shown, field: "(file)", message: utf8Problem(bytes) ?? "is not valid UTF-8" });
    return null;
  }
  const yaml = parseYaml(text);
  if (!yaml.ok) {
    problems.push({ file: shown, field: yaml.field, message: yaml.message });
    return null;
  }
  const parsed = schema.safeParse(yaml.data);
  if (!parsed.success) {
    problems.push(...toProblems(shown, parsed.error, schema));
    return null;
  }
  return parsed.data;
}

/** authors.yaml, when the data folder has one: no file, no authors. */
function readAuthors(dataDir: string, problems: ContentProblem[]): Author[] | null {
  const file = path.join(dataDir, AUTHORS_FILE);
  if (!existsSync(file)) return [];
  const data = readYaml(file, authorsFileSchema, problems);
  if (!data) return null;
  const checked = authorsOf(data.authors, shownPath(file));
  problems.push(...checked.problems);
  return checked.problems.length > 0 ? null : checked.authors;
}

/** Publisher metadata, settings and authors, or every problem they have. */
export function readMetadata(dataDir: string): { publisher: Publisher; settings: Settings; authors: Author[] } {
  const problems: ContentProblem[] = [];
  const publisher = readYaml(path.join(dataDir, "publisher.yaml"), publisherSchema, problems);
  const settings = readYaml(path.join(dataDir, "settings.yaml"), settingsSchema, problems);
  const authors = readAuthors(dataDir, problems);
  if (!publisher || !settings || !authors) throw new ContentValidationError(problems);
  return { publisher, settings, authors };
}

/** Every *.md below the folder, sorted so results never depend on directory order. */
export function listArticleFiles(articlesDir: string): string[] {
  const files: string[] = [];
  collectMarkdown(articlesDir, files);
  return files.sort();
}

// Entry types from the directory listing itself: the recursive readdirSync stats every entry,
// which the preview paid for on each save (thousands of articles).
function collectMarkdown(dir: string, files: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full))) collectMarkdown(full, files);
    else if (entry.name.endsWith(".md")) files.push(full);
  }
}

function isDirectory(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** A parsed article, with the key of what it was made from and the hashes of what it shows. */
export interface CachedArticle {
  /** Equal keys, equal results. */
  key: string;
  /** article.ts articlePrints, for incremental builds; none for a source with problems. */
  prints: ArticlePrints | undefined;
  result: ArticleResult;
}

export type ArticlePrints = ReturnType<typeof articlePrints>;

/** Parsed articles, reused while what each was made from is unchanged. */
export interface ArticleCache {
  /** Says which metadata articles are checked against: a change makes every kept article stale. */
  checkedAgainst(context: string): void;
  /** The article of `file`: kept when its inputs are unchanged, else `parse`d from its bytes. */
  article(file: string, committed: string | undefined, parse: (bytes: Buffer) => ArticleResult): CachedArticle;
}

/** The hashes of what each article shows, by its URL (article.ts articlePrints). */
export type ArticleKeys = ReadonlyMap<string, ArticlePrints>;

/**
 * Parsed articles in memory, by path, reused while the file and the metadata it was checked
 * against are unchanged. The preview keeps one for its whole session, so a save parses one
 * article again, not thousands. A file whose time and size are unchanged is not read again; a
 * file saved again with the same bytes keeps its key.
 */
export class MemoryArticleCache implements ArticleCache {
  #entries = new Map<string, CachedArticle & { stat: string }>();
  #context = "";

  checkedAgainst(context: string): void {
    if (context === this.#context) return;
    this.#entries.clear();
    this.#context = context;
  }

  article(file: string, committed: string | undefined, parse: (bytes: Buffer) => ArticleResult): CachedArticle {
    const stats = statSync(file);
    const stat = `${stats.mtimeMs}:${stats.size}:${committed ?? ""}`;
    const kept = this.#entries.get(file);
    if (kept?.stat === stat) return kept;
    const bytes = readFileSync(file);
    const key = createHash("sha256")
      .update(committed ?? "")
      .update("\0")
      .update(bytes)
      .digest("hex");
    const result = kept?.key === key ? kept.result : parse(bytes);
    const entry = { stat, key, result, prints: result.ok ? articlePrints(result.article) : undefined };
    this.#entries.set(file, entry);
    return entry;
  }
}

/**
 * Reads and validates everything. Throws a ContentValidationError with every problem found.
 * `signature` changes whenever anything read changed: equal signatures, equal sources.
 */
export function loadSources(
  paths: ContentPaths,
  options: LoadOptions = {},
  cache: ArticleCache = new MemoryArticleCache(),
): { sources: Sources; signature: string; articleKeys: ArticleKeys } {
  const problems: ContentProblem[] = [];
  const { publisher, settings, authors } = readMetadata(paths.dataDir);

  const contextKey = JSON.stringify([publisher, settings, authors]);
  cache.checkedAgainst(contextKey);
  const files = listArticleFiles(paths.articlesDir);
  const committed = gitModifiedDates(paths.articlesDir, options.cacheDir);
  const articles: Article[] = [];
  const byUrl = new Map<string, string>();
  const keys: string[] = [
    String(options.includeDrafts === true),
    String(options.includeScheduled === true),
    options.buildTime?.toISO() ?? "",
    contextKey,
  ];
  /** Article URL → the hashes of what it shows, for incremental builds. */
  const articleKeys = new Map<string, ArticlePrints>();
  for (const file of files) {
    const { key, prints, result } = cache.article(file, committed.get(file), (bytes) =>
      parseArticle(shownPath(file), bytes, { publisher, settings, authors, committed: committed.get(file) }),
    );
    keys.push(file, key);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const { article } = result;
    const previous = byUrl.get(article.url);
    if (previous) {
      problems.push({
        file: article.sourcePath,
        field: "(file name)",
        message: `gives the URL ${article.url}, already used by ${previous}; expected a unique slug per section`,
      });
      continue;
    }
    byUrl.set(article.url, article.sourcePath);
    if (prints) articleKeys.set(article.url, prints);
    if (!article.draft || options.includeDrafts) articles.push(article);
  }
  if (files.length === 0) {
    problems.push({
      file: shownPath(paths.articlesDir),
      field: "(folder)",
      message: "has no articles; expected <section>/<yyyy-mm-dd>-<slug>.md files",
    });
  }
  const pages = loadTrustPages(paths.pagesDir, publisher, path.join(paths.dataDir, "publisher.yaml"));
  problems.push(...pages.problems);
  keys.push(...pages.keys);
  if (problems.length > 0) throw new ContentValidationError(problems);
  articles.sort(byNewest);
  const { articles: shown, scheduled } = options.buildTime
    ? applySchedule(articles, options.buildTime, options.includeScheduled === true)
    : { articles, scheduled: [] };
  return {
    sources: { publisher, settings, authors, articles: shown, scheduled, trustPages: pages.pages },
    signature: keys.join("\n"),
    articleKeys,
  };
}

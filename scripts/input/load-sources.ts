/**
 * Reads and validates what an edition is made of: publisher metadata, settings and every
 * article source. Reports all problems together. The lists pages show are derived from the
 * result in scripts/lists/content.ts.
 */
import { type Dirent, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { shownPath } from "../text/shown-path.ts";
import { type Article, type ArticleResult, byNewest, parseArticle } from "./article.ts";
import { type ContentProblem, ContentValidationError } from "./content-error.ts";
import type { ContentPaths } from "./content-paths.ts";
import { gitModifiedDates } from "./git-dates.ts";
import { fileStamp, PhotoFiles } from "./images.ts";
import { type Publisher, publisherSchema, type Settings, settingsSchema, toProblems } from "./schema.ts";
import { decodeUtf8, utf8Problem } from "./source-file.ts";
import { parseYaml } from "./yaml-text.ts";

/** Everything an edition is made of, validated. */
export interface Sources {
  publisher: Publisher;
  settings: Settings;
  /** Newest first; drafts only when asked for. */
  articles: Article[];
}

export interface LoadOptions {
  includeDrafts?: boolean;
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

/** Publisher metadata and settings, or every problem they have. */
export function readMetadata(dataDir: string): { publisher: Publisher; settings: Settings } {
  const problems: ContentProblem[] = [];
  const publisher = readYaml(path.join(dataDir, "publisher.yaml"), publisherSchema, problems);
  const settings = readYaml(path.join(dataDir, "settings.yaml"), settingsSchema, problems);
  if (!publisher || !settings) throw new ContentValidationError(problems);
  return { publisher, settings };
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

function fileKey(file: string): string {
  const stats = statSync(file);
  return `${stats.mtimeMs}:${stats.size}`;
}

/** Whether the photo files an article named are as they were when it was parsed (they may come and go). */
function samePhotos(result: ArticleResult): boolean {
  return (result.photoFiles ?? []).every(
    ({ file, stamp }) => fileStamp(statSync(file, { throwIfNoEntry: false })) === stamp,
  );
}

/**
 * Parsed articles by path, reused while the file (its modification time and size) and the
 * metadata it was checked against are unchanged. The preview keeps one for its whole session,
 * so a save parses one article again, not thousands.
 */
export class ArticleCache {
  #entries = new Map<string, { key: string; result: ArticleResult }>();
  /** The metadata the cached articles were checked against. */
  #context = "";

  /** Drops every entry when the metadata articles are checked against changed. */
  checkedAgainst(context: string): void {
    if (context === this.#context) return;
    this.#entries.clear();
    this.#context = context;
  }

  /** The result, unless the file or a photo file it names changed. */
  get(file: string, key: string): ArticleResult | undefined {
    const entry = this.#entries.get(file);
    return entry?.key === key && samePhotos(entry.result) ? entry.result : undefined;
  }

  set(file: string, key: string, result: ArticleResult): void {
    this.#entries.set(file, { key, result });
  }
}

/**
 * Reads and validates everything. Throws a ContentValidationError with every problem found.
 * `signature` changes whenever anything read changed: equal signatures, equal sources.
 */
export function loadSources(
  paths: ContentPaths,
  options: LoadOptions = {},
  cache: ArticleCache = new ArticleCache(),
): { sources: Sources; signature: string } {
  const problems: ContentProblem[] = [];
  const { publisher, settings } = readMetadata(paths.dataDir);

  const contextKey = JSON.stringify([publisher, settings]);
  cache.checkedAgainst(contextKey);
  const files = listArticleFiles(paths.articlesDir);
  const committed = gitModifiedDates(paths.articlesDir);
  const articles: Article[] = [];
  const byUrl = new Map<string, string>();
  const photos = new PhotoFiles();
  const keys: string[] = [String(options.includeDrafts === true), contextKey];
  for (const file of files) {
    const key = `${fileKey(file)}:${committed.get(file) ?? ""}`;
    keys.push(file, key);
    let result = cache.get(file, key);
    if (!result) {
      result = parseArticle(shownPath(file), readFileSync(file), {
        publisher,
        settings,
        committed: committed.get(file),
        photos,
      });
      cache.set(file, key, result);
    }
    for (const photo of result.photoFiles ?? []) keys.push(photo.file, photo.stamp);
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
    if (!article.draft || options.includeDrafts) articles.push(article);
  }
  if (files.length === 0) {
    problems.push({
      file: shownPath(paths.articlesDir),
      field: "(folder)",
      message: "has no articles; expected <section>/<yyyy-mm-dd>-<slug>.md files",
    });
  }
  if (problems.length > 0) throw new ContentValidationError(problems);
  articles.sort(byNewest);
  return { sources: { publisher, settings, articles }, signature: keys.join("\n") };
}

/**
 * Reads and validates what an edition is made of: publisher metadata, settings and every
 * article source. Reports all problems together. The lists pages show are derived from the
 * result in scripts/lists/content.ts.
 */
import path from "node:path";
import type { z } from "zod";
import { shownPath } from "../text/shown-path.ts";
import {
  type Article,
  type ArticleResult,
  articleProblemsWithoutMetadata,
  byNewest,
  fileNamePlace,
  parseArticle,
} from "./article.ts";
import { findArticleFiles } from "./article-files.ts";
import { type ContentProblem, ContentValidationError } from "./content-error.ts";
import type { ContentPaths } from "./content-paths.ts";
import { gitModifiedDates } from "./git-dates.ts";
import { checkSourcePath, readSource } from "./read-source.ts";
import { type Publisher, publisherSchema, type Settings, settingsSchema, toProblems } from "./schema.ts";
import { sourceText } from "./source-file.ts";
import { articleUrl } from "./urls.ts";
import { controlCharacterFields, parseYaml } from "./yaml-text.ts";

export { listArticleFiles } from "./article-files.ts";

/** Everything an edition is made of, validated. */
export interface Sources {
  publisher: Publisher;
  settings: Settings;
  /** Newest first; drafts only when asked for. */
  articles: Article[];
  /**
   * The URL of every article source whose file name gives one, drafts and sources with problems
   * included, in file order: no two may share one (scripts/lists/site-urls.ts checks).
   */
  articleUrls: { url: string; sourcePath: string }[];
}

export interface LoadOptions {
  includeDrafts?: boolean;
}

export function readYaml<T extends z.ZodType>(file: string, schema: T, problems: ContentProblem[]): z.infer<T> | null {
  const shown = shownPath(file);
  const source = readSource(file);
  if (!source.ok) {
    const message = source.missing ? "is missing; expected a YAML file" : source.message;
    problems.push({ file: shown, field: "(file)", message });
    return null;
  }
  const { text, problems: textProblems } = sourceText(source.bytes);
  problems.push(...textProblems.map((problem) => ({ file: shown, ...problem })));
  const yaml = parseYaml(text);
  if (!yaml.ok) {
    problems.push({ file: shown, field: yaml.field, message: yaml.message });
    return null;
  }
  const controls = controlCharacterFields(yaml.data);
  problems.push(...controls.map((problem) => ({ file: shown, ...problem })));
  const parsed = schema.safeParse(yaml.data);
  if (!parsed.success) {
    problems.push(...toProblems(shown, parsed.error, schema));
    return null;
  }
  return textProblems.length > 0 || controls.length > 0 ? null : parsed.data;
}

/** The publisher's metadata and the settings, in the data folder. */
export const PUBLISHER_FILE = "publisher.yaml";
export const SETTINGS_FILE = "settings.yaml";

/** Publisher metadata and settings, each null when it has problems (added to `problems`). */
function readMetadataInto(
  dataDir: string,
  problems: ContentProblem[],
): { publisher: Publisher | null; settings: Settings | null } {
  const publisher = readYaml(path.join(dataDir, PUBLISHER_FILE), publisherSchema, problems);
  const settings = readYaml(path.join(dataDir, SETTINGS_FILE), settingsSchema, problems);
  return { publisher, settings };
}

/** Publisher metadata and settings, or every problem they have. */
export function readMetadata(dataDir: string): { publisher: Publisher; settings: Settings } {
  const problems: ContentProblem[] = [];
  const { publisher, settings } = readMetadataInto(dataDir, problems);
  if (!publisher || !settings) throw new ContentValidationError(problems);
  return { publisher, settings };
}

/** What the article cache compares: null when the path is not a readable file (it is read again, and refused). */
function fileKey(file: string): string | null {
  const checked = checkSourcePath(file);
  return checked.ok ? `${checked.stats.mtimeMs}:${checked.stats.size}` : null;
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

  get(file: string, key: string): ArticleResult | undefined {
    const entry = this.#entries.get(file);
    return entry?.key === key ? entry.result : undefined;
  }

  set(file: string, key: string, result: ArticleResult): void {
    this.#entries.set(file, { key, result });
  }
}

/** What reading the sources found: the sources when the metadata is valid, and every problem. */
export interface SourcesRead {
  /** Null when the publisher's metadata or settings have problems; articles with problems are left out. */
  sources: Sources | null;
  problems: ContentProblem[];
  /** Changes whenever anything read changed: equal signatures, equal sources. */
  signature: string;
}

/**
 * Reads and checks everything, every source whatever the others' problems: the editor sees all
 * of them in one run. Articles are checked even when the metadata has problems, without the
 * checks that need it.
 */
export function readSources(
  paths: ContentPaths,
  options: LoadOptions = {},
  cache: ArticleCache = new ArticleCache(),
): SourcesRead {
  const problems: ContentProblem[] = [];
  const { publisher, settings } = readMetadataInto(paths.dataDir, problems);
  const metadata = publisher && settings ? { publisher, settings } : null;

  const contextKey = JSON.stringify([publisher, settings]);
  cache.checkedAgainst(contextKey);
  const found = findArticleFiles(paths.articlesDir);
  problems.push(...found.problems);
  const committed = gitModifiedDates(paths.articlesDir);
  const articles: Article[] = [];
  const articleUrls: Sources["articleUrls"] = [];
  const keys: string[] = [String(options.includeDrafts === true), contextKey];
  for (const file of found.files) {
    const sourcePath = shownPath(file);
    const place = fileNamePlace(file);
    if (place) articleUrls.push({ url: articleUrl(path.basename(path.dirname(file)), place.slug), sourcePath });
    const stats = fileKey(file);
    const key = stats === null ? null : `${stats}:${committed.get(file) ?? ""}`;
    keys.push(file, String(key));
    let result = key === null || !metadata ? undefined : cache.get(file, key);
    if (!result) {
      const source = readSource(file);
      if (!source.ok) {
        result = { ok: false, problems: [{ file: sourcePath, field: "(file)", message: source.message }] };
      } else if (!metadata) {
        result = { ok: false, problems: articleProblemsWithoutMetadata(sourcePath, source.bytes) };
      } else {
        result = parseArticle(sourcePath, source.bytes, { ...metadata, committed: committed.get(file) });
        if (key !== null) cache.set(file, key, result);
      }
    }
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    if (!result.article.draft || options.includeDrafts) articles.push(result.article);
  }
  if (found.files.length === 0 && found.problems.length === 0) {
    problems.push({
      file: shownPath(paths.articlesDir),
      field: "(folder)",
      message: "has no articles; expected <section>/<yyyy-mm-dd>-<slug>.md files",
    });
  }
  articles.sort(byNewest);
  return {
    sources: metadata ? { ...metadata, articles, articleUrls } : null,
    problems,
    signature: keys.join("\n"),
  };
}

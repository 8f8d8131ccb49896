/**
 * Reads and validates what an edition is made of: publisher metadata, settings, authors, every
 * article source and the pages about the publisher. Reports all problems together. The lists
 * pages show are derived from the result in scripts/lists/content.ts.
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import type { z } from "zod";
import { parseIsoWithOffset } from "../text/dates.ts";
import { shownPath } from "../text/shown-path.ts";
import {
  type Article,
  type ArticleResult,
  articlePrints,
  articleProblemsWithoutMetadata,
  byNewest,
  fileNamePlace,
  type PartialMetadata,
  parseArticle,
} from "./article.ts";
import { findArticleFiles } from "./article-files.ts";
import { AUTHORS_FILE, type Author, authorsOf } from "./authors.ts";
import { type ContentProblem, ContentValidationError } from "./content-error.ts";
import type { ContentPaths } from "./content-paths.ts";
import { gitModifiedDates } from "./git-dates.ts";
import { fileStamp, PhotoFiles } from "./images.ts";
import { legalPages } from "./legal-pages.ts";
import { liveAt } from "./live.ts";
import { loadTrustPages, type TrustPage } from "./pages.ts";
import { checkSourcePath, readSource } from "./read-source.ts";
import { applySchedule, futureHistoryProblems, linksNotYetPublished } from "./schedule.ts";
import {
  type AccessibilityFile,
  accessibilityFileSchema,
  authorsFileSchema,
  type Publisher,
  publisherSchema,
  type Settings,
  settingsSchema,
  toProblems,
} from "./schema.ts";
import { sourceText } from "./source-file.ts";
import { articleUrl } from "./urls.ts";
import { controlCharacterFields, parseYaml } from "./yaml-text.ts";

export { listArticleFiles } from "./article-files.ts";

/**
 * A file's last commit date as the article's modification: never later than the build time (a
 * build dated at the start of the quarter hour, of a commit made since, says « Mis à jour » at
 * the build time, not in its future). Not the editor's to fix, so not a problem.
 */
function committedBy(committed: string | undefined, buildTime: DateTime | undefined): string | undefined {
  if (!committed || !buildTime) return committed;
  const date = parseIsoWithOffset(committed);
  return date && date > buildTime ? (buildTime.toISO({ suppressMilliseconds: true }) ?? committed) : committed;
}

/** One warning for the files of the articles folder that are not read (a backup, a note), or none. */
function unreadFilesWarning(articlesDir: string, skipped: readonly string[]): ContentProblem[] {
  if (skipped.length === 0) return [];
  const shown = skipped.slice(0, 3).map((file) => path.relative(articlesDir, file));
  const more = skipped.length > 3 ? `, and ${skipped.length - 3} more` : "";
  return [
    {
      file: shownPath(articlesDir),
      field: "(folder)",
      message: `${skipped.length === 1 ? "1 file is" : `${skipped.length} files are`} not read: ${shown.join(", ")}${more}; expected only articles (<section>/<yyyy-mm-dd>-<slug>.md) and the photos beside them (rename a file to .md to publish it)`,
    },
  ];
}

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
  /** The pages about the publisher, in publisher.yaml's order, then the legal pages (legal-pages.ts). */
  trustPages: TrustPage[];
  /**
   * The URL of every article source whose file name gives one, drafts and sources with problems
   * included, in file order: no two may share one (scripts/lists/site-urls.ts checks).
   */
  articleUrls: { url: string; sourcePath: string }[];
}

export interface LoadOptions {
  includeDrafts?: boolean;
  /** Where git's modification dates are kept between builds (git-dates.ts). */
  cacheDir?: string;
  /** The build's "now": articles dated later are scheduled. Unset, none is. */
  buildTime?: DateTime;
  /** Show scheduled articles, marked (the preview); a build leaves them out. */
  includeScheduled?: boolean;
  /**
   * The preview: what the law asks of the legal pages and data do not give is marked on those
   * pages; a build refuses it (legal-pages.ts).
   */
  legalGapsShown?: boolean;
}

/** `raw.data` gets the YAML's data when it could be parsed, valid or not. */
export function readYaml<T extends z.ZodType>(
  file: string,
  schema: T,
  problems: ContentProblem[],
  raw: { data?: unknown } = {},
): z.infer<T> | null {
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
  raw.data = yaml.data;
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
/** The accessibility statement's data (scripts/input/accessibility.ts). */
export const ACCESSIBILITY_FILE = "accessibility.yaml";

/**
 * accessibility.yaml: undefined when the data folder has none (legal-pages.ts says what is
 * missing), null when it has problems (added to `problems`).
 */
function readAccessibility(dataDir: string, problems: ContentProblem[]): AccessibilityFile | null | undefined {
  const file = path.join(dataDir, ACCESSIBILITY_FILE);
  return existsSync(file) ? readYaml(file, accessibilityFileSchema, problems) : undefined;
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

interface Metadata {
  publisher: Publisher;
  settings: Settings;
  authors: Author[];
}

/**
 * Publisher metadata, settings and authors, each null when it has problems (added to
 * `problems`); and what the articles' checks need of the publisher's when it is valid alone.
 */
function readMetadataInto(
  dataDir: string,
  problems: ContentProblem[],
): { [key in keyof Metadata]: Metadata[key] | null } & { partial: PartialMetadata } {
  const raw: { data?: unknown } = {};
  const publisher = readYaml(path.join(dataDir, PUBLISHER_FILE), publisherSchema, problems, raw);
  const settings = readYaml(path.join(dataDir, SETTINGS_FILE), settingsSchema, problems);
  const authors = readAuthors(dataDir, problems);
  const given = (raw.data ?? {}) as Record<string, unknown>;
  const sections = publisherSchema.shape.sections.safeParse(given.sections);
  const timeZone = publisherSchema.shape.timeZone.safeParse(given.timeZone);
  const partial: PartialMetadata = {
    publisher:
      publisher ??
      (sections.success && timeZone.success ? { sections: sections.data, timeZone: timeZone.data } : undefined),
    authors: authors ?? undefined,
  };
  return { publisher, settings, authors, partial };
}

/** Publisher metadata, settings and authors, or every problem they have. */
export function readMetadata(dataDir: string): Metadata {
  const problems: ContentProblem[] = [];
  const { publisher, settings, authors } = readMetadataInto(dataDir, problems);
  if (!publisher || !settings || !authors) throw new ContentValidationError(problems);
  return { publisher, settings, authors };
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
  /**
   * The article of `file`: kept when its inputs are unchanged, else `parse`d from its bytes. A
   * path that is not a readable source (input/read-source.ts) gives that problem, and is not kept.
   */
  article(file: string, committed: string | undefined, parse: (bytes: Buffer) => ArticleResult): CachedArticle;
}

/** The hashes of what each article shows, by its URL (article.ts articlePrints). */
export type ArticleKeys = ReadonlyMap<string, ArticlePrints>;

/** What an article cache answers for a path that cannot be read as a source. */
export function unreadableArticle(file: string, message: string): CachedArticle {
  return {
    key: `unreadable ${message}`,
    prints: undefined,
    result: { ok: false, problems: [{ file: shownPath(file), field: "(file)", message }] },
  };
}

/** Whether the photo files an article named are as they were when it was parsed (they may come and go). */
export function samePhotos(result: Pick<ArticleResult, "photoFiles">): boolean {
  return (result.photoFiles ?? []).every(
    ({ file, stamp }) => fileStamp(statSync(file, { throwIfNoEntry: false })) === stamp,
  );
}

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
    const checked = checkSourcePath(file);
    if (!checked.ok) return unreadableArticle(file, checked.message);
    const stat = `${checked.stats.mtimeMs}:${checked.stats.size}:${committed ?? ""}`;
    const kept = this.#entries.get(file);
    const keptStill = kept && samePhotos(kept.result) ? kept : undefined;
    if (keptStill?.stat === stat) return keptStill;
    const source = readSource(file);
    if (!source.ok) return unreadableArticle(file, source.message);
    const key = createHash("sha256")
      .update(committed ?? "")
      .update("\0")
      .update(source.bytes)
      .digest("hex");
    const result = keptStill?.key === key ? keptStill.result : parse(source.bytes);
    const entry = { stat, key, result, prints: result.ok ? articlePrints(result.article) : undefined };
    this.#entries.set(file, entry);
    return entry;
  }
}

/** What reading the sources found: the sources when the metadata is valid, and every problem. */
export interface SourcesRead {
  /** Null when the publisher's metadata, settings or authors have problems; articles with problems are left out. */
  sources: Sources | null;
  problems: ContentProblem[];
  /** What the editor should know but does not stop a build, in the same form: the legal notice's placeholders, files left unread, the preview's links to articles not yet published. */
  warnings: ContentProblem[];
  /** Changes whenever anything read changed: equal signatures, equal sources. */
  signature: string;
  /** The hashes of what each article shows, for incremental builds. */
  articleKeys: ArticleKeys;
}

/**
 * Reads and checks everything, every source whatever the others' problems: the editor sees all
 * of them in one run. Articles are checked even when the metadata has problems, without the
 * checks that need it.
 */
export function readSources(
  paths: ContentPaths,
  options: LoadOptions = {},
  cache: ArticleCache = new MemoryArticleCache(),
): SourcesRead {
  const problems: ContentProblem[] = [];
  const { publisher, settings, authors, partial } = readMetadataInto(paths.dataDir, problems);
  const metadata = publisher && settings && authors ? { publisher, settings, authors } : null;

  const contextKey = JSON.stringify([publisher, settings, authors]);
  cache.checkedAgainst(contextKey);
  const found = findArticleFiles(paths.articlesDir);
  problems.push(...found.problems);
  const warnings = unreadFilesWarning(paths.articlesDir, found.skipped);
  // Not published (unless the preview asks for them), but links to them are checked.
  const drafts: Article[] = [];
  const committed = gitModifiedDates(paths.articlesDir, options.cacheDir);
  const articles: Article[] = [];
  const articleUrls: Sources["articleUrls"] = [];
  const articleKeys = new Map<string, ArticlePrints>();
  // Photo files are read once per load, however many articles name them.
  const photos = new PhotoFiles();
  const keys: string[] = [
    String(options.includeDrafts === true),
    String(options.includeScheduled === true),
    options.buildTime?.toISO() ?? "",
    contextKey,
  ];
  for (const file of found.files) {
    const sourcePath = shownPath(file);
    const place = fileNamePlace(file);
    if (place) articleUrls.push({ url: articleUrl(path.basename(path.dirname(file)), place.slug), sourcePath });
    const commit = committedBy(committed.get(file), options.buildTime);
    let read: CachedArticle;
    if (metadata) {
      read = cache.article(file, commit, (bytes) =>
        parseArticle(sourcePath, bytes, { ...metadata, committed: commit, photos }),
      );
    } else {
      // Checked with what of the metadata is valid: never kept.
      const source = readSource(file);
      read = source.ok
        ? {
            key: "",
            prints: undefined,
            result: { ok: false, ...articleProblemsWithoutMetadata(sourcePath, source.bytes, partial) },
          }
        : unreadableArticle(file, source.message);
    }
    keys.push(file, read.key);
    const { result } = read;
    for (const photo of result.photoFiles ?? []) keys.push(photo.file, photo.stamp);
    const future = options.buildTime ? futureHistoryProblems(sourcePath, result.history ?? [], options.buildTime) : [];
    if (!result.ok || future.length > 0) {
      problems.push(...(result.ok ? [] : result.problems), ...future);
      continue;
    }
    if (read.prints) articleKeys.set(result.article.url, read.prints);
    if (!result.article.draft || options.includeDrafts) articles.push(result.article);
    else drafts.push(result.article);
  }
  if (found.files.length === 0 && found.problems.length === 0) {
    problems.push({
      file: shownPath(paths.articlesDir),
      field: "(folder)",
      message: "has no articles; expected <section>/<yyyy-mm-dd>-<slug>.md files",
    });
  }
  let trustPages: TrustPage[] = [];
  // Checked whatever publisher.yaml's problems, like the articles.
  const accessibility = readAccessibility(paths.dataDir, problems);
  keys.push(JSON.stringify(accessibility ?? "no accessibility.yaml"));
  if (publisher) {
    const publisherFile = path.join(paths.dataDir, PUBLISHER_FILE);
    const pages = loadTrustPages(paths.pagesDir, publisher, publisherFile);
    problems.push(...pages.problems);
    keys.push(...pages.keys);
    if (options.buildTime) {
      for (const page of pages.pages) {
        if (!page.updated) continue;
        const updated = { field: "updated", iso: page.updated.iso, epoch: page.updated.epoch };
        problems.push(...futureHistoryProblems(page.sourcePath, [updated], options.buildTime));
      }
    }
    const legal = legalPages({
      publisher,
      publisherFile: shownPath(publisherFile),
      accessibility,
      accessibilityFile: shownPath(path.join(paths.dataDir, ACCESSIBILITY_FILE)),
      texts: pages.legalTexts,
      listedPages: pages.pages,
      buildTime: options.buildTime,
      gapsShown: options.legalGapsShown === true,
    });
    problems.push(...legal.problems);
    warnings.push(...legal.warnings);
    trustPages = [...pages.pages, ...legal.pages];
  }
  articles.sort(byNewest);
  const { articles: published, scheduled } = options.buildTime
    ? applySchedule(articles, options.buildTime, options.includeScheduled === true)
    : { articles, scheduled: [] };
  // Live coverage whose planned end is still to come is « En direct » (the preview, which shows
  // what is to come, shows it ended).
  const { buildTime } = options;
  const shown =
    buildTime && !options.includeScheduled ? published.map((article) => liveAt(article, buildTime)) : published;
  if (buildTime) {
    // A build refuses them; the preview, which shows scheduled articles and drafts, warns.
    const online = published.filter((article) => !article.draft && !article.scheduled);
    const links = linksNotYetPublished(
      [...online, ...scheduled],
      [...drafts, ...published.filter((article) => article.draft)],
      buildTime,
    );
    (options.includeScheduled ? warnings : problems).push(...links);
  }
  return {
    sources: metadata ? { ...metadata, articles: shown, scheduled, trustPages, articleUrls } : null,
    problems,
    warnings,
    // The problems too: a link loop or an unreadable file changes no source that was read.
    signature: `${keys.join("\n")}\n${JSON.stringify(problems)}`,
    articleKeys,
  };
}

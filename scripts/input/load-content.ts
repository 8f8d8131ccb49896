/**
 * Reads and validates everything an edition is made of: publisher metadata, site settings and
 * every article. Reports all problems together. No Eleventy here: the plugin only calls this.
 */
import { type Dirent, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { type Article, byNewest, parseArticle, type SectionRef, sectionUrl } from "./article.ts";
import { type ContentProblem, ContentValidationError } from "./content-error.ts";
import { gitModifiedDates } from "./git-dates.ts";
import { buildListings, type Listings } from "../lists/listings.ts";
import { typesetPlainText } from "./markdown.ts";
import { decodeUtf8, utf8Problem } from "./source-file.ts";
import { type Publisher, publisherSchema, type SiteSettings, siteSchema, toProblems } from "./schema.ts";
import { parseYaml } from "./yaml-text.ts";
import type { z } from "zod";

export interface ContentPaths {
  /** Folder of article sources: <articlesDir>/<section>/<yyyy-mm-dd>-<slug>.md */
  articlesDir: string;
  /** Folder holding publisher.yaml and site.yaml. */
  dataDir: string;
}

export interface SectionWithArticles extends SectionRef {
  description: string;
  articles: Article[];
}

/** Everything pages show; the list pages, topics, archive and related articles come from listings.ts. */
export interface Content extends Listings {
  publisher: Publisher;
  site: SiteSettings;
  /** Published articles, newest first (drafts only when asked for). */
  articles: Article[];
  /** Declared sections that have articles, in the publisher's order. */
  sections: SectionWithArticles[];
  /** The home page's list: the latest articles across sections. */
  latest: Article[];
  /** The publisher's support appeal, typeset. */
  appeal: { title: string; paragraphs: string[] };
}

export interface LoadOptions {
  includeDrafts?: boolean;
}

/** The home page's heading. */
const HOME_TITLE = "Dernières informations";

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

export function readYaml<T extends z.ZodType>(
  file: string,
  schema: T,
  problems: ContentProblem[],
): z.infer<T> | null {
  const shown = relative(file);
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

interface CacheEntry {
  key: string;
  /** The path as messages show it. */
  shown: string;
  result: ReturnType<typeof parseArticle>;
}

/** Parsed articles by path, reused while the file and the metadata it was checked against are unchanged. */
const articleCache = new Map<string, CacheEntry>();
/** The metadata the cached articles were checked against. */
let cacheContext = "";

function fileKey(file: string): string {
  const stats = statSync(file);
  return `${stats.mtimeMs}:${stats.size}`;
}

let lastContent: { signature: string; content: Content } | undefined;

export function loadContent(paths: ContentPaths, options: LoadOptions = {}): Content {
  const problems: ContentProblem[] = [];
  const publisher = readYaml(path.join(paths.dataDir, "publisher.yaml"), publisherSchema, problems);
  const site = readYaml(path.join(paths.dataDir, "site.yaml"), siteSchema, problems);
  if (!publisher || !site) throw new ContentValidationError(problems);

  const contextKey = JSON.stringify([publisher, site]);
  if (contextKey !== cacheContext) {
    articleCache.clear();
    cacheContext = contextKey;
  }
  const files = listArticleFiles(paths.articlesDir);
  const committed = gitModifiedDates(paths.articlesDir);
  const articles: Article[] = [];
  const byUrl = new Map<string, string>();
  const keys: string[] = [String(options.includeDrafts === true), contextKey, ...files];
  for (const file of files) {
    const key = `${fileKey(file)}:${committed.get(file) ?? ""}`;
    keys.push(key);
    let entry = articleCache.get(file);
    if (!entry || entry.key !== key) {
      const context = { publisher, site, committed: committed.get(file) };
      entry = { key, shown: relative(file), result: parseArticle(relative(file), readFileSync(file), context) };
      articleCache.set(file, entry);
    }
    const { result, shown } = entry;
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const { article } = result;
    const previous = byUrl.get(article.url);
    if (previous) {
      problems.push({
        file: shown,
        field: "(file name)",
        message: `gives the URL ${article.url}, already used by ${previous}; expected a unique slug per section`,
      });
      continue;
    }
    byUrl.set(article.url, shown);
    if (!article.draft || options.includeDrafts) articles.push(article);
  }
  if (files.length === 0) {
    problems.push({
      file: relative(paths.articlesDir),
      field: "(folder)",
      message: "has no articles; expected <section>/<yyyy-mm-dd>-<slug>.md files",
    });
  }
  if (problems.length > 0) throw new ContentValidationError(problems);
  // Nothing changed since the last call (the build validates, then Eleventy loads): reuse it all.
  const signature = keys.join("\n");
  if (lastContent?.signature === signature) return lastContent.content;

  articles.sort(byNewest);
  const sections = publisher.sections
    .map((section) => ({
      slug: section.slug,
      name: section.name,
      url: sectionUrl(section.slug),
      description: typesetPlainText(section.description),
      articles: articles.filter((article) => article.section.slug === section.slug),
    }))
    .filter((section) => section.articles.length > 0);

  const appeal = {
    title: typesetPlainText(publisher.appeal.title),
    paragraphs: publisher.appeal.paragraphs.map(typesetPlainText),
  };
  const listings = buildListings({
    publisherDescription: typesetPlainText(publisher.description),
    homeTitle: HOME_TITLE,
    articles,
    sections,
    homePageSize: site.homeArticleCount,
    pageSize: site.pageSize,
  });
  const content = { publisher, site, articles, sections, latest: articles.slice(0, site.homeArticleCount), appeal, ...listings };
  lastContent = { signature, content };
  return content;
}

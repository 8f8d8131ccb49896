/**
 * Content: everything pages show. The validated sources (scripts/input/load-sources.ts) plus
 * what is derived from them: sections with their articles, the typeset appeal, every list page,
 * topics, the archive, « À lire aussi », authors' pages and the pages about the publisher.
 */
import path from "node:path";
import type { Article, SectionRef } from "../input/article.ts";
import { AUTHORS_FILE } from "../input/authors.ts";
import { type ContentProblem, ContentValidationError } from "../input/content-error.ts";
import type { ContentPaths } from "../input/content-paths.ts";
import {
  type ArticleCache,
  type ArticleKeys,
  type LoadOptions,
  MemoryArticleCache,
  PUBLISHER_FILE,
  readSources,
  type Sources,
  type SourcesRead,
} from "../input/load-sources.ts";
import { typesetPlainText } from "../input/markdown.ts";
import type { TrustPage } from "../input/pages.ts";
import type { Publisher, Settings } from "../input/schema.ts";
import { sectionUrl } from "../input/urls.ts";
import { shownPath } from "../text/shown-path.ts";
import { type AuthorIndexPage, type AuthorPage, buildAuthorLists } from "./authors.ts";
import { buildListings, type Listings } from "./listings.ts";
import type { RankingMemo } from "./related.ts";
import { urlClaims, urlClashes } from "./site-urls.ts";
import { tagClashes } from "./topics.ts";

export interface SectionWithArticles extends SectionRef {
  description: string;
  articles: Article[];
}

export interface Content extends Listings {
  publisher: Publisher;
  settings: Settings;
  /** Published articles, newest first (drafts only when asked for). */
  articles: Article[];
  /** Declared sections that have articles, in the publisher's order. */
  sections: SectionWithArticles[];
  /** The publisher's support appeal, typeset. */
  appeal: { title: string; paragraphs: string[] };
  /** Every page of every author's list (/auteurs/<slug>/, …/page/2/). */
  authorPages: AuthorPage[];
  /** Who publishes: the pages about the publisher (in the footer) and the authors index. */
  newsroom: Newsroom;
  /** Articles dated after the build time, soonest first: not published (see Sources). */
  scheduled: Article[];
}

export interface Newsroom {
  /** In publisher.yaml's order. */
  pages: TrustPage[];
  /** /auteurs/, or none when no author is declared. */
  authorIndex: AuthorIndexPage[];
}

/** The home page's heading. */
const HOME_TITLE = "Dernières informations";

/** Derives the content from validated sources. `ranking` lets a later call reuse this one's « À lire aussi ». */
export function buildContent(sources: Sources, ranking?: RankingMemo): Content {
  const { publisher, settings, articles, authors, trustPages, scheduled } = sources;
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
  const listings = buildListings(
    {
      publisherDescription: typesetPlainText(publisher.description),
      homeTitle: HOME_TITLE,
      articles,
      sections,
      homePageSize: settings.homeArticleCount,
      pageSize: settings.pageSize,
    },
    ranking,
  );
  const authorLists = buildAuthorLists(authors, articles, settings.pageSize);
  return {
    publisher,
    settings,
    articles,
    sections,
    appeal,
    ...listings,
    indexes: [...listings.indexes, ...authorLists.crumbs],
    authorPages: authorLists.authorPages,
    newsroom: { pages: trustPages, authorIndex: authorLists.authorIndex },
    scheduled,
  };
}

/** The content, and for each article (by URL) the hashes of what it shows: for incremental builds. */
export interface LoadedContent {
  content: Content;
  articleKeys: ArticleKeys;
  /** What does not stop a build but the editor should know, one problem line each (SourcesRead.warnings, the legal notice's placeholders). */
  warnings: readonly ContentProblem[];
}

/**
 * The content, or a ContentValidationError with every problem: the sources' own and, when
 * the metadata could be read, URLs claimed twice (before anything is rendered).
 */
function checkedContent(read: SourcesRead, paths: ContentPaths, ranking?: RankingMemo): Content {
  const problems = [...read.problems];
  const content = read.sources ? buildContent(read.sources, ranking) : null;
  if (content && read.sources) {
    const publisherFile = shownPath(path.join(paths.dataDir, PUBLISHER_FILE));
    const authorsFile = shownPath(path.join(paths.dataDir, AUTHORS_FILE));
    const { articleUrls } = read.sources;
    problems.push(...urlClashes(urlClaims(content, { articleUrls, publisherFile, authorsFile })));
    // Scheduled articles too (once: the preview shows them), whose tags join the topics when published.
    const shown = new Set(content.articles.map((article) => article.url));
    const waiting = content.scheduled.filter((article) => !shown.has(article.url));
    problems.push(...tagClashes([...content.articles, ...waiting]));
  }
  if (problems.length > 0 || !content) throw new ContentValidationError(problems);
  return content;
}

/** Reads, validates and derives everything, once (the build, with its cache on disk). */
export function loadContentWithKeys(
  paths: ContentPaths,
  options: LoadOptions = {},
  cache: ArticleCache = new MemoryArticleCache(),
): LoadedContent {
  const read = readSources(paths, options, cache);
  return { content: checkedContent(read, paths), articleKeys: read.articleKeys, warnings: read.warnings };
}

/** Reads, validates and derives everything. */
export function loadContent(paths: ContentPaths, options: LoadOptions = {}): Content {
  return loadContentWithKeys(paths, options).content;
}

/**
 * Loads the content again and again (the preview, after every save): articles unchanged since
 * the last load are not parsed again, the last « À lire aussi » ranking is reused while tags,
 * sections and order are the same, and when nothing at all changed the last content is
 * returned as it was (the same object: the preview then renders nothing again).
 */
export class ContentLoader {
  #articles = new MemoryArticleCache();
  #ranking: RankingMemo = {};
  #last: { signature: string; loaded: LoadedContent } | undefined;

  load(paths: ContentPaths, options: LoadOptions = {}): LoadedContent {
    const read = readSources(paths, options, this.#articles);
    if (this.#last?.signature === read.signature) return this.#last.loaded;
    const loaded = {
      content: checkedContent(read, paths, this.#ranking),
      articleKeys: read.articleKeys,
      warnings: read.warnings,
    };
    this.#last = { signature: read.signature, loaded };
    return loaded;
  }
}

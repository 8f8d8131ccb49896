/**
 * Which pages the preview renders again after an edit; the others stay as last written. A page is
 * rendered again when anything it may show changed:
 *  - every page shows the site's identity and navigation (publisher, sections, indexes, appeal):
 *    when those change, or when a page comes or goes, every page is rendered;
 *  - an article page shows its whole article and its « À lire aussi » list;
 *  - a list page (home, section, topic, month) shows its own fields and its items.
 * Other pages show an article's listing fields only (everything but its body and what derives
 * from it), so a typo fixed in a body renders that article's page alone, and a new headline the
 * pages that name the article. Feeds and sitemaps (generated files) are written again when their
 * text changed: feeds carry bodies. Production builds always render everything.
 */
import type { Article } from "../input/article.ts";
import type { Content } from "./content.ts";
import type { ListingPage } from "./listings.ts";

export const LIST_KINDS = ["homePages", "sectionPages", "topicPages", "monthPages"] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** A text file the build writes besides pages (a feed, a sitemap): compared by its text. */
interface TextFile {
  path: string;
  body: string;
}

export interface PagesToRender {
  /** Every page: the first build, or an edit that may have changed every page. */
  everything: boolean;
  articles: Article[];
  lists: Record<ListKind, ListingPage[]>;
}

/** What other pages may show of an article: everything but its body and what derives from it. */
function listingFields(article: Article): string {
  const {
    bodyHtml: _body,
    bodyPhotos: _photos,
    wordCount: _words,
    readingMinutes: _minutes,
    readingTime: _time,
    ...listed
  } = article;
  return JSON.stringify(listed);
}

/**
 * Listing fields, interned as small numbers: comparing lists compares numbers. Parsed articles
 * are cached by file, so an unchanged article is the same object from one load to the next and
 * its fields are serialized once per preview session (which keeps one of these), not once per
 * rebuild.
 */
export class ListingFieldIds {
  readonly #ids = new Map<string, number>();
  readonly #ofArticle = new WeakMap<Article, number>();

  of(article: Article): number {
    let id = this.#ofArticle.get(article);
    if (id === undefined) {
      const fields = listingFields(article);
      id = this.#ids.get(fields) ?? this.#ids.size;
      this.#ids.set(fields, id);
      this.#ofArticle.set(article, id);
    }
    return id;
  }
}

/** What every page shows besides its own content. */
function siteKey(content: Content): string {
  const sections = content.sections.map(({ articles, ...section }) => [section, articles.length]);
  return JSON.stringify([content.publisher, content.settings, content.appeal, content.indexes, sections]);
}

/** Whether two lists of articles show the same: same articles, same listing fields, same order. */
function sameListed(before: readonly Article[], after: readonly Article[], ids: ListingFieldIds): boolean {
  if (before.length !== after.length) return false;
  return before.every(
    (article, index) => article === after[index] || ids.of(article) === ids.of(after[index] as Article),
  );
}

function samePage(before: ListingPage, after: ListingPage, ids: ListingFieldIds): boolean {
  if (!sameListed(before.items, after.items, ids)) return false;
  const fields = Object.keys(after);
  if (fields.length !== Object.keys(before).length) return false;
  for (const field of fields) {
    if (field === "items" || field === "articles") continue;
    const [a, b] = [before[field as keyof ListingPage], after[field as keyof ListingPage]];
    // Scalars compare as they are; the few small objects (crumbs, previous, next) by value.
    if (a !== b && (typeof a !== "object" || JSON.stringify(a) !== JSON.stringify(b))) return false;
  }
  return true;
}

function sameArticle(before: Article, after: Article): boolean {
  return before === after || JSON.stringify(before) === JSON.stringify(after);
}

/** One list of pages per kind. */
function listsOf(pages: (kind: ListKind) => ListingPage[]): Record<ListKind, ListingPage[]> {
  return Object.fromEntries(LIST_KINDS.map((kind) => [kind, pages(kind)])) as Record<ListKind, ListingPage[]>;
}

export function allPages(content: Content): PagesToRender {
  return { everything: true, articles: content.articles, lists: listsOf((kind) => content[kind]) };
}

/** The pages to render for `next`, given the content the last successful render was made of. */
export function pagesToRender(
  previous: Content | undefined,
  next: Content,
  ids: ListingFieldIds = new ListingFieldIds(),
): PagesToRender {
  if (!previous) return allPages(next);
  // The content is reused as a whole when no file changed (load-content.ts).
  if (previous === next) return none();
  if (siteKey(previous) !== siteKey(next)) return allPages(next);

  if (previous.articles.length !== next.articles.length) return allPages(next);
  const articlesBefore = new Map(previous.articles.map((article) => [article.url, article]));
  const articles: Article[] = [];
  for (const article of next.articles) {
    const old = articlesBefore.get(article.url);
    if (!old) return allPages(next);
    if (
      !sameArticle(old, article) ||
      !sameListed(previous.related[article.url] ?? [], next.related[article.url] ?? [], ids)
    ) {
      articles.push(article);
    }
  }

  const lists = {} as Record<ListKind, ListingPage[]>;
  for (const kind of LIST_KINDS) {
    if (previous[kind].length !== next[kind].length) return allPages(next);
    const pagesBefore = new Map(previous[kind].map((page) => [page.url, page]));
    lists[kind] = [];
    for (const page of next[kind]) {
      const old = pagesBefore.get(page.url);
      if (!old) return allPages(next);
      if (!samePage(old, page, ids)) lists[kind].push(page);
    }
  }
  return { everything: false, articles, lists };
}

function none(): PagesToRender {
  return { everything: false, articles: [], lists: listsOf(() => []) };
}

/** The generated files (feeds, sitemaps) whose text differs from what was last written at their path. */
export function changedFiles<T extends TextFile>(written: ReadonlyMap<string, string> | undefined, files: T[]): T[] {
  if (!written) return files;
  return files.filter((file) => written.get(file.path) !== file.body);
}

/**
 * What the preview last wrote, so that each rebuild renders only what changed since. Only a
 * build that finished counts: after a failed one, the next compares with the last good one.
 */
export class PreviewRenders {
  #written: { content: Content; files: Map<string, string> } | undefined;
  #pending: { content: Content; files: Map<string, string>; everything: boolean } | undefined;
  readonly #ids = new ListingFieldIds();
  /** Every file the finished builds wrote and no later full build left out. */
  #outputs = new Set<string>();

  /** The pages to render for this build; `everything` when something besides articles changed. */
  plan(content: Content, everything: boolean): PagesToRender {
    const pages = everything ? allPages(content) : pagesToRender(this.#written?.content, content, this.#ids);
    this.#pending = {
      content,
      files: new Map(pages.everything ? [] : this.#written?.files),
      everything: pages.everything,
    };
    return pages;
  }

  /** Of this build's generated files, those to write: all of them when every page is rendered. */
  files<T extends TextFile>(files: T[]): T[] {
    const pending = this.#pending;
    if (!pending) return files;
    const toWrite = pending.everything ? files : changedFiles(this.#written?.files, files);
    for (const file of toWrite) pending.files.set(file.path, file.body);
    return toWrite;
  }

  /**
   * The build finished, having written `outputs`: what it planned is now on disk. Returns the
   * files earlier builds wrote that no page makes any more (a deleted article, a topic left
   * without articles), to be removed so that the preview does not serve them.
   */
  written(outputs: readonly string[]): string[] {
    const pending = this.#pending;
    this.#pending = undefined;
    if (!pending) return [];
    this.#written = { content: pending.content, files: pending.files };
    if (!pending.everything) {
      // Every page was already there (a page that comes or goes renders everything).
      for (const output of outputs) this.#outputs.add(output);
      return [];
    }
    const current = new Set(outputs);
    const gone = [...this.#outputs].filter((output) => !current.has(output));
    this.#outputs = current;
    return gone;
  }
}

/**
 * Which pages a build renders; the others are kept as the last build wrote them. A page is
 * rendered again when its fingerprint (page-fingerprints.ts: everything it shows) differs from
 * the one it had: a typo fixed in a body renders that article's page alone, a new headline the
 * pages that name the article. Feeds and sitemaps (generated files) are always made again, and
 * the preview writes them again only when their text changed.
 *
 * Production builds compare with the manifest of the last build (scripts/publish/manifest.ts);
 * the preview compares with what it last wrote, in memory (PreviewRenders).
 */
import type { Article } from "../input/article.ts";
import type { ArticleKeys } from "../input/load-sources.ts";
import type { Content } from "./content.ts";
import { LIST_KINDS, type ListingPage, type ListKind } from "./listings.ts";
import { type PagePrint, pageFingerprints } from "./page-fingerprints.ts";

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
  /** The pages not rendered this time: kept as the last build wrote them, and still in the sitemaps. */
  kept: PagePrint[];
}

/** One list of pages per kind. */
function listsOf(pages: (kind: ListKind) => ListingPage[]): Record<ListKind, ListingPage[]> {
  return Object.fromEntries(LIST_KINDS.map((kind) => [kind, pages(kind)])) as Record<ListKind, ListingPage[]>;
}

export function allPages(content: Content): PagesToRender {
  return { everything: true, articles: content.articles, lists: listsOf((kind) => content[kind]), kept: [] };
}

/** The pages whose fingerprint is not the one `previous` gives for their URL (a page new at its URL included). */
export function changedPages(
  prints: ReadonlyMap<string, PagePrint>,
  previous: ReadonlyMap<string, string>,
): PagesToRender {
  const pages: PagesToRender = { everything: false, articles: [], lists: listsOf(() => []), kept: [] };
  for (const print of prints.values()) {
    if (previous.get(print.url) === print.fingerprint) pages.kept.push(print);
    else if (print.kind === "article") pages.articles.push(print.article as Article);
    else pages.lists[print.kind].push(print.listing as ListingPage);
  }
  return pages;
}

/** How many pages a plan renders. */
export function renderedCount(pages: PagesToRender): number {
  return pages.articles.length + LIST_KINDS.reduce((sum, kind) => sum + pages.lists[kind].length, 0);
}

/** The generated files (feeds, sitemaps) whose text differs from what was last written at their path. */
export function changedFiles<T extends TextFile>(written: ReadonlyMap<string, string> | undefined, files: T[]): T[] {
  if (!written) return files;
  return files.filter((file) => written.get(file.path) !== file.body);
}

const fingerprintsOf = (prints: ReadonlyMap<string, PagePrint>) =>
  new Map([...prints.values()].map((print) => [print.url, print.fingerprint]));

/**
 * What the preview last wrote, so that each rebuild renders only what changed since. Only a
 * build that finished counts: after a failed one, the next compares with the last good one.
 * When a page comes or goes, every page is rendered, and files no page makes any more removed.
 */
export class PreviewRenders {
  #written: { prints: Map<string, string>; files: Map<string, string> } | undefined;
  #pending: { prints: Map<string, string>; files: Map<string, string>; everything: boolean } | undefined;
  /** Every file the finished builds wrote and no later full build left out. */
  #outputs = new Set<string>();

  /** The pages to render for this build; every page when `everything` (something besides articles changed). */
  plan(content: Content, articleKeys: ArticleKeys, everything: boolean): PagesToRender {
    const prints = pageFingerprints(content, articleKeys);
    const previous = this.#written?.prints;
    const samePages =
      previous !== undefined && previous.size === prints.size && [...prints.keys()].every((url) => previous.has(url));
    const pages = everything || !samePages ? allPages(content) : changedPages(prints, previous);
    this.#pending = {
      prints: fingerprintsOf(prints),
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
    this.#written = { prints: pending.prints, files: pending.files };
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

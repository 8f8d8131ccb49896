/**
 * Segments: the pages of one build split into sets that Eleventy renders one run at a time (in
 * one process or several), so that what a run holds depends on its segment, not on the archive.
 *
 * A segment carries its pages and what they show: the site's frame (navigation, footer, appeal:
 * the same for every page), its article pages with their « À lire aussi », its list pages, and,
 * in one segment only, the site-wide pages (the indexes of topics, of the archive and of authors,
 * the pages about the publisher, the 404). Nothing in it grows with the archive but its own pages:
 * counts, not lists of every article; « À lire aussi » for its own articles only.
 *
 * Article pages are grouped by section and year (`international/2023`), list pages by kind
 * (`lists/topicPages`), each group cut into runs of at most `maxPages`: a group's name stays the
 * same from one build to the next, whatever the other groups do.
 */
import { type Article, withBodyReplaced } from "../input/article.ts";
import type { Publisher, Settings } from "../input/schema.ts";
import type { Content, Newsroom } from "./content.ts";
import { type Crumb, LIST_KINDS, type ListingPage, type ListKind } from "./listings.ts";
import type { PagesToRender } from "./pages-to-render.ts";

/** A section in the navigation and on the home page, with its number of articles. */
export interface SectionNav {
  slug: string;
  name: string;
  url: string;
  description: string;
  count: number;
}

/** What every page shows besides its own content. */
export interface SiteFrame {
  publisher: Publisher;
  /** Declared sections that have articles, in the publisher's order. */
  sections: SectionNav[];
  appeal: Content["appeal"];
  /** The topic, archive and authors index pages, for site-wide navigation. */
  indexes: Crumb[];
  /** The pages about the publisher (footer) and the authors index. */
  newsroom: Newsroom;
}

/** A link with a number of articles: a topic on /sujets/, a month on /archives/. */
export interface CountedLink {
  name: string;
  url: string;
  count: number;
}

/** The site-wide pages' own data: written by one segment of a build. */
export interface SitePages {
  /** settings.yaml's CMS: whether _headers gives /admin/ a policy of its own. */
  cms: Settings["cms"];
  /** Every topic, alphabetically. */
  topics: CountedLink[];
  /** Months by year, newest first. */
  archive: { year: string; months: CountedLink[] }[];
}

export interface Segment {
  /** `international/2023`, `lists/topicPages`, `site`; a group cut in several segments adds `#2`, `#3`… */
  name: string;
  frame: SiteFrame;
  /** Article pages to render. */
  articles: Article[];
  /** « À lire aussi » of each of `articles`, by URL. */
  related: ReadonlyMap<string, readonly Article[]>;
  /** List pages to render, by kind. */
  lists: Record<ListKind, ListingPage[]>;
  /** The site-wide pages, in the one segment that writes them. */
  site: SitePages | null;
}

export function siteFrame(content: Content): SiteFrame {
  return {
    publisher: content.publisher,
    sections: content.sections.map((section) => ({
      slug: section.slug,
      name: section.name,
      url: section.url,
      description: section.description,
      count: section.articles.length,
    })),
    appeal: content.appeal,
    indexes: content.indexes,
    newsroom: content.newsroom,
  };
}

export function sitePages(content: Content): SitePages {
  return {
    cms: content.settings.cms,
    topics: content.topics.map((topic) => ({ name: topic.name, url: topic.url, count: topic.articles.length })),
    archive: content.archive.map((year) => ({
      year: year.year,
      months: year.months.map((month) => ({ name: month.name, url: month.url, count: month.articles.length })),
    })),
  };
}

const noLists = (): Record<ListKind, ListingPage[]> =>
  Object.fromEntries(LIST_KINDS.map((kind) => [kind, []])) as unknown as Record<ListKind, ListingPage[]>;

const relatedOf = (content: Content, articles: readonly Article[]) =>
  new Map(articles.map((article) => [article.url, content.related[article.url] ?? []]));

/** Every page of `toRender` in one segment, with the site-wide pages: the preview, or a small build. */
export function wholeSegment(content: Content, toRender: PagesToRender, frame = siteFrame(content)): Segment {
  return {
    name: "site",
    frame,
    articles: toRender.articles,
    related: relatedOf(content, toRender.articles),
    lists: toRender.lists,
    site: sitePages(content),
  };
}

/** The calendar year of an article's publication in the publisher's zone. */
const yearOf = (article: Article) => article.published.day.slice(0, 4);

/**
 * The pages of `toRender` split into segments of at most `maxPages` pages, article pages by
 * section and year, list pages by kind, and the site-wide pages in a segment of their own
 * (`site`, unless `options.site` is false: another machine writes them). In a stable order:
 * groups by name, pages in the plan's order.
 */
export function splitIntoSegments(
  content: Content,
  toRender: PagesToRender,
  maxPages: number,
  options: { site: boolean } = { site: true },
): Segment[] {
  if (!Number.isInteger(maxPages) || maxPages < 1)
    throw new RangeError(`maxPages ${maxPages} is not a positive integer`);
  const frame = siteFrame(content);
  const groups = new Map<string, { articles: Article[]; lists: Record<ListKind, ListingPage[]> }>();
  const group = (name: string) => {
    let found = groups.get(name);
    if (!found) {
      found = { articles: [], lists: noLists() };
      groups.set(name, found);
    }
    return found;
  };
  for (const article of toRender.articles) group(`${article.section.slug}/${yearOf(article)}`).articles.push(article);
  for (const kind of LIST_KINDS) for (const page of toRender.lists[kind]) group(`lists/${kind}`).lists[kind].push(page);

  const segments: Segment[] = options.site
    ? [{ name: "site", frame, articles: [], related: new Map(), lists: noLists(), site: sitePages(content) }]
    : [];
  const names = [...groups.keys()].sort();
  for (const name of names) {
    const { articles, lists } = groups.get(name) as { articles: Article[]; lists: Record<ListKind, ListingPage[]> };
    const pieces: { articles: Article[]; lists: Record<ListKind, ListingPage[]> }[] = [];
    for (let start = 0; start < articles.length; start += maxPages) {
      pieces.push({ articles: articles.slice(start, start + maxPages), lists: noLists() });
    }
    for (const kind of LIST_KINDS) {
      for (let start = 0; start < lists[kind].length; start += maxPages) {
        const piece = noLists();
        piece[kind] = lists[kind].slice(start, start + maxPages);
        pieces.push({ articles: [], lists: piece });
      }
    }
    pieces.forEach((piece, index) => {
      segments.push({
        name: index === 0 ? name : `${name}#${index + 1}`,
        frame,
        articles: piece.articles,
        related: relatedOf(content, piece.articles),
        lists: piece.lists,
        site: null,
      });
    });
  }
  return segments;
}

/** How many pages a segment renders (the site-wide pages aside). */
export function segmentPageCount(segment: Segment): number {
  return segment.articles.length + LIST_KINDS.reduce((sum, kind) => sum + segment.lists[kind].length, 0);
}

/**
 * The segment as a render process gets it: the articles it only lists (in its list pages and in
 * « À lire aussi ») without their bodies, which only their own pages show. A body is read from
 * the content cache when asked for; sending every listed article whole read and copied them all:
 * at 10,000 articles a segment of list pages was a 131.7 MB message (13.4 KB of the 14 KB an
 * article took was its body), held by the build process while the pipe drained it.
 */
export function withListedBodiesLeftOut(segment: Segment): Segment {
  const own = new Set(segment.articles);
  const listed = new Map<Article, Article>();
  const teaser = (article: Article): Article => {
    if (own.has(article)) return article;
    let copy = listed.get(article);
    if (!copy) {
      copy = withBodyReplaced(article, "");
      listed.set(article, copy);
    }
    return copy;
  };
  const listedOn = (page: ListingPage): ListingPage => {
    // A list page's `articles` (what its head and JSON-LD read) are its items, the same array.
    const items = page.items.map(teaser);
    return { ...page, items, articles: page.articles === page.items ? items : page.articles.map(teaser) };
  };
  const lists = Object.fromEntries(
    LIST_KINDS.map((kind) => [kind, segment.lists[kind].map(listedOn)]),
  ) as unknown as Record<ListKind, ListingPage[]>;
  const related = new Map([...segment.related].map(([url, articles]) => [url, articles.map(teaser)]));
  return { ...segment, lists, related };
}

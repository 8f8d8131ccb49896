/**
 * Every list page of the site, precomputed: the home page, section, topic and month pages,
 * each split into numbered pages. Templates paginate over these one page object at a time.
 */
import type { Article } from "../input/article.ts";
import type { Author } from "../input/authors.ts";
import { ARCHIVE_URL, sectionUrl, TOPICS_URL } from "../input/urls.ts";
import { NNBSP } from "../text/typography.ts";
import { type ArchiveMonth, type ArchiveYear, archiveYears, buildArchive } from "./archive.ts";
import { numberedTitle, type Page, paginate } from "./paginate.ts";
import { type RankingMemo, relatedArticles } from "./related.ts";
import { buildTagIndex, type Topic } from "./topics.ts";

export const TOPICS_TITLE = "Sujets";
export const ARCHIVE_TITLE = "Archives";

/** The kinds of list, each paginated by one template (src/lists/); author pages are made in authors.ts. */
export const LIST_KINDS = ["homePages", "sectionPages", "topicPages", "monthPages", "authorPages"] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** One step of a breadcrumb trail. */
export interface Crumb {
  name: string;
  /** Root-relative. */
  url: string;
}

/** What the head, JSON-LD, feeds and sitemaps read of any page that lists articles. */
export interface Listing {
  name: string;
  description?: string;
  /** Root-relative. */
  url: string;
  articles: Article[];
  /** The breadcrumb trail above the list, after « Accueil » (« Sujets » above a topic). */
  crumbs?: Crumb[];
  /** Set on an author's pages: who the list is by (a ProfilePage in JSON-LD). */
  profile?: Author;
}

/** Also a Listing, so the head metadata, JSON-LD and sitemaps (output/) read it as is. */
export interface ListingPage extends Page<Article>, Listing {
  kind: "home" | "section" | "topic" | "month" | "author";
  /** The page's own title, without the publisher's name: « International – page 2 ». */
  title: string;
  /** The visible heading, the same on every page of the list. */
  heading: string;
  description: string;
  /** Breadcrumb trail after « Accueil ». */
  crumbs: Crumb[];
  /** Whether teasers name their section (lists that mix sections). */
  showSection: boolean;
  /** Whether the first article is shown large: page 1 of the home page and of a section. */
  topStory: boolean;
}

export interface Listings {
  homePages: ListingPage[];
  sectionPages: ListingPage[];
  topicPages: ListingPage[];
  monthPages: ListingPage[];
  /** All topics, alphabetical, for /sujets/. */
  topics: Topic[];
  /** Months by year, newest first, for /archives/. */
  archive: ArchiveYear[];
  /** Article URL → « À lire aussi », best first. */
  related: Readonly<Record<string, Article[]>>;
  /** The topic and archive index pages, for site-wide navigation. */
  indexes: Crumb[];
}

export interface ListingInput {
  publisherDescription: string;
  homeTitle: string;
  /** Newest first. */
  articles: readonly Article[];
  sections: readonly { slug: string; name: string; description: string; articles: Article[] }[];
  homePageSize: number;
  pageSize: number;
}

export type ListingFields = Omit<ListingPage, keyof Page<Article> | "title" | "name" | "articles" | "topStory">;

/** A list split into its numbered pages, each with the list's fields and its own title. */
export function pagesOf(
  items: readonly Article[],
  size: number,
  baseUrl: string,
  fields: ListingFields,
): ListingPage[] {
  return paginate(items, size, baseUrl).map((page) => {
    const title = numberedTitle(fields.heading, page.number);
    return {
      ...page,
      ...fields,
      title,
      name: title,
      articles: page.items,
      topStory: page.number === 1 && (fields.kind === "home" || fields.kind === "section"),
      description: page.number === 1 ? fields.description : numberedTitle(fields.description, page.number),
    };
  });
}

export function buildListings(input: ListingInput, ranking?: RankingMemo): Listings {
  const topics = buildTagIndex(input.articles);
  const months: ArchiveMonth[] = buildArchive(input.articles);
  const topicsCrumb = { name: TOPICS_TITLE, url: TOPICS_URL };
  const archiveCrumb = { name: ARCHIVE_TITLE, url: ARCHIVE_URL };

  const homePages = pagesOf(input.articles, input.homePageSize, "/", {
    kind: "home",
    heading: input.homeTitle,
    description: input.publisherDescription,
    crumbs: [],
    showSection: true,
  });
  const sectionPages = input.sections.flatMap((section) =>
    pagesOf(section.articles, input.pageSize, sectionUrl(section.slug), {
      kind: "section",
      heading: section.name,
      description: section.description,
      crumbs: [],
      showSection: false,
    }),
  );
  const topicPages = topics.flatMap((topic) =>
    pagesOf(topic.articles, input.pageSize, topic.url, {
      kind: "topic",
      heading: topic.name,
      description: `Tous les articles sur le sujet «${NNBSP}${topic.name}${NNBSP}», du plus récent au plus ancien.`,
      crumbs: [topicsCrumb],
      showSection: true,
    }),
  );
  const monthPages = months.flatMap((month) =>
    pagesOf(month.articles, input.pageSize, month.url, {
      kind: "month",
      heading: month.name.charAt(0).toUpperCase() + month.name.slice(1),
      description: `Les articles publiés en ${month.name}, du plus récent au plus ancien.`,
      crumbs: [archiveCrumb],
      showSection: true,
    }),
  );

  const related = relatedArticles(
    {
      articles: input.articles,
      byTag: new Map(topics.map((topic) => [topic.slug, topic.articles])),
      bySection: new Map(input.sections.map((section) => [section.slug, section.articles])),
    },
    {},
    ranking,
  );
  return {
    homePages,
    sectionPages,
    topicPages,
    monthPages,
    topics,
    archive: archiveYears(months),
    related: Object.fromEntries(related),
    indexes: [topicsCrumb, archiveCrumb],
  };
}

/**
 * What the search page offers besides live results, for readers without JavaScript (and for
 * those who would rather browse): the busiest topics and the latest months, each with its
 * number of articles, and the years with articles (the year filter's choices). A few dozen
 * links whatever the archive's size: the full lists are /sujets/ and /archives/.
 */
import type { ArchiveYear } from "./archive.ts";
import type { Topic } from "./topics.ts";

export interface BrowseLink {
  name: string;
  url: string;
  count: number;
}

export interface BrowseLinks {
  /** The topics with the most articles, most first (then alphabetical). */
  topics: BrowseLink[];
  /** The latest months with articles, newest first. */
  months: BrowseLink[];
  /** Every year with articles, newest first. */
  years: string[];
}

export const BROWSE_TOPICS = 24;
export const BROWSE_MONTHS = 12;

export function browseLinks(content: { topics: readonly Topic[]; archive: readonly ArchiveYear[] }): BrowseLinks {
  // Sorted by count, ties kept in the topics' alphabetical order (a stable sort).
  const topics = [...content.topics]
    .sort((a, b) => b.articles.length - a.articles.length)
    .slice(0, BROWSE_TOPICS)
    .map((topic) => ({ name: topic.name, url: topic.url, count: topic.articles.length }));
  const months = content.archive
    .flatMap((year) => year.months)
    .slice(0, BROWSE_MONTHS)
    .map((month) => ({ name: month.name, url: month.url, count: month.articles.length }));
  return { topics, months, years: content.archive.map((year) => year.year) };
}

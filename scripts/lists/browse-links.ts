/**
 * What the search page offers besides live results, for readers without JavaScript (and for
 * those who would rather browse): the busiest topics and the latest months, each with its
 * number of articles, and the years with articles (the year filter's choices). A few dozen
 * links whatever the archive's size: the full lists are /sujets/ and /archives/.
 */
import type { SitePages } from "./segments.ts";

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

/** From the site-wide pages' topics and archive (segments.ts), with their counts. */
export function browseLinks(site: Pick<SitePages, "topics" | "archive">): BrowseLinks {
  // Sorted by count, ties kept in the topics' alphabetical order (a stable sort).
  const topics = [...site.topics]
    .sort((a, b) => b.count - a.count)
    .slice(0, BROWSE_TOPICS)
    .map((topic) => ({ name: topic.name, url: topic.url, count: topic.count }));
  const months = site.archive
    .flatMap((year) => year.months)
    .slice(0, BROWSE_MONTHS)
    .map((month) => ({ name: month.name, url: month.url, count: month.count }));
  return { topics, months, years: site.archive.map((year) => year.year) };
}

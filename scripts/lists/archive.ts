/** The archive by month: /archives/2023/04/ lists April 2023's articles, newest first. */
import { DateTime } from "luxon";
import type { Article } from "../input/article.ts";
import { archiveMonthUrl } from "../input/urls.ts";

export interface ArchiveMonth {
  /** "2023-04". */
  key: string;
  /** « avril 2023 ». */
  name: string;
  url: string;
  articles: Article[];
}

export interface ArchiveYear {
  year: string;
  /** Newest month first. */
  months: ArchiveMonth[];
}

/** « avril 2023 ». */
export function monthName(key: string): string {
  return DateTime.fromFormat(key, "yyyy-MM", { locale: "fr" }).toFormat("LLLL yyyy");
}

/**
 * Groups articles already sorted newest first by the month of publication in the publisher's
 * zone (read from the ISO date, which carries that zone's offset). Months come out newest first.
 */
export function buildArchive(articlesNewestFirst: readonly Article[]): ArchiveMonth[] {
  const months: ArchiveMonth[] = [];
  let current: ArchiveMonth | undefined;
  for (const article of articlesNewestFirst) {
    const key = article.published.iso.slice(0, 7);
    if (current?.key !== key) {
      current = { key, name: monthName(key), url: archiveMonthUrl(key), articles: [] };
      months.push(current);
    }
    current.articles.push(article);
  }
  return months;
}

/** Months grouped by year, for the archive's index page. */
export function archiveYears(months: readonly ArchiveMonth[]): ArchiveYear[] {
  const years: ArchiveYear[] = [];
  for (const month of months) {
    const year = month.key.slice(0, 4);
    const last = years.at(-1);
    if (last?.year === year) last.months.push(month);
    else years.push({ year, months: [month] });
  }
  return years;
}

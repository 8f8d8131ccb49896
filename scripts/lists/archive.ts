/** The archive by month: /archives/2023/04/ lists April 2023's articles, newest first. */
import type { Article } from "../input/article.ts";
import { archiveMonthUrl } from "../input/urls.ts";
import { MONTHS_FR } from "../text/dates.ts";

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

/**
 * "2023-04" → « avril 2023 ». From the key's digits alone: luxon made a date of the key in the
 * machine's zone and Intl named its month in another, so near midnight on the 1st the name
 * moved a month with TZ (every month of the 19th century under Pacific/Kiritimati).
 */
export function monthName(key: string): string {
  return `${MONTHS_FR[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;
}

/**
 * Groups articles already sorted newest first by the month of publication in the publisher's
 * zone (the calendar day of their publication there). Months come out newest first.
 */
export function buildArchive(articlesNewestFirst: readonly Article[]): ArchiveMonth[] {
  const months: ArchiveMonth[] = [];
  let current: ArchiveMonth | undefined;
  for (const article of articlesNewestFirst) {
    const key = article.published.day.slice(0, 7);
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

/**
 * Scheduled publication: an article dated later than the build time is held back by the
 * production build (no page, list, feed, sitemap entry or card) and goes out with the first
 * build after its date; a CI schedule runs that build (docs/deployment.md). The preview shows
 * it, marked « Programmé pour le … ».
 */
import type { DateTime } from "luxon";
import type { Article, HistoryDate } from "./article.ts";
import type { ContentProblem } from "./content-error.ts";

export interface Scheduled {
  /** What pages show: the published articles, and in the preview the scheduled ones too, marked. */
  articles: Article[];
  /** Articles that are not drafts and wait for their date, soonest first. */
  scheduled: Article[];
}

export function isScheduled(article: Article, buildTime: DateTime): boolean {
  return article.published.epoch > buildTime.toMillis();
}

/**
 * Splits articles at the build time. `show`: keep the scheduled ones, marked (the preview);
 * otherwise they are left out (the build). The order of `articles` is kept.
 */
export function applySchedule(articles: readonly Article[], buildTime: DateTime, show: boolean): Scheduled {
  const kept: Article[] = [];
  const scheduled: Article[] = [];
  for (const article of articles) {
    if (!isScheduled(article, buildTime)) {
      kept.push(article);
      continue;
    }
    if (!article.draft) scheduled.push(article);
    if (show) kept.push({ ...article, scheduled: true });
  }
  scheduled.sort((a, b) => a.published.epoch - b.published.epoch || (a.url < b.url ? -1 : 1));
  return { articles: kept, scheduled };
}

/**
 * The dates of a source's past (a modification, a correction, a page's update) that are later
 * than the build time: one problem each. A correction cannot be scheduled; pages, `dateModified`,
 * sitemaps and feeds would say « Mis à jour » in the future.
 */
export function futureHistoryProblems(
  file: string,
  history: readonly Pick<HistoryDate, "field" | "iso" | "epoch">[],
  buildTime: DateTime,
): ContentProblem[] {
  return history
    .filter((date) => date.epoch > buildTime.toMillis())
    .map(({ field, iso }) => ({
      file,
      field,
      message: `"${iso}" is after the build time (${buildTime.toUTC().toISO({ suppressMilliseconds: true })}); expected a date that has passed: a modification or a correction cannot be scheduled (set the article's own date to publish it later)`,
    }));
}

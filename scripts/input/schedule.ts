/**
 * Scheduled publication: an article dated later than the build time is held back by the
 * production build (no page, list, feed, sitemap entry or card) and goes out with the first
 * build after its date; a CI schedule runs that build (docs/deployment.md). The preview shows
 * it, marked « Programmé pour le … ».
 */
import type { DateTime } from "luxon";
import type { Article } from "./article.ts";

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

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

/** The page a root-relative link leads to, as static hosts serve it: /culture/un-roman and /culture/un-roman/index.html → /culture/un-roman/. */
function pageOf(link: string): string {
  const page = link.replace(/\/index\.html$/, "/");
  return page.endsWith("/") || /\.[a-z0-9]+$/i.test(page) ? page : `${page}/`;
}

/**
 * Links to articles not published yet: from an article published, or due before the one it links
 * to, to a scheduled article (named with the time the link starts to work), or to a draft (it
 * never does). A published page would hold a broken link until then (check:links finds it; the
 * build knows why and when). `articles` are every non-draft article, published or scheduled;
 * `drafts` the drafts; `buildTime` the build's now.
 */
export function linksNotYetPublished(
  articles: readonly Article[],
  drafts: readonly Article[],
  buildTime: DateTime,
): ContentProblem[] {
  const now = buildTime.toMillis();
  const waiting = new Map<string, { article: Article; draft: boolean }>();
  for (const article of articles)
    if (article.published.epoch > now) waiting.set(article.url, { article, draft: false });
  for (const draft of drafts) waiting.set(draft.url, { article: draft, draft: true });
  if (waiting.size === 0) return [];
  const problems: ContentProblem[] = [];
  for (const article of articles) {
    const from = Math.max(article.published.epoch, now);
    for (const link of article.siteLinks) {
      const target = waiting.get(pageOf(link));
      if (!target || target.article.url === article.url) continue;
      const { article: linked, draft } = target;
      if (!draft && linked.published.epoch <= from) continue;
      const itself = article.published.epoch > now ? `this article, scheduled for ${article.published.iso}, ` : "";
      problems.push({
        file: article.sourcePath,
        field: "body",
        message: draft
          ? `links to ${linked.url} (${linked.sourcePath}), a draft: ${itself || "the page "}would hold a broken link until it is published; expected a link to a published article`
          : `links to ${linked.url} (${linked.sourcePath}), scheduled for ${linked.published.iso}: ${itself || "the page "}would hold a broken link until then; expected the link added once it is published, or this article scheduled at ${linked.published.iso} or later`,
      });
    }
  }
  return problems;
}

/**
 * Which article pages the preview must render again after an edit. An article page shows its own
 * article plus things made of other articles' listing fields (navigation, « À lire aussi »), so:
 * when only article bodies changed (the usual typo fix), only those articles' pages change; when
 * any listing field changed (headline, date, section, tags, standfirst) or an article came or
 * went, every page may have changed and all are rendered. Production builds always render all.
 */
import type { Article } from "./article.ts";

/** What other pages may show of an article: everything but its body and what derives from it. */
function listingFields(article: Article): string {
  const { bodyHtml: _body, wordCount: _words, readingMinutes: _minutes, readingTime: _time, ...listed } = article;
  return JSON.stringify(listed);
}

export function articlesToRender(previous: readonly Article[] | undefined, next: Article[]): Article[] {
  if (!previous || previous.length !== next.length) return next;
  const before = new Map(previous.map((article) => [article.url, article]));
  const changed: Article[] = [];
  for (const article of next) {
    const old = before.get(article.url);
    if (!old || listingFields(old) !== listingFields(article)) return next;
    // Parsed articles are cached by file: an unchanged file gives the very same object.
    if (old !== article && JSON.stringify(old) !== JSON.stringify(article)) changed.push(article);
  }
  return changed;
}

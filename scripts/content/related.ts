/**
 * « À lire aussi »: for each article, up to `count` others that share the most tags, then from
 * the same section, newest first. Candidates come from the tag → articles index (and the
 * section's own list), never from comparing every pair of articles.
 */
import type { Article } from "./article.ts";

export interface RelatedOptions {
  /** How many related articles per article. */
  count?: number;
  /**
   * How many of a tag's newest articles are considered. Bounds the work per article so a tag
   * carried by half the archive does not make the whole computation quadratic; within a tag,
   * newer articles win ties anyway.
   */
  candidatesPerTag?: number;
}

export interface RelatedInput {
  /** Newest first. */
  articles: readonly Article[];
  /** Tag slug → its articles, newest first. */
  byTag: ReadonlyMap<string, readonly Article[]>;
  /** Section slug → its articles, newest first. */
  bySection: ReadonlyMap<string, readonly Article[]>;
}

interface Scored {
  article: Article;
  shared: number;
  sameSection: boolean;
}

/** Higher shared count first, then same section, then newest, then URL for a stable order. */
function better(a: Scored, b: Scored): boolean {
  if (a.shared !== b.shared) return a.shared > b.shared;
  if (a.sameSection !== b.sameSection) return a.sameSection;
  if (a.article.published.epoch !== b.article.published.epoch) return a.article.published.epoch > b.article.published.epoch;
  return a.article.url < b.article.url;
}

/** Article URL → its related articles, best first. */
export function relatedArticles(input: RelatedInput, options: RelatedOptions = {}): Map<string, Article[]> {
  const count = options.count ?? 3;
  const perTag = options.candidatesPerTag ?? 200;
  const result = new Map<string, Article[]>();
  for (const article of input.articles) {
    const ownTags = new Set(article.tags.map((tag) => tag.slug));
    const seen = new Set<Article>([article]);
    // Kept sorted, best first; never longer than `count`, so insertion is cheap.
    const best: Scored[] = [];
    const consider = (candidate: Article): void => {
      if (seen.has(candidate)) return;
      seen.add(candidate);
      let shared = 0;
      for (const tag of candidate.tags) if (ownTags.has(tag.slug)) shared += 1;
      const scored = { article: candidate, shared, sameSection: candidate.section.slug === article.section.slug };
      let at = best.length;
      while (at > 0 && better(scored, best[at - 1] as Scored)) at -= 1;
      if (at < count) {
        best.splice(at, 0, scored);
        if (best.length > count) best.pop();
      }
    };
    for (const slug of ownTags) {
      const list = input.byTag.get(slug) ?? [];
      for (let i = 0; i < list.length && i < perTag; i += 1) consider(list[i] as Article);
    }
    // Same-section articles fill any places left; the newest `count + 1` are enough (one may be itself).
    const sectionList = input.bySection.get(article.section.slug) ?? [];
    for (let i = 0; i < sectionList.length && i <= count; i += 1) consider(sectionList[i] as Article);
    result.set(article.url, best.map((entry) => entry.article));
  }
  return result;
}

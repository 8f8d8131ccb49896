/**
 * « À lire aussi »: for each article, up to `count` others that share the most tags, then from
 * the same section, newest first. Candidates come from the tag → articles index (and the
 * section's own list), never from comparing every pair of articles.
 */
import type { Article } from "../input/article.ts";

export interface RelatedOptions {
  /** How many related articles per article. */
  count?: number;
  /**
   * How many of a tag's newest articles are considered. Bounds the work per article, so a tag
   * carried by half the archive does not make the computation quadratic; within the window the
   * ranking is exact.
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

/**
 * The last ranking and what it was computed from. The preview derives the content again after
 * every save; a body or headline edit leaves the ranking's input as it was, and the ranking
 * (a tenth of deriving 4000 articles) is reused.
 */
export interface RankingMemo {
  last?: { key: string; best: number[][] };
}

/** Article URL → its related articles, best first. */
export function relatedArticles(
  input: RelatedInput,
  options: RelatedOptions = {},
  memo: RankingMemo = {},
): Map<string, Article[]> {
  const count = options.count ?? 3;
  const perTag = options.candidatesPerTag ?? 100;
  const { articles } = input;
  // Articles by position in the newest-first list: a lower index is newer, which settles ties.
  const indexOf = new Map(articles.map((article, index) => [article, index]));
  const toIndexes = (list: readonly Article[]) =>
    list.map((article) => indexOf.get(article) ?? -1).filter((i) => i >= 0);
  const tagLists = new Map([...input.byTag].map(([slug, list]) => [slug, toIndexes(list)]));
  const sectionLists = new Map([...input.bySection].map(([slug, list]) => [slug, toIndexes(list)]));
  const sectionOf = articles.map((article) => article.section.slug);

  // Everything the ranking reads, by position.
  const key = JSON.stringify([
    count,
    perTag,
    sectionOf,
    articles.map((a) => a.tags.map((t) => t.slug)),
    [...tagLists],
    [...sectionLists],
  ]);
  const ranked =
    memo.last?.key === key ? memo.last.best : rank(articles, count, perTag, tagLists, sectionLists, sectionOf);
  memo.last = { key, best: ranked };
  return new Map(
    articles.map((article, self) => [
      article.url,
      (ranked[self] as number[]).map((index) => articles[index] as Article),
    ]),
  );
}

/** For each article (by position), the positions of its related articles, best first. */
function rank(
  articles: readonly Article[],
  count: number,
  perTag: number,
  tagLists: ReadonlyMap<string, number[]>,
  sectionLists: ReadonlyMap<string, number[]>,
  sectionOf: readonly string[],
): number[][] {
  // Per-article scratch, reset by stamping rather than clearing: O(candidates) per article.
  const stamp = new Int32Array(articles.length).fill(-1);
  const shared = new Int32Array(articles.length);
  return articles.map((article, self) => {
    const touched: number[] = [];
    const touch = (candidate: number, weight: number) => {
      if (candidate === self) return;
      if (stamp[candidate] !== self) {
        stamp[candidate] = self;
        shared[candidate] = 0;
        touched.push(candidate);
      }
      shared[candidate] = (shared[candidate] as number) + weight;
    };
    for (const tag of article.tags) {
      const list = tagLists.get(tag.slug) ?? [];
      for (let i = 0; i < list.length && i < perTag; i += 1) touch(list[i] as number, 1);
    }
    // Same-section articles fill any places left; the newest `count + 1` are enough (one may be itself).
    const sectionList = sectionLists.get(article.section.slug) ?? [];
    for (let i = 0; i < sectionList.length && i <= count; i += 1) touch(sectionList[i] as number, 0);

    const own = article.section.slug;
    const better = (a: number, b: number) =>
      (shared[a] as number) - (shared[b] as number) ||
      Number(sectionOf[a] === own) - Number(sectionOf[b] === own) ||
      b - a;
    // Best `count` by a bounded insertion, never a full sort of the candidates.
    const best: number[] = [];
    for (const candidate of touched) {
      let at = best.length;
      while (at > 0 && better(candidate, best[at - 1] as number) > 0) at -= 1;
      if (at < count) {
        best.splice(at, 0, candidate);
        if (best.length > count) best.pop();
      }
    }
    return best;
  });
}

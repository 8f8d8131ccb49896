/** Topics: the inverted index from each tag to its articles, newest first. */
import type { Article } from "../input/article.ts";
import { topicUrl } from "../input/urls.ts";

export interface Topic {
  slug: string;
  /** The spelling used by the newest article that carries the tag. */
  name: string;
  url: string;
  /** Newest first. */
  articles: Article[];
}

/**
 * One pass over articles already sorted newest first: each list comes out sorted too.
 * Topics are ordered by name, French collation, so the index page reads alphabetically.
 */
export function buildTagIndex(articlesNewestFirst: readonly Article[]): Topic[] {
  const bySlug = new Map<string, Topic>();
  for (const article of articlesNewestFirst) {
    for (const tag of article.tags) {
      let topic = bySlug.get(tag.slug);
      if (!topic) {
        topic = { slug: tag.slug, name: tag.name, url: topicUrl(tag.slug), articles: [] };
        bySlug.set(tag.slug, topic);
      }
      topic.articles.push(article);
    }
  }
  const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });
  return [...bySlug.values()].sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
}

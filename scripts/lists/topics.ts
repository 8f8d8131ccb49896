/** Topics: the inverted index from each tag to its articles, newest first. */
import type { Article } from "../input/article.ts";
import type { ContentProblem } from "../input/content-error.ts";
import { topicUrl } from "../input/urls.ts";
import { tagFold } from "../text/slug.ts";

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

/**
 * Tags of different articles that would share one topic page while they differ in more than
 * case and accents (« Élysée » and « Élysée! »): never merged in silence. The spelling most
 * articles use (the newest's, between equals) is the topic's; every article that writes it
 * otherwise gets a problem naming both spellings, an article of the other and the fix.
 * Linear in the number of tags.
 */
export function tagClashes(articlesNewestFirst: readonly Article[]): ContentProblem[] {
  const spellings = new Map<string, Map<string, { name: string; uses: { article: Article; index: number }[] }>>();
  for (const article of articlesNewestFirst) {
    article.tags.forEach((tag, index) => {
      const bySpelling = spellings.get(tag.slug) ?? new Map();
      spellings.set(tag.slug, bySpelling);
      const fold = tagFold(tag.name);
      const spelling = bySpelling.get(fold) ?? { name: tag.name, uses: [] };
      bySpelling.set(fold, spelling);
      spelling.uses.push({ article, index });
    });
  }
  const problems: ContentProblem[] = [];
  for (const [slug, bySpelling] of spellings) {
    if (bySpelling.size < 2) continue;
    // Map order is first use, newest first: the first of the most used wins a tie.
    const [main, ...others] = [...bySpelling.values()].sort((a, b) => b.uses.length - a.uses.length);
    if (!main) continue;
    const example = main.uses[0]?.article.sourcePath;
    const count = main.uses.length === 1 ? "1 article" : `${main.uses.length} articles`;
    for (const other of others) {
      for (const { article, index } of other.uses) {
        problems.push({
          file: article.sourcePath,
          field: `tags.${index}`,
          message: `"${other.name}" would share the topic page ${topicUrl(slug)} with "${main.name}" (${count}, e.g. ${example}); tags are merged only when they differ in case or accents: expected "${main.name}", or a tag that differs in its letters or digits`,
        });
      }
    }
  }
  // In file order, as the other problems are.
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.field < b.field ? -1 : 1));
}

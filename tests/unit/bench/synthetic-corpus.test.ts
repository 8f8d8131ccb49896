import { describe, expect, it } from "vitest";
import { generateCorpus, SECTIONS, toSiteSource } from "../../../scripts/bench/synthetic-corpus.ts";
import { parseArticle } from "../../../scripts/input/article.ts";
import type { Publisher } from "../../../scripts/input/schema.ts";
import { publisher as fixturePublisher } from "../../helpers/articles.ts";

const publisher: Publisher = {
  ...fixturePublisher,
  sections: SECTIONS.map((slug) => ({ slug, name: slug, description: "Rubrique." })),
};

describe("the benchmark's synthetic corpus", () => {
  const corpus = generateCorpus(40);

  it("is the same for the same seed and different for another", () => {
    expect(generateCorpus(40)).toEqual(corpus);
    expect(generateCorpus(40, 7)[0]?.body).not.toBe(corpus[0]?.body);
  });

  it("looks like news: 500–900 words, subheadings, quotes, tags, several sections, two years", () => {
    for (const article of corpus) {
      expect(article.wordCount).toBeGreaterThanOrEqual(500);
      expect(article.wordCount).toBeLessThanOrEqual(900);
      expect(article.body).toMatch(/^## /m);
      expect(article.body).toMatch(/^> « /m);
      expect(article.tags.length).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(corpus.map((a) => a.section)).size).toBeGreaterThanOrEqual(4);
    const days = corpus.map((a) => a.day).sort();
    expect(days[0]! < "2023-07-01" && days.at(-1)! > "2024-06-30").toBe(true);
  });

  it("passes the site's own validation", () => {
    for (const article of corpus) {
      const source = toSiteSource(article);
      const result = parseArticle(`articles/${source.path}`, new TextEncoder().encode(source.text), {
        publisher,
        settings: { homeArticleCount: 10, wordsPerMinute: 230, pageSize: 20 },
      });
      expect(result.ok, JSON.stringify(result.ok ? null : result.problems)).toBe(true);
    }
  });
});

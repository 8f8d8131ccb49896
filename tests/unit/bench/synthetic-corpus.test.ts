import { describe, expect, it } from "vitest";
import { generateCorpus, PHOTO_VARIANTS, SECTIONS, toSiteSource } from "../../../scripts/bench/synthetic-corpus.ts";
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

  it("gives one article in three a lead photo when asked, beside it, without changing the text", () => {
    const withPhotos = generateCorpus(40, undefined, { photos: true });
    expect(withPhotos.map((a) => a.body)).toEqual(corpus.map((a) => a.body));
    expect(corpus.every((a) => a.photo === null)).toBe(true);
    const sources = withPhotos.map(toSiteSource);
    expect(sources.filter((source) => source.photo).length).toBe(14);
    const first = sources[0];
    expect(first?.photo?.path).toBe(first?.path.replace(/\.md$/, ".jpg"));
    expect(first?.text).toMatch(
      /\nimage:\n {2}src: \d{4}-\d\d-\d\d-[a-z0-9-]+\.jpg\n {2}alt: .+\n {2}caption: .+\n {2}credit: .+\n---/,
    );
    expect(new Set(sources.flatMap((source) => (source.photo ? [source.photo.variant] : []))).size).toBe(
      PHOTO_VARIANTS,
    );
  });
});

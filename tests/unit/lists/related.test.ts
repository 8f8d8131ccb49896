import { describe, expect, it } from "vitest";
import type { Article } from "../../../scripts/input/article.ts";
import { relatedArticles } from "../../../scripts/lists/related.ts";
import { buildTagIndex } from "../../../scripts/lists/topics.ts";
import { fakeArticle } from "../../helpers/fake-article.ts";

function related(articles: Article[], options = {}) {
  const bySection = new Map<string, Article[]>();
  for (const article of articles)
    bySection.set(article.section.slug, [...(bySection.get(article.section.slug) ?? []), article]);
  const byTag = new Map(buildTagIndex(articles).map((topic) => [topic.slug, topic.articles]));
  const result = relatedArticles({ articles, byTag, bySection }, options);
  return (url: string) => (result.get(url) ?? []).map((a) => a.slug);
}

const day = (d: number) => `2024-03-${String(d).padStart(2, "0")}T10:00:00+01:00`;

describe("relatedArticles", () => {
  // Newest first, as the content pipeline hands them over.
  const articles = [
    fakeArticle("newest-other-section", day(9), "france", ["Chine"]),
    fakeArticle("two-shared-old", day(2), "economie", ["Chine", "Défense"]),
    fakeArticle("same-section-no-tag", day(8), "international"),
    fakeArticle("one-shared-same-section", day(7), "international", ["Défense"]),
    fakeArticle("subject", day(6), "international", ["Chine", "Défense"]),
    fakeArticle("unrelated", day(5), "culture", ["Cinéma"]),
  ].sort((a, b) => b.published.epoch - a.published.epoch);
  const of = related(articles);

  it("ranks by shared tags, then same section, then newest, and never lists the article itself", () => {
    expect(of("/international/subject/")).toEqual([
      "two-shared-old",
      "one-shared-same-section",
      "newest-other-section",
    ]);
  });

  it("fills the places left with the newest articles of the same section", () => {
    expect(of("/international/same-section-no-tag/")).toEqual(["one-shared-same-section", "subject"]);
  });

  it("returns nothing for an article that shares no tag and is alone in its section", () => {
    expect(of("/culture/unrelated/")).toEqual([]);
  });

  it("gives at most the requested number", () => {
    expect(related(articles, { count: 1 })("/international/subject/")).toEqual(["two-shared-old"]);
  });

  it("considers only a tag's newest articles when told to, bounding the work", () => {
    // The old article sharing both tags is beyond each tag's newest one: not a candidate.
    expect(related(articles, { candidatesPerTag: 1 })("/international/subject/")).toEqual([
      "one-shared-same-section",
      "newest-other-section",
      "same-section-no-tag",
    ]);
  });

  it("names the current articles when called again after an edit, and follows a change of tags", () => {
    // The same ranking inputs (tags, sections, order) with an edited headline: the new object is listed.
    const edited = articles.map((article) =>
      article.slug === "two-shared-old" ? { ...article, title: "Nouveau titre" } : article,
    );
    const result = relatedArticles({
      articles: edited,
      byTag: new Map(buildTagIndex(edited).map((topic) => [topic.slug, topic.articles])),
      bySection: new Map(
        [...new Set(edited.map((a) => a.section.slug))].map((slug) => [
          slug,
          edited.filter((a) => a.section.slug === slug),
        ]),
      ),
    });
    expect(result.get("/international/subject/")?.[0]?.title).toBe("Nouveau titre");
    // A tag removed: the ranking changes with it.
    const untagged = articles.map((article) =>
      article.slug === "two-shared-old" ? { ...article, tags: [] } : article,
    );
    expect(related(untagged)("/international/subject/")).toEqual([
      "one-shared-same-section",
      "newest-other-section",
      "same-section-no-tag",
    ]);
  });
});

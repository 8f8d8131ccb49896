import { describe, expect, it } from "vitest";
import { buildTagIndex } from "../../../scripts/lists/topics.ts";
import { fakeArticle } from "../../helpers/fake-article.ts";

describe("buildTagIndex", () => {
  const newest = fakeArticle("c", "2024-03-03T10:00:00+01:00", "france", ["Énergie", "Chine"]);
  const middle = fakeArticle("b", "2024-03-02T10:00:00+01:00", "international", ["Chine"]);
  const oldest = fakeArticle("a", "2024-03-01T10:00:00+01:00", "international", ["Chine", "Défense"]);
  const topics = buildTagIndex([newest, middle, oldest]);

  it("lists every tag once, alphabetically in French, at an ASCII URL", () => {
    expect(topics.map((t) => [t.name, t.url])).toEqual([
      ["Chine", "/sujets/chine/"],
      ["Défense", "/sujets/defense/"],
      ["Énergie", "/sujets/energie/"],
    ]);
  });

  it("keeps each topic's articles newest first", () => {
    expect(topics[0]?.articles.map((a) => a.slug)).toEqual(["c", "b", "a"]);
    expect(topics[1]?.articles.map((a) => a.slug)).toEqual(["a"]);
  });
});

describe("tags that differ only in case or accents", () => {
  it("are one topic, named as the newest article writes it, listing every article that carries it", () => {
    const topics = buildTagIndex([
      fakeArticle("c", "2024-03-03T10:00:00+01:00", "france", ["Élysée"]),
      fakeArticle("b", "2024-03-02T10:00:00+01:00", "france", ["ELYSEE"]),
      fakeArticle("a", "2024-03-01T10:00:00+01:00", "france", ["elysée"]),
    ]);
    expect(topics.map((t) => [t.name, t.url, t.articles.map((a) => a.slug)])).toEqual([
      ["Élysée", "/sujets/elysee/", ["c", "b", "a"]],
    ]);
  });
});

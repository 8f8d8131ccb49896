import { describe, expect, it } from "vitest";
import { buildListings } from "../../../scripts/lists/listings.ts";
import { fakeArticle } from "../../helpers/fake-article.ts";

const articles = Array.from({ length: 5 }, (_, i) =>
  fakeArticle(`article-${5 - i}`, `2024-03-0${5 - i}T10:00:00+01:00`, i % 2 === 0 ? "international" : "france", [
    "Chine",
  ]),
);
const listings = buildListings({
  publisherDescription: "Le journal.",
  homeTitle: "Dernières informations",
  articles,
  sections: [
    {
      slug: "international",
      name: "International",
      description: "Le monde.",
      articles: articles.filter((a) => a.section.slug === "international"),
    },
    {
      slug: "france",
      name: "France",
      description: "Le pays.",
      articles: articles.filter((a) => a.section.slug === "france"),
    },
  ],
  homePageSize: 2,
  pageSize: 2,
});

describe("buildListings", () => {
  it("paginates the home page by its own size, with numbered titles after the first page", () => {
    expect(listings.homePages.map((p) => [p.url, p.title, p.items.length])).toEqual([
      ["/", "Dernières informations", 2],
      ["/page/2/", "Dernières informations – page 2", 2],
      ["/page/3/", "Dernières informations – page 3", 1],
    ]);
  });

  it("gives every section page its section's name, description and page number", () => {
    expect(listings.sectionPages.map((p) => [p.url, p.title, p.description])).toEqual([
      ["/international/", "International", "Le monde."],
      ["/international/page/2/", "International – page 2", "Le monde. – page 2"],
      ["/france/", "France", "Le pays."],
    ]);
  });

  it("leads with a top story on the first page of the home page and of each section only", () => {
    const top = (pages: { url: string; topStory: boolean }[]) =>
      pages.filter((page) => page.topStory).map((page) => page.url);
    expect(top(listings.homePages)).toEqual(["/"]);
    expect(top(listings.sectionPages)).toEqual(["/international/", "/france/"]);
    expect(top([...listings.topicPages, ...listings.monthPages])).toEqual([]);
  });

  it("makes topic and month pages under their indexes, with a breadcrumb to them", () => {
    expect(listings.topicPages.map((p) => p.url)).toEqual([
      "/sujets/chine/",
      "/sujets/chine/page/2/",
      "/sujets/chine/page/3/",
    ]);
    expect(listings.topicPages[0]?.crumbs).toEqual([{ name: "Sujets", url: "/sujets/" }]);
    expect(listings.monthPages.map((p) => [p.url, p.heading])).toEqual([
      ["/archives/2024/03/", "Mars 2024"],
      ["/archives/2024/03/page/2/", "Mars 2024"],
      ["/archives/2024/03/page/3/", "Mars 2024"],
    ]);
  });

  it("relates each article to others, by URL", () => {
    expect(listings.related["/international/article-5/"]?.map((a) => a.slug)).toEqual([
      "article-3",
      "article-1",
      "article-4",
    ]);
  });
});

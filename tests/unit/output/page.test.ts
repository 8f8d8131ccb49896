import { describe, expect, it } from "vitest";
import { isHome, isIndexable, pageLastModified } from "../../../scripts/output/page.ts";
import { makeArticle, makeTrustPage } from "../../helpers/articles.ts";

describe("pages", () => {
  it("indexes written HTML pages that are not noindex", () => {
    expect(isIndexable({ url: "/international/" })).toBe(true);
    expect(isIndexable({ url: "/404.html", noindex: true })).toBe(false);
    expect(isIndexable({ url: "/international/", noindex: true })).toBe(false);
    expect(isIndexable({ url: "/assets/site.css" })).toBe(false);
    expect(isIndexable({ url: false })).toBe(false);
    expect(isHome({ url: "/" })).toBe(true);
  });

  it("dates an article by its update and a list by its newest update", () => {
    const older = makeArticle({ slug: "a", date: "2023-04-10T09:00:00+02:00", modified: "2023-04-20T09:00:00+02:00" });
    const newer = makeArticle({ slug: "b", date: "2023-04-18T09:00:00+02:00" });
    expect(pageLastModified({ url: "/x/", article: newer })).toBe("2023-04-18T09:00:00+02:00");
    expect(pageLastModified({ url: "/x/", listing: { name: "x", url: "/x/", articles: [newer, older] } })).toBe(
      "2023-04-20T09:00:00+02:00",
    );
    expect(pageLastModified({ url: "/x/" })).toBeUndefined();
  });

  it("dates a page about the publisher by its `updated`, when it has one", () => {
    const page = makeTrustPage({
      updated: { iso: "2024-03-01T10:00:00+01:00", long: "", short: "", day: "2024-03-01", epoch: 0 },
    });
    expect(pageLastModified({ url: "/contact/", trustPage: page })).toBe("2024-03-01T10:00:00+01:00");
    expect(pageLastModified({ url: "/contact/", trustPage: { ...page, updated: null } })).toBeUndefined();
  });
});

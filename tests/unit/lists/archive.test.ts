import { describe, expect, it } from "vitest";
import { archiveMonthUrl } from "../../../scripts/input/urls.ts";
import { archiveYears, buildArchive, monthName } from "../../../scripts/lists/archive.ts";
import { fakeArticle } from "../../helpers/fake-article.ts";

describe("the archive by month", () => {
  const articles = [
    fakeArticle("c", "2024-01-01T00:30:00+01:00", "france"),
    fakeArticle("b", "2023-12-31T23:30:00+01:00", "france"),
    fakeArticle("a", "2023-08-15T10:00:00+02:00", "culture"),
  ];
  const months = buildArchive(articles);

  it("groups articles by their month in the publisher's zone, newest month first", () => {
    expect(months.map((m) => [m.key, m.name, m.url, m.articles.map((a) => a.slug)])).toEqual([
      ["2024-01", "janvier 2024", "/archives/2024/01/", ["c"]],
      ["2023-12", "décembre 2023", "/archives/2023/12/", ["b"]],
      ["2023-08", "août 2023", "/archives/2023/08/", ["a"]],
    ]);
  });

  it("groups months by year for the index page", () => {
    expect(archiveYears(months).map((y) => [y.year, y.months.map((m) => m.key)])).toEqual([
      ["2024", ["2024-01"]],
      ["2023", ["2023-12", "2023-08"]],
    ]);
  });

  it("names months in French and gives them stable URLs", () => {
    expect(monthName("2023-02")).toBe("février 2023");
    expect(archiveMonthUrl("2023-02")).toBe("/archives/2023/02/");
  });
});

import { describe, expect, it } from "vitest";
import { resolveContentPaths } from "../../../scripts/input/content-paths.ts";

const directories = { input: "src", data: "_data" };

describe("resolveContentPaths", () => {
  it("reads articles from <input>/articles and metadata from the data folder by default", () => {
    expect(resolveContentPaths({}, directories, "/projet")).toEqual({
      articlesDir: "/projet/src/articles",
      dataDir: "/projet/_data",
      pagesDir: "/projet/src/pages",
    });
  });

  it("takes --articles, --data and --pages instead, relative to the working directory", () => {
    expect(
      resolveContentPaths({ articles: "ailleurs/articles", data: "/abs/data", pages: "p" }, directories, "/projet"),
    ).toEqual({
      articlesDir: "/projet/ailleurs/articles",
      dataDir: "/abs/data",
      pagesDir: "/projet/p",
    });
  });
});

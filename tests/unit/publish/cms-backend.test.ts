import { describe, expect, it } from "vitest";
import { isWritable, writtenPaths } from "../../../scripts/publish/cms-backend.ts";

const writable = { articles: "src/articles", pages: "src/pages", authorsFile: "_data/authors.yaml" };

describe("isWritable", () => {
  it.each([
    "src/articles/international/2024-03-01-x.md",
    "src/articles/international/2024-03-01-x.jpg",
    "src/articles/culture/dossier/photo.webp",
    "src/pages/contact.md",
    "_data/authors.yaml",
  ])("lets the CMS write %s", (file) => {
    expect(isWritable(file, writable)).toBe(true);
  });

  it.each([
    "package.json",
    "scripts/cli/build.ts",
    "_data/publisher.yaml",
    "_data/settings.yaml",
    "src/articles/../../package.json",
    "src/articles/international/x.sh",
    "src/articles/.git/config",
    "src/pages/sub/page.md",
    "src/pages/contact.njk",
    "/etc/passwd",
    "src/articlesx/a.md",
  ])("refuses %s", (file) => {
    expect(isWritable(file, writable)).toBe(false);
  });
});

describe("writtenPaths", () => {
  it("lists every file a request would write or delete", () => {
    expect(
      writtenPaths({
        action: "persistEntry",
        params: { entry: { path: "a.md", newPath: "b.md" }, assets: [{ path: "c.jpg" }] },
      }),
    ).toEqual(["a.md", "b.md", "c.jpg"]);
    expect(writtenPaths({ action: "deleteFiles", params: { paths: ["x", "y"] } })).toEqual(["x", "y"]);
    expect(writtenPaths({ action: "persistMedia", params: { asset: { path: "m.png" } } })).toEqual(["m.png"]);
    expect(writtenPaths({ action: "entriesByFolder", params: {} })).toEqual([]);
  });
});

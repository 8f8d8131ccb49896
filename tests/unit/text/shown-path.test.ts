import { describe, expect, it } from "vitest";
import { shownPath } from "../../../scripts/text/shown-path.ts";

describe("shownPath", () => {
  it("shows a file inside the working directory relative to it", () => {
    expect(shownPath("/projet/src/articles/a.md", "/projet")).toBe("src/articles/a.md");
  });

  it("shows a file outside it, or the directory itself, whole", () => {
    expect(shownPath("/tmp/articles/a.md", "/projet")).toBe("/tmp/articles/a.md");
    expect(shownPath("/projet", "/projet")).toBe("/projet");
  });
});

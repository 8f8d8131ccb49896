import { describe, expect, it } from "vitest";
import { bodyProblems } from "../../../scripts/input/body-problems.ts";
import { renderBody } from "../../../scripts/input/markdown.ts";

const FILE = "src/pages/a-propos.md";

describe("bodyProblems", () => {
  it("finds nothing wrong in a body with text and subheadings", () => {
    expect(bodyProblems(renderBody("Un paragraphe.\n\n## Un intertitre\n"), FILE, "page")).toEqual([]);
  });

  it("asks for text, names what it belongs to", () => {
    expect(bodyProblems(renderBody("\n"), FILE, "page")).toEqual([
      { file: FILE, field: "body", message: "is empty; expected the page's text after the front matter" },
    ]);
    expect(bodyProblems(renderBody(""), FILE, "article")[0]?.message).toBe(
      "is empty; expected the article's text after the front matter",
    );
  });

  it("refuses a level-1 heading at its line in the file: the title is the page's one h1", () => {
    expect(bodyProblems(renderBody("Texte.\n\n# Titre\n", 7), FILE, "page")).toEqual([
      {
        file: FILE,
        field: "body",
        message: "line 9: a level-1 heading (#); expected ## for subheadings, the page's title comes from title",
      },
    ]);
    expect(bodyProblems(renderBody("# Titre\n"), FILE, "article")[0]?.message).toContain(
      "the headline comes from title",
    );
  });

  it("reports refused links and images", () => {
    expect(
      bodyProblems(renderBody("[x](javascript:alert(1)) ![y](https://pixel.example/p.gif)\n"), FILE, "page").map(
        (problem) => problem.message,
      ),
    ).toEqual([
      '"javascript:alert(1)" is not an allowed link; expected an http(s)://, mailto:, root-relative (/…) or #fragment URL',
      '"https://pixel.example/p.gif" is not an allowed image; expected a photo file beside the article, or a root-relative path (/…): pages load nothing from another origin',
    ]);
  });
});

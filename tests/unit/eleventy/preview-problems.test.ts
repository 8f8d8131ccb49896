import { describe, expect, it } from "vitest";
import {
  ProblemBoard,
  problemLines,
  problemPanel,
  problemPanelHtml,
} from "../../../scripts/eleventy/preview-problems.ts";
import { ContentValidationError } from "../../../scripts/input/content-error.ts";

const problem = { file: "src/articles/international/a.md", field: "date", message: '"18/04/2023" is not an ISO date' };

describe("problemLines", () => {
  it("gives every content problem as the build prints it, inside Eleventy's wrappers", () => {
    const invalid = new ContentValidationError([problem, { ...problem, field: "title" }]);
    const wrapped = Object.assign(new Error("Problem writing Eleventy templates"), { originalError: invalid });
    expect(problemLines(wrapped)).toEqual([
      'src/articles/international/a.md: date: "18/04/2023" is not an ISO date',
      'src/articles/international/a.md: title: "18/04/2023" is not an ISO date',
    ]);
  });

  it("gives another error as the first line of its cause's message, without a stack", () => {
    const cause = new Error("\n(./src/article.njk)\n  [Line 3] unknown filter\u001b[31m");
    const wrapped = Object.assign(new Error("Having trouble rendering"), { originalError: cause });
    expect(problemLines(wrapped)).toEqual(["(./src/article.njk)"]);
    expect(problemLines("plain")).toEqual(["plain"]);
  });
});

describe("problemPanel", () => {
  it("is null without problems, and counts them in French otherwise", () => {
    expect(problemPanel([])).toBeNull();
    expect(problemPanel(["a"])?.title).toBe("Aperçu pas à jour\u00A0: 1\u00A0problème à corriger");
    expect(problemPanel(["a", "b"])?.title).toBe("Aperçu pas à jour\u00A0: 2\u00A0problèmes à corriger");
  });

  it("writes the lines as text, an alert whose lines are marked as English", () => {
    const html = problemPanelHtml(problemPanel(['x.md: title: "<img src=x onerror=alert(1)>" & more']) as never);
    expect(html).toContain('role="alert"');
    expect(html).toContain(
      '<ul lang="en"><li>x.md: title: &quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; more</li>',
    );
    expect(html).not.toContain("<img");
  });
});

describe("ProblemBoard", () => {
  it("tells its listeners when the problems change, not when they stay the same", () => {
    const board = new ProblemBoard();
    const heard: (readonly string[])[] = [];
    board.onChange((lines) => heard.push(lines));
    board.succeeded();
    board.failed(new ContentValidationError([problem]));
    board.failed(new ContentValidationError([problem]));
    board.succeeded();
    expect(heard).toEqual([[`src/articles/international/a.md: date: "18/04/2023" is not an ISO date`], []]);
    expect(board.lines).toEqual([]);
  });
});

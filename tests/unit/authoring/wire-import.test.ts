import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { comparableText, firstSentence, isSubheading, wireToMarkdown } from "../../../scripts/authoring/wire-import.ts";
import { renderBody } from "../../../scripts/input/markdown.ts";
import { splitSourceFile } from "../../../scripts/input/source-file.ts";
import { frenchTypography } from "../../../scripts/text/typography.ts";
import { ROOT } from "../../helpers/build.ts";
import { doublingCost, LINEAR_LIMIT } from "../../helpers/scaling.ts";

const appeal = { title: "Comment nous aider ?", paragraphs: ["Soutenez l'information libre."] };

describe("wireToMarkdown", () => {
  it("turns the seed wire into exactly the committed article's body", () => {
    const wire = readFileSync(path.join(ROOT, "tests/fixtures/seed/000_120417579168021d.txt"), "utf8");
    const publisher = parse(readFileSync(path.join(ROOT, "_data/publisher.yaml"), "utf8"));
    const committed = splitSourceFile(
      readFileSync(path.join(ROOT, "src/articles/international/2023-04-18-li-shangfu-moscou-cooperation-militaire.md")),
    );
    if (!committed.ok) throw new Error(committed.message);
    const result = wireToMarkdown(wire, publisher.appeal);
    expect(result.body).toBe(committed.body.replace(/^\n/, ""));
    expect(result.appealRemoved).toBe(true);
    expect(result.subheadings).toEqual(["« Nous avons des liens très forts »"]);
  });

  it("keeps paragraphs verbatim, one per line, blank lines ignored, CRLF and BOM tolerated", () => {
    const result = wireToMarkdown("\uFEFFPremier paragraphe, avec  deux espaces.\r\n\r\nSecond paragraphe : fin.\r\n");
    expect(result.body).toBe("Premier paragraphe, avec  deux espaces.\n\nSecond paragraphe : fin.\n");
  });

  it("makes short unpunctuated lines and whole quotations subheadings, only between paragraphs", () => {
    const text = [
      "Un titre en tête",
      "Le début.",
      "Un intertitre",
      "La suite.",
      "« Une citation. »",
      "La fin.",
      "Avec AFP",
    ].join("\n");
    expect(wireToMarkdown(text).body).toBe(
      "Un titre en tête\n\nLe début.\n\n## Un intertitre\n\nLa suite.\n\n## « Une citation. »\n\nLa fin.\n\nAvec AFP\n",
    );
  });

  it("does not make two short lines in a row subheadings", () => {
    expect(wireToMarkdown("Début.\nLigne courte\nAutre ligne courte\nFin.").subheadings).toEqual([
      "Autre ligne courte",
    ]);
  });

  it("removes a trailing appeal that matches the publisher's, whatever its typography", () => {
    const text = "Le texte.\nLa fin.\nComment nous aider\u202F?\nSoutenez l’information  libre.\n";
    const result = wireToMarkdown(text, appeal);
    expect(result.body).toBe("Le texte.\n\nLa fin.\n");
    expect(result.appealRemoved).toBe(true);
  });

  it("keeps an appeal that differs from the publisher's, or that is not at the end", () => {
    expect(wireToMarkdown("Le texte.\nComment nous aider ?\nDonnez à une autre cause.", appeal).appealRemoved).toBe(
      false,
    );
    const inside = wireToMarkdown("Comment nous aider ?\nSoutenez l'information libre.\nLe texte continue.", appeal);
    expect(inside.appealRemoved).toBe(false);
    expect(inside.body).toContain("Soutenez l'information libre.");
  });

  it("stops a paragraph's first characters being read as Markdown lists or headings", () => {
    expect(wireToMarkdown("1984. Une année.\n- Un tiret.\n# Un dièse.").body).toBe(
      "1984\\. Une année.\n\n\\- Un tiret.\n\n\\# Un dièse.\n",
    );
  });
});

/** Whitespace as a reader sees it: any run is one space. */
const folded = (text: string) => text.replace(/[\s\u00A0\u202F]+/g, " ").trim();

/**
 * What the site shows for the imported body: each block's tag and visible text, rendered by the
 * site's Markdown renderer; a block holding any element (emphasis, code, a link…) is marked.
 */
function shownBlocks(markdown: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${renderBody(markdown).html}</body></html>`);
  return [...document.body.children].map((block) => {
    const markup = block.children.length > 0 ? ` with <${[...block.children].map((c) => c.tagName).join(">, <")}>` : "";
    return `${block.tagName}${markup}: ${folded(block.textContent ?? "")}`;
  });
}

/** What each wire line should show as: its text, with the site's typography. */
function expectedBlocks(lines: string[]): string[] {
  const result = wireToMarkdown(lines.join("\n"));
  const headings = new Set(result.subheadings);
  return lines
    .filter((line) => line.trim() !== "")
    .map((line) => `${headings.has(line.trim()) ? "H2" : "P"}: ${folded(frenchTypography(folded(line)))}`);
}

describe("wireToMarkdown keeps wire text verbatim", () => {
  // Each would be read as Markdown (CommonMark, and strikethrough) if written as it is.
  const hostile = [
    "    Une ligne indentée de quatre espaces.",
    "\tUne ligne indentée d’une tabulation.",
    " # Un dièse après une espace.",
    "## Deux dièses.",
    "#MeToo en tête de ligne.",
    "Le calcul 2*3*4 vaut 24.",
    "Un *mot* et un **autre** et ***trois***.",
    "Un _mot_ et un __autre__, snake_case_ici.",
    "Du `code` et des ``doubles``.",
    "```",
    "~~~",
    "Un ~~texte barré~~ et un ~tilde.",
    "Un [lien](https://example.org) et ![une image](/x.png).",
    "[1]: https://example.org/reference",
    "[Une référence] [et une autre][1].",
    "Une adresse <https://example.org> et <contact@example.org>.",
    "Du <b>HTML</b> et un <!-- commentaire --> et <br>.",
    "<div>Un bloc HTML</div>",
    "Procter &amp; Gamble, &eacute;t&#233; et &#x41; ou & seul.",
    "> Une citation.",
    "- Un tiret.",
    "+ Un plus.",
    "* Une étoile.",
    "1. Une liste numérotée.",
    "2024) Une parenthèse.",
    "1984.",
    "---",
    "- - -",
    "***",
    "___",
    "===",
    "Une barre oblique inverse \\ et une échappée \\* et une finale \\",
    "Des espaces finales suivies d’une autre ligne.   ",
    "Un tuyau | et un autre |.",
    "Un accent circonflexe ^ et un dollar $ et un pourcent %.",
  ];

  it.each(hostile)("shows %j as written", (line) => {
    const lines = ["Le début.", line, "La suite."];
    expect(shownBlocks(wireToMarkdown(lines.join("\n")).body)).toEqual(expectedBlocks(lines));
  });

  it("shows a subheading made of such characters as written", () => {
    const lines = ["Le début.", "Le *cas* [Li] <b> # fin ##", "La suite."];
    expect(wireToMarkdown(lines.join("\n")).subheadings).toHaveLength(1);
    expect(shownBlocks(wireToMarkdown(lines.join("\n")).body)).toEqual(expectedBlocks(lines));
  });

  it("shows any wire text as written (property)", () => {
    const markupHeavy = fc.constantFrom(
      ..."\\`*_[]()<>&#!~-+=|.:;?\"'»«1234567890 \t".split(""),
      "a",
      "é",
      "Li",
      "&amp;",
      "&#38;",
      "http://x.fr",
      "    ",
    );
    const line = fc.string({ unit: markupHeavy, minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        // Roles are left out: a line may be a subheading once and a paragraph once ("7", "7").
        // A block holding markup keeps its "P with <em>" mark, and fails.
        const result = wireToMarkdown(lines.join("\n"));
        const shown = shownBlocks(result.body);
        const texts = lines.filter((l) => l.trim() !== "").map((l) => folded(frenchTypography(folded(l))));
        expect(shown.map((block) => block.replace(/^(H2|P): /, ""))).toEqual(texts);
        expect(shown.filter((block) => block.startsWith("H2: "))).toHaveLength(result.subheadings.length);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("isSubheading", () => {
  it("accepts short lines without final punctuation and whole quotations", () => {
    expect(isSubheading("Un accord historique")).toBe(true);
    expect(isSubheading("« Nous avons des liens très forts »")).toBe(true);
  });
  it("rejects sentences, clauses, partial quotations and long lines", () => {
    expect(isSubheading("Un accord historique.")).toBe(false);
    expect(isSubheading("Il a dit :")).toBe(false);
    expect(isSubheading("Il a dit « oui »")).toBe(false);
    expect(isSubheading("Comment nous aider ?")).toBe(false);
    expect(isSubheading("mot ".repeat(30).trim())).toBe(false);
  });
});

describe("comparableText", () => {
  it("ignores apostrophe style, no-break spaces and spacing around French punctuation", () => {
    expect(comparableText("C’est « vrai » ?")).toBe(comparableText("C'est «vrai»?"));
    expect(comparableText("Un\u00A0texte")).toBe(comparableText("Un texte"));
    expect(comparableText("Un texte")).not.toBe(comparableText("Un autre texte"));
  });
});

describe("firstSentence", () => {
  it("stops at the first sentence end followed by a new sentence", () => {
    expect(firstSentence("M. Li est arrivé. Il repart demain.")).toBe("M. Li est arrivé.");
    expect(firstSentence("Une seule phrase, sans fin")).toBe("Une seule phrase, sans fin");
  });
});

describe("wire import on generated text", () => {
  const wireText = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "\n",
          "\r\n",
          "\r",
          " ",
          "  ",
          "\t",
          ".",
          "!",
          "?",
          "…",
          "«",
          "»",
          "M.",
          "Mme",
          "#",
          "> ",
          "1. ",
          "- ",
        ),
        fc.string({ maxLength: 8, unit: "grapheme" }),
      ),
      { maxLength: 60 },
    )
    .map((pieces) => pieces.join(""));

  it("keeps every non-blank line, as a paragraph or a subheading, and never starts with a subheading", () => {
    fc.assert(
      fc.property(wireText, (text) => {
        const wire = wireToMarkdown(text);
        const lines = text.split(/\r\n?|\n/).filter((line) => line.trim() !== "");
        expect(wire.paragraphs.length + wire.subheadings.length).toBe(lines.length);
        if (lines.length > 0) expect(wire.body.startsWith("## ")).toBe(false);
        const lead = wire.paragraphs[0];
        if (lead !== undefined) expect(lead.trim().startsWith(firstSentence(lead))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  const long = {
    "one long line": (n: number) => "a".repeat(n),
    "one long line of sentences": (n: number) => "Un mot. ".repeat(n / 8),
    "many short lines": (n: number) => "Intertitre\nUn paragraphe.\n".repeat(n / 26),
    "initials without end": (n: number) => "M. ".repeat(n / 3),
    "points before spaces": (n: number) => `a.${" ".repeat(n)}`,
  };
  const linear = (name: string, transform: (text: string) => unknown, shapes: (keyof typeof long)[]) =>
    it.each(shapes)(`${name} takes time linear in the wire: %s`, (shape) => {
      expect(doublingCost(transform, long[shape])).toBeLessThan(LINEAR_LIMIT);
    });
  linear("wireToMarkdown", (text) => wireToMarkdown(text), [
    "one long line",
    "many short lines",
    "initials without end",
  ]);
  linear("firstSentence", firstSentence, [
    "one long line of sentences",
    "initials without end",
    "points before spaces",
  ]);
  linear("comparableText", comparableText, ["one long line", "points before spaces"]);
});

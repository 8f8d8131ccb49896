import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { comparableText, firstSentence, isSubheading, wireToMarkdown } from "../../../scripts/authoring/wire-import.ts";
import { splitSourceFile } from "../../../scripts/input/source-file.ts";
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

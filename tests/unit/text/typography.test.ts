import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  frenchTypography,
  NBSP,
  NNBSP,
  protectedRuns,
  spaceBeforeLeadingMark,
} from "../../../scripts/text/typography.ts";
import { doublingCost, LINEAR_LIMIT } from "../../helpers/scaling.ts";

/** The expression that found protected runs until it proved quadratic: the specification of protectedRuns. */
const PROTECTED =
  /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s«»<>"]*[^\s«»<>".,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b\d{1,2}(?::\d{2}){1,2}\b/giu;

/** Text made of the pieces typography reacts to: hostile, but short enough for the expression above. */
const typographyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ..."aZé1_-.+@:/;!?«»'’“‘()[]<>\"#,\u017F\u212A\u00A0\u202F\t\n ".split(""),
        "://",
        "http",
        "www.",
        "WWW.",
        "mailto:",
        "MailTo:",
        "10:30",
        "9:05:07",
        ".fr",
        "😀",
      ),
      fc.string({ maxLength: 3, unit: "grapheme" }),
    ),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join(""));

describe("frenchTypography", () => {
  it.each([
    ["Pourquoi?", `Pourquoi${NNBSP}?`],
    ["Vraiment !", `Vraiment${NNBSP}!`],
    ["Il a dit ; puis", `Il a dit${NNBSP}; puis`],
    ["Deux points: ici", `Deux points${NBSP}: ici`],
    ["«Bonjour»", `«${NNBSP}Bonjour${NNBSP}»`],
    ["« Bonjour »", `«${NNBSP}Bonjour${NNBSP}»`],
    [`«\u00A0Bonjour\u00A0»`, `«${NNBSP}Bonjour${NNBSP}»`],
    ["l'armée d'aujourd'hui", "l\u2019armée d\u2019aujourd\u2019hui"],
  ])("typesets %j", (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });

  it("leaves clock times alone", () => {
    expect(frenchTypography("Rendez-vous à 10:30 puis 18:45:10.")).toBe("Rendez-vous à 10:30 puis 18:45:10.");
  });

  it("spaces a mark that follows a clock time", () => {
    expect(frenchTypography("À 10:30!")).toBe(`À 10:30${NNBSP}!`);
  });

  it("leaves URLs and e-mail addresses alone", () => {
    const text = "Voir https://exemple.fr/a?b=1;c=2#x! Écrire à redaction@exemple.fr: merci";
    expect(frenchTypography(text)).toBe(
      `Voir https://exemple.fr/a?b=1;c=2#x${NNBSP}! Écrire à redaction@exemple.fr${NBSP}: merci`,
    );
  });

  it("spaces only the first of consecutive marks", () => {
    expect(frenchTypography("Quoi?!")).toBe(`Quoi${NNBSP}?!`);
  });

  it("handles nested quotes: guillemets outside, curly quotes inside", () => {
    expect(frenchTypography("«Il a dit “non”, puis “oui”»")).toBe(`«${NNBSP}Il a dit “non”, puis “oui”${NNBSP}»`);
  });

  it("does not space a mark at the start of the text or after an opening bracket", () => {
    expect(frenchTypography("? (!) [?]")).toBe("? (!) [?]");
  });

  it("is idempotent", () => {
    const samples = [
      "« Nous avons des liens très forts » : a-t-il dit ; vraiment ? Oui !",
      "l'homme, 10:30, https://a.fr/?q=1",
      "Quoi?! «Non»",
    ];
    for (const sample of samples) {
      const once = frenchTypography(sample);
      expect(frenchTypography(once)).toBe(once);
    }
  });

  it("returns empty text unchanged", () => {
    expect(frenchTypography("")).toBe("");
  });

  it("leaves private-use characters in the text as they are", () => {
    // The protected runs were once marked with U+E000 <n> U+E001, which text could forge.
    expect(frenchTypography("\uE0000\uE001 et 10:30\uE000")).toBe("\uE0000\uE001 et 10:30\uE000");
  });
});

describe("frenchTypography on generated text", () => {
  it("finds the protected runs the expression finds", () => {
    fc.assert(
      fc.property(typographyText, (text) => {
        const expected = [...text.matchAll(PROTECTED)].map((m) => [m.index, m.index + m[0].length]);
        expect(protectedRuns(text)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("is idempotent and never changes a URL, an e-mail address or a clock time", () => {
    fc.assert(
      fc.property(typographyText, (text) => {
        const once = frenchTypography(text);
        expect(frenchTypography(once)).toBe(once);
        for (const [start, end] of protectedRuns(text)) expect(once).toContain(text.slice(start, end));
      }),
      { numRuns: 2000 },
    );
  });

  it("changes only spaces and apostrophes, adding at most one character per mark", () => {
    fc.assert(
      fc.property(typographyText, (text) => {
        const out = frenchTypography(text);
        const marks = text.match(/[;:!?«»]/g)?.length ?? 0;
        expect(out.length).toBeLessThanOrEqual(text.length + marks);
        const visible = (s: string) => s.replace(/[\s\u00A0\u202F]/g, "").replace(/\u2019/g, "'");
        expect(visible(out)).toBe(visible(text));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["one long word", (n: number) => "a".repeat(n)],
    ["one long word and a colon", (n: number) => `${"a".repeat(n)}:`],
    ["a long e-mail-like word", (n: number) => `${"a.".repeat(n / 2)}@`],
    ["a long scheme", (n: number) => `${"a".repeat(n)}:/`],
    ["a long URL ending in punctuation", (n: number) => `http://${".".repeat(n)}`],
    ["a long run of spaces before a guillemet", (n: number) => `a${" ".repeat(n)}b »`],
    ["a long run of spaces before a mark", (n: number) => `a${" ".repeat(n)}b !`],
    ["many e-mail addresses", (n: number) => "a@b.fr ".repeat(n / 7)],
    ["many clock times", (n: number) => "10:30:00 ".repeat(n / 9)],
    ["many @ without a domain", (n: number) => "aa@".repeat(n / 3)],
  ])("takes time linear in the text: %s", (_, textOfSize) => {
    expect(doublingCost(frenchTypography, textOfSize)).toBeLessThan(LINEAR_LIMIT);
  });
});

describe("spaceBeforeLeadingMark", () => {
  it("gives the space a text node starting with punctuation needs after inline markup", () => {
    expect(spaceBeforeLeadingMark("! suite")).toBe(NNBSP);
    expect(spaceBeforeLeadingMark(": suite")).toBe(NBSP);
    expect(spaceBeforeLeadingMark("» suite")).toBe(NNBSP);
    expect(spaceBeforeLeadingMark(", suite")).toBe("");
    expect(spaceBeforeLeadingMark("://x")).toBe("");
  });
});

import { describe, expect, it } from "vitest";
import { frenchTypography, NBSP, NNBSP, spaceBeforeLeadingMark } from "../../../scripts/text/typography.ts";

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

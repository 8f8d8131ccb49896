import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SLUG_PATTERN, slugify, tagFold, tagSlug } from "../../../scripts/text/slug.ts";
import { doublingCost, LINEAR_LIMIT } from "../../helpers/scaling.ts";

describe("slugify", () => {
  it.each([
    ["International", "international"],
    ["Guerre en Ukraine", "guerre-en-ukraine"],
    ["Défense & sécurité", "defense-securite"],
    ["L’œuvre d’Ælfred", "l-oeuvre-d-aelfred"],
    ["« Nous avons des liens très forts »", "nous-avons-des-liens-tres-forts"],
    ["  --Économie--  ", "economie"],
    ["Straße 2023", "strasse-2023"],
  ])("%j → %j", (input, expected) => {
    expect(slugify(input)).toBe(expected);
    expect(expected).toMatch(SLUG_PATTERN);
  });

  it("cuts long slugs at a word boundary", () => {
    const slug = slugify("un titre vraiment très long ".repeat(10), 40);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug.endsWith("-")).toBe(false);
    expect("un-titre-vraiment-tres-long-".repeat(10).startsWith(`${slug}-`)).toBe(true);
  });

  it("gives an empty slug for text without letters or digits", () => {
    expect(slugify("« ! »")).toBe("");
  });
});

describe("slugify on generated text", () => {
  const text = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 120 }),
    fc.string({ unit: fc.constantFrom(..."aéÉœßæ-–’'  _.:/«»\u0301\u0327\u00A0\t".split("")), maxLength: 120 }),
  );

  it("always gives an ASCII slug (or nothing), no longer than asked, that slugifies to itself", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 100 }), (input, max) => {
        const slug = slugify(input, max);
        if (slug !== "") expect(slug).toMatch(SLUG_PATTERN);
        expect(slug.length).toBeLessThanOrEqual(max);
        expect(slugify(slug, max)).toBe(slug);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the same slug for composed and decomposed accents", () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(slugify(input.normalize("NFD"))).toBe(slugify(input.normalize("NFC")));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ["one long word", (n: number) => "é".repeat(n)],
    ["a long run of separators", (n: number) => `a${"-–’ ".repeat(n / 4)}b`],
    ["combining accents", (n: number) => "e\u0301".repeat(n / 2)],
  ])("takes time linear in the text: %s", (_, textOfSize) => {
    expect(doublingCost((input: string) => slugify(input, 1_000_000), textOfSize)).toBeLessThan(LINEAR_LIMIT);
  });
});

describe("tagSlug", () => {
  it.each([
    ["C", "c"],
    ["C++", "c-plus-plus"],
    ["C#", "c-sharp"],
    ["F#", "f-sharp"],
    ["Canal+", "canal-plus"],
    ["Disney+", "disney-plus"],
    ["#MeToo", "metoo"],
    ["Défense & sécurité", "defense-securite"],
    ["Élysée", "elysee"],
    ["Élysée!", "elysee"],
  ])("%s → %s", (tag, slug) => {
    expect(tagSlug(tag)).toBe(slug);
  });
});

describe("tagFold", () => {
  it("is the same across case, accents, ligatures and spacing only", () => {
    expect(new Set(["Élysée", "elysee", "ÉLYSÉE", " Élysée\u00A0"].map(tagFold)).size).toBe(1);
    expect(tagFold("Œuvres")).toBe(tagFold("oeuvres"));
    expect(tagFold("Élysée!")).not.toBe(tagFold("Élysée"));
    expect(tagFold("Jean-Luc")).not.toBe(tagFold("Jean Luc"));
  });
});

import { describe, expect, it } from "vitest";
import { SLUG_PATTERN, slugify } from "../../../scripts/text/slug.ts";

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

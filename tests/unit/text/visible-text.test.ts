import { describe, expect, it } from "vitest";
import {
  escapeBidiControls,
  hasVisibleCharacter,
  invisibleTextProblem,
  unbalancedBidiProblem,
} from "../../../scripts/text/visible-text.ts";

// Each shows nothing on a page: what a headline made of them would look like.
const INVISIBLE: [string, string][] = [
  ["zero-width space", "\u200B"],
  ["word joiner", "\u2060"],
  ["byte order mark", "\uFEFF"],
  ["zero-width joiner", "\u200D"],
  ["a balanced right-to-left override around nothing", "\u202E\u202C"],
  ["an isolate around nothing", "\u2066\u2069"],
  ["Hangul filler", "\u3164"],
  ["Hangul choseong filler", "\u115F"],
  ["halfwidth Hangul filler", "\uFFA0"],
  ["braille blank", "\u2800"],
  ["a combining accent alone", "\u0301"],
  ["a variation selector", "\uFE0F"],
  ["a tag character", "\u{E0041}"],
  ["no-break and thin spaces", "\u00A0\u202F\u2009"],
  ["a mix of them", "\u200B \u2060\u3164\u200D"],
];

describe("hasVisibleCharacter", () => {
  it.each(INVISIBLE)("is false for %s", (_what, text) => {
    expect(hasVisibleCharacter(text)).toBe(false);
    // What trim() removes (white space, the BOM) is empty text, which the length check reports.
    if (text.trim() !== "") {
      expect(invisibleTextProblem(text)).toMatch(/^shows nothing: it is made only of invisible characters \(U\+/);
    }
  });

  it.each([
    ["a letter", "a"],
    ["a digit", "7"],
    ["punctuation", "…"],
    ["a symbol", "€"],
    ["an emoji", "😀"],
    ["a letter among invisible characters", "\u200Bx\u2060"],
    ["C++", "C++"],
  ])("is true for %s", (_what, text) => {
    expect(hasVisibleCharacter(text)).toBe(true);
    expect(invisibleTextProblem(text)).toBeNull();
  });

  it("leaves empty text to the check that says it is empty", () => {
    expect(invisibleTextProblem("  ")).toBeNull();
  });

  it("names the characters it found, each once", () => {
    expect(invisibleTextProblem("\u200B\u200B\u3164")).toBe(
      "shows nothing: it is made only of invisible characters (U+200B U+3164); expected visible text",
    );
  });
});

describe("unbalancedBidiProblem", () => {
  it.each([
    ["an override never closed", "Élysée\u202E", /U\+202E \(right-to-left override\) that is never closed/],
    ["an embedding never closed", "\u202Ba", /U\+202B \(right-to-left embedding\) that is never closed/],
    ["an isolate never closed", "a\u2067b", /U\+2067 \(right-to-left isolate\) that is never closed/],
    ["a stray pop", "a\u202Cb", /U\+202C \(pop directional formatting\) that closes nothing/],
    ["a stray isolate pop", "\u2069a", /U\+2069 \(pop directional isolate\) that closes nothing/],
    ["an isolate closed as an embedding", "\u2066a\u202C", /U\+202C .* closes nothing/],
    ["crossed pairs", "\u2066\u202Aa\u2069\u202C", /U\+2069 .* closes nothing/],
  ])("refuses %s", (_what, text, found) => {
    expect(unbalancedBidiProblem(text)).toMatch(found);
  });

  it.each([
    ["none", "Élysée"],
    ["an override closed", "a\u202Eb\u202Cc"],
    ["an isolate closed", "\u2067ب\u2069 et a"],
    ["nested pairs", "\u2066\u202Aa\u202C\u2069"],
    ["marks, which need no closing", "a\u200Fb\u200E"],
  ])("accepts %s", (_what, text) => {
    expect(unbalancedBidiProblem(text)).toBeNull();
  });
});

describe("escapeBidiControls", () => {
  it("writes them as escapes, so that a problem line never shows backwards", () => {
    expect(escapeBidiControls("a\u202Eb\u2066c\u200F")).toBe("a\\u202eb\\u2066c\\u200f");
  });
});

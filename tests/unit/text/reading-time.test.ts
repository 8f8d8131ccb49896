import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countWords, readingMinutes, readingTimeLabel } from "../../../scripts/text/reading-time.ts";
import { ROOT } from "../../helpers/build.ts";
import { doublingCost, LINEAR_LIMIT } from "../../helpers/scaling.ts";

describe("countWords", () => {
  it("counts elided and hyphenated words once", () => {
    expect(countWords("l’armée russe et les alliances militaro-politiques")).toBe(6);
  });

  it("ignores punctuation and guillemets", () => {
    expect(countWords("« Nous avons des liens très forts » !")).toBe(6);
  });

  it("counts numbers", () => {
    expect(countWords("sa position en 12 points, 3,5 %")).toBe(6);
  });

  it("counts as the definition's regular expression does, on the site's article and edge cases", () => {
    const definition = (text: string) => text.match(/[\p{L}\p{N}]+(?:[’'\-.,][\p{L}\p{N}]+)*/gu)?.length ?? 0;
    const seed = readFileSync(
      path.join(ROOT, "src/articles/international/2023-04-18-li-shangfu-moscou-cooperation-militaire.md"),
      "utf8",
    );
    for (const text of [seed, "a--b a- -a a—b a/b 𝐀𝐁 𝐀-b x,,y 1.2.3 « »", "Ελληνικά 日本語 l'été"]) {
      expect(countWords(text)).toBe(definition(text));
    }
  });

  it.each([
    ["one long word", (n: number) => "é".repeat(n)],
    ["joiners", (n: number) => "a’-.,".repeat(n / 5)],
    ["astral characters", (n: number) => "𝐀 ".repeat(n / 3)],
  ])("counts in time linear in the text: %s", (_, textOfSize) => {
    expect(doublingCost(countWords, textOfSize)).toBeLessThan(LINEAR_LIMIT);
  });

  it("gives zero for empty text", () => {
    expect(countWords("  ")).toBe(0);
  });
});

describe("readingMinutes", () => {
  it.each([
    [0, 1],
    [1, 1],
    [230, 1],
    [231, 2],
    [414, 2],
    [2300, 10],
  ])("%i words → %i min", (words, minutes) => {
    expect(readingMinutes(words)).toBe(minutes);
  });

  it("takes the reading speed as a parameter", () => {
    expect(readingMinutes(400, 200)).toBe(2);
  });

  it("labels with a no-break space", () => {
    expect(readingTimeLabel(3)).toBe("3\u00A0min de lecture");
  });
});

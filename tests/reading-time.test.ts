import { describe, expect, it } from "vitest";
import { countWords, readingMinutes, readingTimeLabel } from "../scripts/content/reading-time.ts";

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

import { describe, expect, it } from "vitest";
import {
  controlCharacterLines,
  controlCharacterMessage,
  escapeControlCharacters,
  firstControlCharacter,
  withoutControlCharacters,
} from "../../../scripts/text/control-characters.ts";
import { doublingCost, LINEAR_LIMIT } from "../../helpers/scaling.ts";

describe("control characters", () => {
  it("finds C0 and C1 controls and DEL, but not tab, line feed or other invisible characters", () => {
    for (const char of ["\u0000", "\u0007", "\u000B", "\u000C", "\r", "\u001B", "\u007F", "\u0085", "\u009F"]) {
      expect(firstControlCharacter(`a${char}b`)).not.toBeNull();
    }
    expect(firstControlCharacter("a\tb\nc\u00A0\u202F\u200B\u2028\u202E\uFEFF")).toBeNull();
  });

  it("names the first line holding one and counts the others", () => {
    const found = controlCharacterLines("un\ndeux\u0000\ntrois\u0007\u0007\nquatre\nc\u001Binq");
    expect(found).toEqual({ line: 2, codePoint: "U+0000", lines: 3 });
    expect(controlCharacterMessage(found as NonNullable<typeof found>)).toBe(
      "line 2 (and 2 more lines): U+0000, a control character; expected text without control characters (tabs and line breaks are fine)",
    );
  });

  it("looks only between the lines it is given", () => {
    const text = "a\u0001\nb\nc\u0002\nd\u0003";
    expect(controlCharacterLines(text, 2, 3)).toEqual({ line: 3, codePoint: "U+0002", lines: 1 });
    expect(controlCharacterLines(text, 2, 2)).toBeNull();
  });

  it("replaces them for later checks and escapes them for a terminal", () => {
    expect(withoutControlCharacters("a\u0000b\tc")).toBe("a\uFFFDb\tc");
    expect(escapeControlCharacters("x\u001B[2Jy")).toBe("x\\u001b[2Jy");
  });

  it("finds them in time linear in the text", () => {
    expect(
      doublingCost(
        (text: string) => controlCharacterLines(text),
        (n) => "a\u0000\n".repeat(n / 3),
      ),
    ).toBeLessThan(LINEAR_LIMIT);
  });
});

/**
 * Text a reader must see: at least one character that shows, and bidirectional controls in pairs.
 *
 * Shows nothing: white space, Unicode's default-ignorable code points (zero-width spaces and
 * joiners U+200B–U+200D, the word joiner U+2060, the BOM U+FEFF, bidirectional controls, Hangul
 * fillers U+115F, U+1160, U+3164, U+FFA0, variation selectors, tag characters…), combining marks
 * on their own, and the braille blank U+2800. A headline of nothing but these is published
 * as an empty-looking headline.
 *
 * Bidirectional controls (U+202A–U+202E, U+2066–U+2069) change the order in which what follows
 * them is displayed until they are closed; one left open reverses the rest of a title, of a
 * list or of a terminal line (the "Trojan Source" trick).
 */
import { codePointName } from "./control-characters.ts";

/** A character that shows something: a letter, digit, punctuation or symbol that is not default-ignorable. */
const SHOWN = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

export function hasVisibleCharacter(text: string): boolean {
  return SHOWN.test(text);
}

/** The invisible characters of a text, as U+XXXX, each once, for a message (at most `max`). */
export function invisibleCharacters(text: string, max = 4): string {
  const found = [...new Set([...text].filter((char) => !/\s/u.test(char)).map(codePointName))];
  return found.length > max ? `${found.slice(0, max).join(" ")} …` : found.join(" ");
}

/** The problem of a text a reader must see that shows nothing, or null. */
export function invisibleTextProblem(text: string): string | null {
  if (text.trim() === "" || hasVisibleCharacter(text)) return null;
  return `shows nothing: it is made only of invisible characters (${invisibleCharacters(text)}); expected visible text`;
}

const OPENERS: Record<string, { name: string; isolate: boolean }> = {
  "\u202A": { name: "left-to-right embedding", isolate: false },
  "\u202B": { name: "right-to-left embedding", isolate: false },
  "\u202D": { name: "left-to-right override", isolate: false },
  "\u202E": { name: "right-to-left override", isolate: false },
  "\u2066": { name: "left-to-right isolate", isolate: true },
  "\u2067": { name: "right-to-left isolate", isolate: true },
  "\u2068": { name: "first strong isolate", isolate: true },
};
const CLOSERS: Record<string, { name: string; isolate: boolean }> = {
  "\u202C": { name: "pop directional formatting", isolate: false },
  "\u2069": { name: "pop directional isolate", isolate: true },
};
const BIDI = /[\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Why the bidirectional controls of a text are not balanced, or null: each embedding or
 * override (U+202A, B, D, E) closed by U+202C, each isolate (U+2066–U+2068) by U+2069, nested.
 */
export function unbalancedBidiProblem(text: string): string | null {
  const open: string[] = [];
  const expected =
    "expected each bidirectional control closed (U+202C after U+202A–U+202E, U+2069 after U+2066–U+2068)";
  for (const [char] of text.matchAll(BIDI)) {
    const opener = OPENERS[char];
    if (opener) {
      open.push(char);
      continue;
    }
    const closer = CLOSERS[char] as { name: string; isolate: boolean };
    const last = open.at(-1);
    if (last === undefined || OPENERS[last]?.isolate !== closer.isolate) {
      return `has a ${codePointName(char)} (${closer.name}) that closes nothing; ${expected}`;
    }
    open.pop();
  }
  const left = open.at(-1);
  return left === undefined
    ? null
    : `has a ${codePointName(left)} (${OPENERS[left]?.name}) that is never closed; ${expected}`;
}

/** Bidirectional controls as \u escapes: a problem line quoting a value never reorders the terminal. */
export function escapeBidiControls(text: string): string {
  return text.replace(
    /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
}

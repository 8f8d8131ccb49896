/**
 * Control characters (Unicode category Cc: U+0000–U+001F and U+007F–U+009F) other than tab and
 * line feed. Pages never carry them: NUL becomes U+FFFD in HTML, XML forbids most of them (a
 * feed with one is unreadable), and in a terminal ESC starts an escape sequence.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it finds.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it finds.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/** The first control character of the text, as U+XXXX, or null. */
export function firstControlCharacter(text: string): string | null {
  const char = CONTROL.exec(text)?.[0];
  return char === undefined ? null : codePointName(char);
}

/** "U+0007". */
export function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

export interface ControlCharacterLines {
  /** The first line (1-based) holding one. */
  line: number;
  /** The first one found, as U+XXXX. */
  codePoint: string;
  /** How many lines hold one. */
  lines: number;
}

/**
 * The lines of `text` (between `fromLine` and `toLine`, 1-based, inclusive) that hold a control
 * character, or null when none does. One pass over the text.
 */
export function controlCharacterLines(
  text: string,
  fromLine = 1,
  toLine = Number.POSITIVE_INFINITY,
): ControlCharacterLines | null {
  let found: ControlCharacterLines | null = null;
  let line = 1;
  let lineStart = 0;
  let lastCounted = 0;
  for (const match of text.matchAll(CONTROLS)) {
    // Lines are counted from the previous match on: the scan never goes back.
    for (let i = text.indexOf("\n", lineStart); i !== -1 && i < match.index; i = text.indexOf("\n", i + 1)) {
      line += 1;
      lineStart = i + 1;
    }
    if (line < fromLine) continue;
    if (line > toLine) break;
    if (!found) found = { line, codePoint: codePointName(match[0]), lines: 0 };
    if (line !== lastCounted) {
      found.lines += 1;
      lastCounted = line;
    }
  }
  return found;
}

/** The message of a problem: "line 3: U+0007, a control character; expected …". */
export function controlCharacterMessage(found: ControlCharacterLines): string {
  const more = found.lines > 1 ? ` (and ${found.lines - 1} more line${found.lines > 2 ? "s" : ""})` : "";
  return `line ${found.line}${more}: ${found.codePoint}, a control character; expected text without control characters (tabs and line breaks are fine)`;
}

/** Each control character replaced by U+FFFD, so that the checks after the one that reports them see text. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROLS, "\uFFFD");
}

/** Control characters written as \u escapes: what a message may quote of a found value. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROLS, (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`);
}

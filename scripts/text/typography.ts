/**
 * French typography for plain text. Callers pass text only (never HTML, URLs or code).
 *
 * - U+202F (narrow no-break space) before ; ! ? and inside « »
 * - U+00A0 (no-break space) before : (Imprimerie nationale)
 * - U+2019 (typographic apostrophe) for ' after a letter
 *
 * Idempotent: whatever space stands before the punctuation is replaced by the right one.
 * URLs, e-mail addresses and clock times (10:30) inside the text are left as they are.
 *
 * Linear in the length of the text: the protected runs were found by one regular expression
 * whose URL and e-mail branches scanned a run of letters again from each of its positions, so a
 * 160 KB article made of one long word took 110 s (40,000 characters: 6.3 s; now 4 ms).
 * `protectedRuns` finds the same runs in one pass (tests/unit/text/typography.test.ts holds it
 * to that expression on generated text).
 */

export const NNBSP = "\u202F";
export const NBSP = "\u00A0";

const SPACE = "[ \\u00A0\\u202F\\t]";
// Characters after which no space is added before the mark: spaces, another mark, openers.
const NO_SPACE_AFTER = "\\s;:!?(\\[«\\u2018\\u201C";

// Each rule with the character it needs: most text nodes lack most of them, and a test for one
// character is much cheaper than running the rule's pattern over the text. Every pattern is
// linear: a run of spaces is only ever scanned from its start (the closing-guillemet rule has
// a look-behind for that; without it, each position of a long run of spaces scanned the rest).
const RULES: ReadonlyArray<[RegExp, string, RegExp]> = [
  [/(\p{L})'(?=\p{L}|$|[\s.,;:!?»)\]\u2019\u201D])/gu, "$1\u2019", /'/],
  [new RegExp(`([^${NO_SPACE_AFTER}])${SPACE}*([;!?])`, "gu"), `$1${NNBSP}$2`, /[;!?]/],
  [new RegExp(`([^${NO_SPACE_AFTER}])${SPACE}*:`, "gu"), `$1${NBSP}:`, /:/],
  // A text node may start with the space that followed inline markup ("<code>x</code> !").
  [new RegExp(`^${SPACE}+([;!?])`, "u"), `${NNBSP}$1`, /[;!?]/],
  [new RegExp(`^${SPACE}+:`, "u"), `${NBSP}:`, /:/],
  [new RegExp(`«${SPACE}*`, "gu"), `«${NNBSP}`, /«/],
  [new RegExp(`(?<!${SPACE})${SPACE}*»`, "gu"), `${NNBSP}»`, /»/],
];
/**
 * Every protected run has one of these (a URL "://", "www." or "mailto:", an e-mail address "@",
 * a clock time "9:30"); most text has none, and is not scanned for runs. A colon alone is French
 * punctuation, common: scanning every text with one tripled typography's cost.
 */
const MAY_BE_PROTECTED = /:\/\/|www\.|mailto:|@|\d:\d\d/i;

// The character classes of the runs, as a case-insensitive Unicode expression reads them: [a-z]
// also matches U+017F (long s) and U+212A (Kelvin sign), and so does \w.
const LONG_S = 0x17f;
const KELVIN = 0x212a;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLatinLetter = (c: number) => ((c | 32) >= 97 && (c | 32) <= 122) || c === LONG_S || c === KELVIN;
const isWordChar = (c: number) => isLatinLetter(c) || isDigit(c) || c === 95;
/** [a-z0-9+.-]: a URL scheme. */
const isSchemeChar = (c: number) => isLatinLetter(c) || isDigit(c) || c === 43 || c === 46 || c === 45;
/** [\w.+-]: the part of an e-mail address before @. */
const isMailboxChar = (c: number) => isWordChar(c) || c === 46 || c === 43 || c === 45;
/** [\w-]: a label of a domain name. */
const isLabelChar = (c: number) => isWordChar(c) || c === 45;
/** \s: the white space of JavaScript's regular expressions. */
const isWhiteSpace = (c: number) =>
  (c >= 9 && c <= 13) ||
  c === 32 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
/** [^\s«»<>"]: what a URL runs over. */
const isUrlChar = (c: number) => c !== 0xab && c !== 0xbb && c !== 60 && c !== 62 && c !== 34 && !isWhiteSpace(c);
/** [^\s«»<>".,;:!?)]: what a URL may end with. */
const isUrlEnd = (c: number) =>
  isUrlChar(c) && c !== 46 && c !== 44 && c !== 59 && c !== 58 && c !== 33 && c !== 63 && c !== 41;

/** For each position, where the run of characters of a class starting there ends (itself when none). */
function runEnds(text: string, inRun: (c: number) => boolean): Int32Array {
  const ends = new Int32Array(text.length + 1);
  ends[text.length] = text.length;
  for (let i = text.length - 1; i >= 0; i -= 1) ends[i] = inRun(text.charCodeAt(i)) ? (ends[i + 1] as number) : i;
  return ends;
}

const startsWithAt = (text: string, at: number, word: string) =>
  text.length - at >= word.length && text.slice(at, at + word.length).toLowerCase() === word;

/**
 * The [start, end) of every URL, e-mail address and clock time in the text, left to right, never
 * overlapping: what the expression below matches, found in one pass.
 *
 *   (?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s«»<>"]*[^\s«»<>".,;:!?)]
 *   | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
 *   | \b\d{1,2}(?::\d{2}){1,2}\b                                          (flags giu)
 */
export function protectedRuns(text: string): [number, number][] {
  const n = text.length;
  const code = (i: number) => (i < n ? text.charCodeAt(i) : -1);
  const scheme = runEnds(text, isSchemeChar);
  const url = runEnds(text, isUrlChar);
  const mailbox = runEnds(text, isMailboxChar);
  const label = runEnds(text, isLabelChar);
  // For each position i, the last position before i where a URL may end (-1: none).
  const lastUrlEnd = new Int32Array(n + 1);
  lastUrlEnd[0] = -1;
  for (let i = 1; i <= n; i += 1)
    lastUrlEnd[i] = isUrlEnd(text.charCodeAt(i - 1)) ? i - 1 : (lastUrlEnd[i - 1] as number);
  // Where the domain after each @ ends (-1: not a domain), worked out once per @.
  const domainEnds = new Map<number, number>();
  const domainEnd = (at: number): number => {
    let end = domainEnds.get(at);
    if (end === undefined) {
      end = -1;
      let i = label[at + 1] as number;
      if (i > at + 1) {
        while (code(i) === 46 && (label[i + 1] as number) > i + 1) {
          i = label[i + 1] as number;
          end = i;
        }
      }
      domainEnds.set(at, end);
    }
    return end;
  };
  const urlFrom = (start: number): number => {
    const last = lastUrlEnd[url[start] as number] as number;
    return last >= start ? last + 1 : -1;
  };
  const clockFrom = (start: number): number => {
    for (const digits of [2, 1]) {
      if (digits === 2 && !isDigit(code(start + 1))) continue;
      for (const groups of [2, 1]) {
        let i = start + digits;
        let ok = true;
        for (let g = 0; g < groups && ok; g += 1, i += 3) {
          ok = code(i) === 58 && isDigit(code(i + 1)) && isDigit(code(i + 2));
        }
        if (ok && !isWordChar(code(i))) return i;
      }
    }
    return -1;
  };

  const runs: [number, number][] = [];
  let p = 0;
  while (p < n) {
    const c = text.charCodeAt(p);
    let end = -1;
    if (isLatinLetter(c) && text.startsWith("://", scheme[p])) end = urlFrom((scheme[p] as number) + 3);
    if (end < 0 && startsWithAt(text, p, "www.")) end = urlFrom(p + 4);
    if (end < 0 && startsWithAt(text, p, "mailto:")) end = urlFrom(p + 7);
    if (end < 0 && isMailboxChar(c) && code(mailbox[p] as number) === 64) end = domainEnd(mailbox[p] as number);
    if (end < 0 && isDigit(c) && !isWordChar(code(p - 1))) end = clockFrom(p);
    if (end > p) {
      runs.push([p, end]);
      p = end;
    } else {
      p += 1;
    }
  }
  return runs;
}

/**
 * A character the text does not contain, to stand in for each protected run while the rules
 * apply (a private-use one: not a letter, a space or a mark to them). Null in the absurd case of
 * a text holding every private-use character.
 */
function placeholderFor(text: string): string | null {
  const used = new Set(text.match(/[\uE000-\uF8FF]|\uDB80[\uDC00-\uDFFF]/g));
  for (let c = 0xe000; c <= 0xf8ff; c += 1) if (!used.has(String.fromCharCode(c))) return String.fromCharCode(c);
  for (let c = 0xf0000; c <= 0xf03ff; c += 1) if (!used.has(String.fromCodePoint(c))) return String.fromCodePoint(c);
  return null;
}

export function frenchTypography(text: string): string {
  if (text === "") return text;
  const runs = MAY_BE_PROTECTED.test(text) ? protectedRuns(text) : [];
  const placeholder = runs.length > 0 ? placeholderFor(text) : "";
  if (placeholder === null) return text;
  let out = text;
  if (runs.length > 0) {
    const parts: string[] = [];
    let from = 0;
    for (const [start, end] of runs) {
      parts.push(text.slice(from, start), placeholder);
      from = end;
    }
    parts.push(text.slice(from));
    out = parts.join("");
  }
  for (const [pattern, replacement, needs] of RULES) if (needs.test(out)) out = out.replace(pattern, replacement);
  if (runs.length === 0) return out;
  // The rules keep every placeholder: each stands again for its run, in order.
  const pieces = out.split(placeholder);
  return pieces
    .map((piece, i) => (i < runs.length ? piece + text.slice(...(runs[i] as [number, number])) : piece))
    .join("");
}

/**
 * The space a text node that starts with punctuation needs when it follows inline markup
 * (e.g. "*oui*!" renders as <em>oui</em> then "!"): "" when none is needed.
 */
export function spaceBeforeLeadingMark(text: string): string {
  if (/^[;!?»]/u.test(text)) return NNBSP;
  if (/^:(?!\/\/)/u.test(text)) return NBSP;
  return "";
}

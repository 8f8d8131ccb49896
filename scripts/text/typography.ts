/**
 * French typography for plain text. Callers pass text only (never HTML, URLs or code).
 *
 * - U+202F (narrow no-break space) before ; ! ? and inside « »
 * - U+00A0 (no-break space) before : (Imprimerie nationale)
 * - U+2019 (typographic apostrophe) for ' after a letter
 *
 * Idempotent: whatever space stands before the punctuation is replaced by the right one.
 * URLs, e-mail addresses and clock times (10:30) inside the text are left as they are.
 */

export const NNBSP = "\u202F";
export const NBSP = "\u00A0";

const PROTECTED =
  /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s«»<>"]*[^\s«»<>".,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b\d{1,2}(?::\d{2}){1,2}\b/giu;
// Private-use code points stand in for protected runs while the rules apply.
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

const SPACE = "[ \\u00A0\\u202F\\t]";
// Characters after which no space is added before the mark: spaces, another mark, openers.
const NO_SPACE_AFTER = "\\s;:!?(\\[«\\u2018\\u201C";

// Each rule with the character it needs: most text nodes lack most of them, and a test for one
// character is much cheaper than running the rule's pattern over the text.
const RULES: ReadonlyArray<[RegExp, string, RegExp]> = [
  [/(\p{L})'(?=\p{L}|$|[\s.,;:!?»)\]\u2019\u201D])/gu, "$1\u2019", /'/],
  [new RegExp(`([^${NO_SPACE_AFTER}])${SPACE}*([;!?])`, "gu"), `$1${NNBSP}$2`, /[;!?]/],
  [new RegExp(`([^${NO_SPACE_AFTER}])${SPACE}*:`, "gu"), `$1${NBSP}:`, /:/],
  // A text node may start with the space that followed inline markup ("<code>x</code> !").
  [new RegExp(`^${SPACE}+([;!?])`, "u"), `${NNBSP}$1`, /[;!?]/],
  [new RegExp(`^${SPACE}+:`, "u"), `${NBSP}:`, /:/],
  [new RegExp(`«${SPACE}*`, "gu"), `«${NNBSP}`, /«/],
  [new RegExp(`(?:${SPACE}*)»`, "gu"), `${NNBSP}»`, /»/],
];
/** Every protected run (URL, e-mail address, time) has one of these. */
const MAY_BE_PROTECTED = /[:@]|www\./i;

export function frenchTypography(text: string): string {
  if (text === "") return text;
  const kept: string[] = [];
  let out = MAY_BE_PROTECTED.test(text) ? text.replace(PROTECTED, (run) => `\uE000${kept.push(run) - 1}\uE001`) : text;
  for (const [pattern, replacement, needs] of RULES) if (needs.test(out)) out = out.replace(pattern, replacement);
  return kept.length === 0 ? out : out.replace(PLACEHOLDER, (_m, i: string) => kept[Number(i)] ?? "");
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

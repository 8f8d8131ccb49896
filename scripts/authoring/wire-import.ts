/**
 * Plain-text wire copy → Markdown article body. A wire article is one paragraph per line; its
 * subheadings are one-line paragraphs of their own; it may end with the publisher's appeal,
 * which the site already shows after every article and must not be repeated in the body.
 */

export interface Appeal {
  title: string;
  paragraphs: string[];
}

export interface WireImport {
  /** Markdown: paragraphs and subheadings (`## `) that show their text verbatim, separated by blank lines. */
  body: string;
  /** The paragraphs, without subheadings or appeal (for a default standfirst). */
  paragraphs: string[];
  subheadings: string[];
  appealRemoved: boolean;
}

/** Longer lines are paragraphs, whatever their punctuation. */
export const MAX_SUBHEADING_LENGTH = 100;

/** Ends a sentence, a clause or a quotation: such a line is running text, not a subheading. */
const FINAL_PUNCTUATION = /[.!?…:;,»”")\]]$/u;
/** « … » with no other quotation inside: a pulled quote used as a subheading. */
const WHOLE_QUOTATION = /^«[^«»]+»$/u;

/** Compares text the way a reader does: ignores apostrophe style, spacing and French no-break spaces. */
export function comparableText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u2019\u02BC\u2018`´]/g, "'")
    .replace(/[\u201C\u201D\u201E]/g, '"')
    .replace(/[\s\u00A0\u202F]+/g, " ")
    .replace(/ ?([;:!?»,.]) ?/g, "$1")
    .replace(/« ?/g, "«")
    .trim()
    .toLowerCase();
}

export function isSubheading(line: string): boolean {
  const text = line.trim();
  if (text.length === 0 || text.length > MAX_SUBHEADING_LENGTH) return false;
  return WHOLE_QUOTATION.test(text) || !FINAL_PUNCTUATION.test(text);
}

/**
 * Characters Markdown reads as markup wherever they stand, escaped with a backslash so that the
 * text shows as typed: backslashes (escapes, hard breaks), emphasis (`*`, `_`), code spans
 * (`` ` ``), links and images (`[`), autolinks and HTML (`<`), strikethrough (`~`) and character
 * references (`&amp;`, `&#38;`). Everything else is markup only at the start of a block
 * (`paragraphMarkdown`), or never on a one-line paragraph (setext underlines, soft and hard line breaks).
 */
const INLINE_MARKUP = /[\\`*_[<~]|&(?=#?[0-9A-Za-z]+;)/g;

/** Text as Markdown inline content that renders as exactly that text. */
export function escapeInline(text: string): string {
  return text.replace(INLINE_MARKUP, "\\$&");
}

/**
 * A wire line as a Markdown paragraph that shows exactly its text. Leading spaces and tabs go
 * (four would make a code block; HTML shows none of them), and a start that would open a block
 * is escaped: a heading (`#`), a quotation (`>`), a list item (`-`, `+`, `1.`, `1)`) or a
 * thematic break (`- - -`; `***` and `___` are escaped as emphasis).
 */
function paragraphMarkdown(line: string): string {
  return escapeInline(line.replace(/^[ \t]+/, ""))
    .replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2")
    .replace(/^[#>+-]/, "\\$&");
}

/** A subheading line as a level-2 heading; every `#` escaped, so that none closes it. */
function headingMarkdown(line: string): string {
  return `## ${escapeInline(line.trim()).replace(/#/g, "\\#")}`;
}

/** The count of trailing lines that are the appeal (title then paragraphs), or 0. */
function appealLength(lines: string[], appeal: Appeal | undefined): number {
  if (!appeal) return 0;
  const expected = [appeal.title, ...appeal.paragraphs].map(comparableText);
  if (lines.length <= expected.length) return 0;
  const tail = lines.slice(-expected.length).map(comparableText);
  return tail.every((line, index) => line === expected[index]) ? expected.length : 0;
}

export function wireToMarkdown(text: string, appeal?: Appeal): WireImport {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n?|\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "");
  const removed = appealLength(lines, appeal);
  const kept = removed > 0 ? lines.slice(0, -removed) : lines;

  const blocks: string[] = [];
  const paragraphs: string[] = [];
  const subheadings: string[] = [];
  kept.forEach((line, index) => {
    const next = kept[index + 1];
    // A subheading introduces text: never the first line, the last, or right before another one.
    const heading = index > 0 && next !== undefined && isSubheading(line) && !isSubheading(next);
    if (heading) {
      subheadings.push(line.trim());
      blocks.push(headingMarkdown(line));
    } else {
      paragraphs.push(line);
      blocks.push(paragraphMarkdown(line));
    }
  });
  return {
    body: blocks.length > 0 ? `${blocks.join("\n\n")}\n` : "",
    paragraphs,
    subheadings,
    appealRemoved: removed > 0,
  };
}

/** The first sentence of a paragraph, for a standfirst the editor did not write. */
export function firstSentence(paragraph: string): string {
  // Not after an initial or a title: « M. Li », « Mme Borne », « J. Dupont ».
  const match = /^.+?(?<!\b(?:[A-Z]|MM|Mme|Mmes|Mlle|Dr|Pr|St|Ste))[.!?…](?=\s+[«"A-ZÀ-ÖØ-Ý])/su.exec(paragraph.trim());
  return (match?.[0] ?? paragraph).trim();
}

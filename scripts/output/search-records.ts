/**
 * What search knows of an article: the stems of its words, each weighted by where it appears and
 * how often, and what the search page shows of it (headline, section, date, text for the excerpt).
 * Made from the validated article, not from its rendered page; a record depends on its article
 * alone, so that the build can keep it between builds under the article's key.
 */
import type { Article } from "../input/article.ts";
import type { SearchStemmer } from "../text/search-terms.ts";
import type { SearchDocument } from "./search-format.ts";

export interface SearchRecord {
  /** Each stem of the article with its weight (1–255), in the order of its first word. */
  terms: [stem: string, weight: number][];
  document: SearchDocument;
}

/** How much a word counts where it appears: a word of the headline says more than one of the body. */
const FIELD_WEIGHTS = { title: 5, tags: 3, authors: 2, standfirst: 2, body: 1 } as const;

// BM25's saturation and length normalisation (k1, b), with a fixed average length: a corpus
// average would change every article's weights whenever one article changed.
const K1 = 1.2;
const B = 0.75;
const AVERAGE_WORDS = 600;
const MAX_SCORE = K1 + 1;
const LENGTH_STEP = 1.1;

/** The excerpt is cut from this much text at most: a very long article's end is not shown in results. */
export const MAX_TEXT = 20_000;

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00A0" };

/** An article body's HTML as plain text: one line per block (paragraph, subheading, quotation, caption). */
export function plainText(html: string): string {
  return html
    .replace(/<\/(?:p|h[1-6]|li|blockquote|figcaption|figure|tr)>|<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (entity, decimal, hex, name) => {
      if (decimal) return String.fromCodePoint(Number(decimal));
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .split("\n")
    .map((line) => line.replace(/[ \t\r]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

/** At most `max` UTF-16 units, never half a character. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max);
  return text.slice(0, code >= 0xdc00 && code <= 0xdfff ? max - 1 : max);
}

/** The article's record. `stemmer` remembers stems from one article to the next. */
export function searchRecord(article: Article, stemmer: SearchStemmer): SearchRecord {
  const body = plainText(article.bodyHtml);
  const fields: [text: string, weight: number][] = [
    [article.title, FIELD_WEIGHTS.title],
    [article.tags.map((tag) => tag.name).join(" "), FIELD_WEIGHTS.tags],
    [[...article.authors.map((author) => author.name), article.credit].join(" "), FIELD_WEIGHTS.authors],
    [article.standfirst, FIELD_WEIGHTS.standfirst],
    [body, FIELD_WEIGHTS.body],
  ];
  const frequencies = new Map<string, number>();
  let words = 0;
  for (const [text, weight] of fields) {
    stemmer.eachStem(text, (stem) => {
      frequencies.set(stem, (frequencies.get(stem) ?? 0) + weight);
      words += 1;
    });
  }
  // The length in steps of 10 %: a sentence added leaves the other words' weights as they were
  // (and the index's other shards too).
  const length = LENGTH_STEP ** Math.round(Math.log(Math.max(words, 1)) / Math.log(LENGTH_STEP));
  const norm = K1 * (1 - B + (B * length) / AVERAGE_WORDS);
  const terms: [string, number][] = [];
  for (const [stem, frequency] of frequencies) {
    const score = (frequency * (K1 + 1)) / (frequency + norm);
    terms.push([stem, Math.max(1, Math.min(255, Math.round((score / MAX_SCORE) * 255)))]);
  }
  const text = `${article.standfirst}\n${body}`;
  return {
    terms,
    document: {
      url: article.url,
      title: article.title,
      section: article.section.name,
      date: article.published.short,
      iso: article.published.iso,
      text: cut(text, MAX_TEXT),
    },
  };
}

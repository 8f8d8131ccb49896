/**
 * The words search matches, the same in the build (the index) and in the reader's browser (the
 * query): one module, bundled into the search page's script, so that the two never disagree.
 *
 * A word is a run of letters and digits: apostrophes (' ’), hyphens, no-break spaces and every
 * other mark separate words, so « l’armée » gives "l" and "armée", « Moyen-Orient » "moyen" and
 * "orient". Words are lowercased and folded (accents dropped, œ → oe), then stemmed with the
 * Snowball French stemmer (@orama/stemmers: « militaires » and « militaire » give "militair"):
 * folded first, so that a query typed without accents (« defense ») finds the accented word
 * (« Défense »). One-character words and French function words (le, de, pour…) are not indexed:
 * they are in nearly every article and would cost more bytes than all the others.
 */
import { stemmer } from "@orama/stemmers/french";

/** Folded like the words they drop. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur leurs lui " +
    "ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes " +
    "toi ton tu un une vos votre vous est sont ete etait etaient avait avaient ont ai as avons avez sera " +
    "seront fait faire comme plus tres sans sous entre vers chez donc ni car si ceux celle celles celui " +
    "dont y"
  ).split(" "),
);

const MARKS = /[\u0300-\u036f]/g;
const LIGATURES = /[œæß]/g;
const LIGATURE_LETTERS: Readonly<Record<string, string>> = { œ: "oe", æ: "ae", ß: "ss" };
// Letters of any script and digits; everything else separates words.
const WORD = /[\p{L}\p{N}]+/gu;
// Lowercase ASCII letters and digits only: nothing to fold.
const PLAIN = /^[a-z0-9]*$/;

/** Lowercase, without accents: "Défense" → "defense", "cœur" → "coeur". */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  if (PLAIN.test(lower)) return lower;
  return lower
    .normalize("NFD")
    .replace(MARKS, "")
    .replace(LIGATURES, (letter) => LIGATURE_LETTERS[letter] ?? letter);
}

/** The words of a text as they are written, in order, with where each starts (for marking them). */
export function wordsOf(text: string): { word: string; index: number }[] {
  return [...text.matchAll(WORD)].map((match) => ({ word: match[0], index: match.index }));
}

/**
 * Stems words, remembering each word's stem: an article has a few hundred distinct words among
 * its thousand, and the stemmer is the costly part. One per build (or per page in the browser).
 */
export class SearchStemmer {
  #stems = new Map<string, string | null>();

  /** The indexed stem of a word, or null for a word search ignores (one character, a function word). */
  stem(word: string): string | null {
    let stem = this.#stems.get(word);
    if (stem === undefined) {
      const folded = foldWord(word);
      stem = folded.length < 2 || STOP_WORDS.has(folded) ? null : stemmer(folded);
      this.#stems.set(word, stem);
    }
    return stem;
  }

  /** Every indexed stem of a text, in order, repeated as often as its words. */
  stems(text: string): string[] {
    const stems: string[] = [];
    for (const [word] of text.matchAll(WORD)) {
      const stem = this.stem(word);
      if (stem !== null) stems.push(stem);
    }
    return stems;
  }
}

/** A query's terms: the stems of its words, and the last word folded, which may be unfinished (as the reader types). */
export interface QueryTerms {
  stems: string[];
  /** The last word as typed so far, folded, when the query does not end with a space: matched as a prefix too. */
  prefix: string | null;
}

/** Under this many characters, an unfinished last word matches only as a whole word (a prefix of two letters matches too much). */
export const MIN_PREFIX = 3;

export function queryTerms(query: string, stemmer: SearchStemmer): QueryTerms {
  const words = [...query.matchAll(WORD)].map((match) => match[0]);
  const stems = [...new Set(words.flatMap((word) => stemmer.stem(word) ?? []))];
  const last = words.at(-1);
  const unfinished = last !== undefined && query.trimEnd().length === query.length && query.endsWith(last);
  const folded = unfinished ? foldWord(last) : "";
  return { stems, prefix: folded.length >= MIN_PREFIX && !STOP_WORDS.has(folded) ? folded : null };
}

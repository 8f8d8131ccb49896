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
// Lowercase ASCII letters and digits only: nothing to fold.
const PLAIN = /^[a-z0-9]*$/;
// Letters of any script and digits; everything else separates words.
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Lowercase, without accents: "Défense" → "defense", "cœur" → "coeur". */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  if (PLAIN.test(lower)) return lower;
  return lower
    .normalize("NFD")
    .replace(MARKS, "")
    .replace(LIGATURES, (letter) => LIGATURE_LETTERS[letter] ?? letter);
}

/**
 * Splits texts into words and stems them, remembering each word's stem: an article has a few
 * hundred distinct words among its thousand, and the stemmer is the costly part. One per build
 * (or per page in the browser). Words are found by a scan of character codes, not a regular
 * expression: matchAll made an object per word, and the index's 2.8 million words at 4000
 * articles spent most of their time there.
 */
export class SearchStemmer {
  #stems = new Map<string, string | null>();
  /** Per UTF-16 code unit beyond ASCII: 0 not yet known, 1 part of a word, 2 not. */
  #kinds = new Uint8Array(65536);

  #isWordCharacter(code: number): boolean {
    if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
    let kind = this.#kinds[code];
    if (kind === 0) {
      kind = WORD_CHARACTER.test(String.fromCharCode(code)) ? 1 : 2;
      this.#kinds[code] = kind;
    }
    return kind === 1;
  }

  /** Calls `found` with each word of `text` and where it starts. */
  eachWord(text: string, found: (word: string, index: number) => void): void {
    let start = -1;
    for (let i = 0; i <= text.length; i += 1) {
      const inWord = i < text.length && this.#isWordCharacter(text.charCodeAt(i));
      if (inWord && start < 0) start = i;
      else if (!inWord && start >= 0) {
        found(text.slice(start, i), start);
        start = -1;
      }
    }
  }

  /** The words of a text as they are written, in order, with where each starts (for marking them). */
  words(text: string): { word: string; index: number }[] {
    const words: { word: string; index: number }[] = [];
    this.eachWord(text, (word, index) => words.push({ word, index }));
    return words;
  }

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

  /** Calls `found` with every indexed stem of a text, in order, as often as its words. */
  eachStem(text: string, found: (stem: string) => void): void {
    this.eachWord(text, (word) => {
      const stem = this.stem(word);
      if (stem !== null) found(stem);
    });
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
  const words = stemmer.words(query);
  const stems = [...new Set(words.flatMap(({ word }) => stemmer.stem(word) ?? []))];
  const last = words.at(-1);
  const unfinished = last !== undefined && last.index + last.word.length === query.length;
  const folded = unfinished ? foldWord(last.word) : "";
  return { stems, prefix: folded.length >= MIN_PREFIX && !STOP_WORDS.has(folded) ? folded : null };
}

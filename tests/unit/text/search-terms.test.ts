import { describe, expect, it } from "vitest";
import { foldWord, queryTerms, SearchStemmer } from "../../../scripts/text/search-terms.ts";

const stems = (text: string) => {
  const found: string[] = [];
  new SearchStemmer().eachStem(text, (stem) => found.push(stem));
  return found;
};

describe("foldWord", () => {
  it("lowercases and drops accents and ligatures", () => {
    expect(foldWord("Défense")).toBe("defense");
    expect(foldWord("ÉLYSÉE")).toBe("elysee");
    expect(foldWord("cœur")).toBe("coeur");
    expect(foldWord("Noël")).toBe("noel");
    expect(foldWord("plain")).toBe("plain");
  });
});

describe("SearchStemmer", () => {
  it("gives a word and its plural, feminine or accented forms one stem", () => {
    const stemmer = new SearchStemmer();
    expect(stemmer.stem("militaires")).toBe(stemmer.stem("militaire"));
    expect(stemmer.stem("defense")).toBe(stemmer.stem("Défense"));
    expect(stemmer.stem("Défenses")).toBe(stemmer.stem("défense"));
    expect(stemmer.stem("chinoise")).toBe(stemmer.stem("chinois"));
    expect(stemmer.stem("élections")).toBe(stemmer.stem("election"));
    expect(stemmer.stem("militaire")).not.toBe(stemmer.stem("ministre"));
  });

  it("splits words at apostrophes, hyphens and every kind of space, and leaves out function words and single letters", () => {
    expect(stems("l’armée")).toEqual(stems("armée"));
    expect(stems("L'Armée")).toEqual(stems("armée"));
    expect(stems("état\u2011major")).toEqual(stems("état major"));
    expect(stems("3\u202F000 militaires")).toEqual(stems("3 000 militaires"));
    expect(stems("de la Défense\u00A0:")).toEqual(stems("Défense"));
    expect(stems("le la les un une des du de et à")).toEqual([]);
  });

  it("finds the words of any script and where they start", () => {
    const stemmer = new SearchStemmer();
    expect(stemmer.words("« Московский » 2024 — Tōkyō")).toEqual([
      { word: "Московский", index: 2 },
      { word: "2024", index: 15 },
      { word: "Tōkyō", index: 22 },
    ]);
  });
});

describe("queryTerms", () => {
  const stemmer = new SearchStemmer();
  it("gives the stems of the query's words, once each", () => {
    expect(queryTerms("Militaires militaire ", stemmer)).toEqual({ stems: [stemmer.stem("militaire")], prefix: null });
  });

  it("takes the last word, while unfinished, as a prefix too: three letters at least", () => {
    expect(queryTerms("coopération milit", stemmer).prefix).toBe("milit");
    expect(queryTerms("Défen", stemmer).prefix).toBe("defen");
    expect(queryTerms("mi", stemmer).prefix).toBeNull();
    expect(queryTerms("milit ", stemmer).prefix).toBeNull();
    expect(queryTerms("milit.", stemmer).prefix).toBeNull();
  });

  it("gives nothing for a query of function words", () => {
    expect(queryTerms("de la", stemmer)).toEqual({ stems: [], prefix: null });
  });
});

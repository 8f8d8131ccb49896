import { describe, expect, it } from "vitest";
import { excerptOf } from "../../../scripts/browser/search-engine.ts";
import { queryTerms, SearchStemmer } from "../../../scripts/text/search-terms.ts";

const marked = (text: string, query: string) => {
  const stemmer = new SearchStemmer();
  return excerptOf(text, queryTerms(query, stemmer), stemmer)
    .map((part) => (part.marked ? `[${part.text}]` : part.text))
    .join("");
};

describe("excerptOf", () => {
  it("marks every form of the query's words, accents or not", () => {
    expect(marked("Les militaires de la Défense.", "militaire defense")).toBe("Les [militaires] de la [Défense].");
  });

  it("marks the words the unfinished last word begins", () => {
    expect(marked("La coopération militaire.", "coopération milit")).toBe("La [coopération] [militaire].");
  });

  it("cuts around the first match, with an ellipsis where text was left out", () => {
    const words = Array.from({ length: 80 }, (_, index) => `mot${index}`);
    words[40] = "Genève";
    const excerpt = marked(words.join(" "), "geneve");
    expect(excerpt.startsWith("… mot30 ")).toBe(true);
    expect(excerpt).toContain("[Genève]");
    expect(excerpt.endsWith(" …")).toBe(true);
  });

  it("shows the text's start when no word of it matches (the match was in the headline)", () => {
    expect(marked("Un texte court.", "militaire")).toBe("Un texte court.");
  });

  it("keeps text as text: markup in it is never marked up", () => {
    expect(marked("<img src=x onerror=alert(1)> militaire", "militaire")).toBe(
      "<img src=x onerror=alert(1)> [militaire]",
    );
  });
});

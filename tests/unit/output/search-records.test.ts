import { describe, expect, it } from "vitest";
import { plainText, searchRecord } from "../../../scripts/output/search-records.ts";
import { SearchStemmer } from "../../../scripts/text/search-terms.ts";
import { makeArticle } from "../../helpers/articles.ts";

describe("plainText", () => {
  it("keeps the text of an article body, one line a block, entities decoded, no markup", () => {
    expect(
      plainText(
        '<h2 id="x">Un <em>titre</em></h2><p>A &amp; B &lt;script&gt; &#233;t&#xE9;</p><blockquote><p>« Cité »</p></blockquote><figure><picture><img src="/a.jpg" alt="Une photo"></picture><figcaption>Légende</figcaption></figure>',
      ),
    ).toBe("Un titre\nA & B <script> été\n« Cité »\nLégende");
  });
});

describe("searchRecord", () => {
  const article = makeArticle({
    title: "Les militaires en exercice",
    tags: ["Défense"],
    authors: ["claire-martin"],
    body: "Le ministère confirme l’exercice.\n\n## Les moyens\n\nDes militaires et des moyens.\n",
  });
  const stemmer = new SearchStemmer();
  const record = searchRecord(article, stemmer);
  const weight = (word: string) => record.terms.find(([stem]) => stem === stemmer.stem(word))?.[1];

  it("weighs every stem of the headline, tags, authors, standfirst and body, a headline word most", () => {
    for (const word of ["militaires", "exercice", "défense", "claire", "martin", "chapô", "ministère", "moyens"])
      expect(weight(word), word).toBeGreaterThan(0);
    expect(weight("militaires")).toBeGreaterThan(weight("moyens") as number);
    expect(weight("défense")).toBeGreaterThan(weight("ministère") as number);
    for (const [, value] of record.terms) expect(value).toBeGreaterThanOrEqual(1);
    for (const [, value] of record.terms) expect(value).toBeLessThanOrEqual(255);
  });

  it("shows the headline, section, date and text: standfirst, then body", () => {
    expect(record.document).toEqual({
      url: article.url,
      title: "Les militaires en exercice",
      section: "International",
      date: article.published.short,
      iso: article.published.iso,
      text: "Le chapô de l’article.\nLe ministère confirme l’exercice.\nLes moyens\nDes militaires et des moyens.",
    });
  });

  it("leaves the other words' weights alone when a sentence is added", () => {
    const longer = searchRecord(
      makeArticle({
        title: "Les militaires en exercice",
        tags: ["Défense"],
        authors: ["claire-martin"],
        body: "Le ministère confirme l’exercice.\n\n## Les moyens\n\nDes militaires et des moyens. Un ajout.\n",
      }),
      stemmer,
    );
    const before = new Map(record.terms);
    const changed = longer.terms.filter(([stem, value]) => before.get(stem) !== value).map(([stem]) => stem);
    expect(changed).toEqual([stemmer.stem("ajout")]);
  });
});

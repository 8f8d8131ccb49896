import { describe, expect, it } from "vitest";
import { buildAuthorLists } from "../../../scripts/lists/authors.ts";
import { authors, makeArticle } from "../../helpers/articles.ts";

// Newest first, as the content has them.
const articles = [
  makeArticle({ slug: "trois", date: "2023-04-20T09:00:00+02:00", authors: ["claire-martin", "la-redaction"] }),
  makeArticle({ slug: "deux", date: "2023-04-19T09:00:00+02:00" }),
  makeArticle({ slug: "un", date: "2023-04-18T09:00:00+02:00", authors: ["claire-martin"] }),
];

describe("buildAuthorLists", () => {
  const lists = buildAuthorLists(authors, articles, 1);

  it("lists each author's articles, newest first, over numbered pages below their page", () => {
    expect(lists.authorPages.map((page) => [page.url, page.title, page.items.map((a) => a.slug)])).toEqual([
      ["/auteurs/claire-martin/", "Claire Martin", ["trois"]],
      ["/auteurs/claire-martin/page/2/", "Claire Martin – page 2", ["un"]],
      ["/auteurs/la-redaction/", "La Rédaction", ["trois"]],
    ]);
  });

  it("says who the author is on each of their pages, under « Auteurs » in the trail", () => {
    const [first, second] = lists.authorPages;
    expect(first).toMatchObject({
      kind: "author",
      heading: "Claire Martin",
      description: "Claire Martin suit la diplomatie.",
      crumbs: [{ name: "Auteurs", url: "/auteurs/" }],
      showSection: true,
      profile: authors[0],
    });
    expect(second?.profile).toBe(authors[0]);
    expect(second?.description).toBe("Claire Martin suit la diplomatie. – page 2");
  });

  it("gives an author without articles yet a page of their own", () => {
    const none = buildAuthorLists(authors, [articles[1]!], 20);
    expect(none.authorPages.map((page) => [page.url, page.items.length])).toEqual([
      ["/auteurs/claire-martin/", 0],
      ["/auteurs/la-redaction/", 0],
    ]);
  });

  it("makes the index of authors, with their roles and counts, and names it for the footer", () => {
    expect(lists.authorIndex).toEqual([
      {
        url: "/auteurs/",
        title: "Auteurs",
        description: "Les journalistes et les services de la rédaction qui signent les articles.",
        authors: [
          {
            name: "Claire Martin",
            role: "Journaliste, service International",
            url: "/auteurs/claire-martin/",
            articleCount: 2,
          },
          { name: "La Rédaction", role: "Signature collective", url: "/auteurs/la-redaction/", articleCount: 1 },
        ],
      },
    ]);
    expect(lists.crumbs).toEqual([{ name: "Auteurs", url: "/auteurs/" }]);
  });

  it("makes nothing when no author is declared", () => {
    expect(buildAuthorLists([], articles, 20)).toEqual({ authorPages: [], authorIndex: [], crumbs: [] });
  });
});

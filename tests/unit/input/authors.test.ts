import { describe, expect, it } from "vitest";
import { authorsOf, bylineOf, linkLabel } from "../../../scripts/input/authors.ts";
import type { AuthorEntry } from "../../../scripts/input/schema.ts";

const FILE = "_data/authors.yaml";
const ARTICLE = "src/articles/international/2023-04-18-un-titre.md";

const entry = (slug: string, name: string, extra: Partial<AuthorEntry> = {}): AuthorEntry => ({
  slug,
  name,
  role: "Journaliste",
  bio: "Une courte biographie.",
  kind: "person",
  links: [],
  ...extra,
});

const { authors } = authorsOf(
  [
    entry("claire-martin", "Claire Martin", { links: ["https://x.example/claire_martin"] }),
    entry("jean-dupont", "Jean Dupont"),
    entry("marie-curie", "Marie Curie"),
    entry("la-redaction", "La Rédaction", { kind: "organization" }),
  ],
  FILE,
);

/** The byline as « Par … » reads it, with [brackets] around the linked names. */
const shown = (meta: { author?: string; authors?: string[] }) => {
  const { byline, problems } = bylineOf(meta, authors, ARTICLE);
  expect(problems).toEqual([]);
  return byline.parts.map((part) => (part.url ? `[${part.text}](${part.url})` : part.text)).join("");
};

describe("authorsOf", () => {
  it("gives each author their page, typeset text and labelled links", () => {
    const {
      authors: [claire],
      problems,
    } = authorsOf(
      [
        entry("claire-martin", "Claire Martin", {
          bio: "Elle suit l'Europe : Bruxelles, Strasbourg.",
          links: ["https://www.claire.example/"],
        }),
      ],
      FILE,
    );
    expect(problems).toEqual([]);
    expect(claire).toEqual({
      slug: "claire-martin",
      name: "Claire Martin",
      role: "Journaliste",
      bio: "Elle suit l\u2019Europe\u00A0: Bruxelles, Strasbourg.",
      kind: "person",
      url: "/auteurs/claire-martin/",
      links: [{ url: "https://www.claire.example/", label: "claire.example" }],
    });
  });

  it("refuses the slug « page »: /auteurs/page/ is where the index's numbered pages go", () => {
    expect(authorsOf([entry("jean", "Jean"), entry("page", "Page Dupont")], FILE).problems).toEqual([
      {
        file: FILE,
        field: "authors.1.slug",
        message:
          '"page" gives the URL /auteurs/page/, where the numbered pages of /auteurs/ go (/auteurs/page/2/); expected another slug',
      },
    ]);
  });
});

describe("linkLabel", () => {
  it("shows an address without its scheme, www. or final slash", () => {
    expect(linkLabel("https://www.linkedin.com/in/claire-martin/")).toBe("linkedin.com/in/claire-martin");
    expect(linkLabel("http://exemple.fr")).toBe("exemple.fr");
    expect(linkLabel("https://mastodon.example/@claire?lang=fr")).toBe("mastodon.example/@claire?lang=fr");
  });
});

describe("bylineOf", () => {
  it("links each named author to their page and joins the names in French", () => {
    expect(shown({ authors: ["claire-martin"] })).toBe("[Claire Martin](/auteurs/claire-martin/)");
    expect(shown({ authors: ["claire-martin", "jean-dupont"] })).toBe(
      "[Claire Martin](/auteurs/claire-martin/) et [Jean Dupont](/auteurs/jean-dupont/)",
    );
    expect(shown({ authors: ["claire-martin", "jean-dupont", "marie-curie"] })).toBe(
      "[Claire Martin](/auteurs/claire-martin/), [Jean Dupont](/auteurs/jean-dupont/) et [Marie Curie](/auteurs/marie-curie/)",
    );
  });

  it("keeps a free byline, alone or after the names", () => {
    expect(shown({ author: "La Rédaction" })).toBe("La Rédaction");
    expect(shown({ authors: ["claire-martin"], author: "avec AFP" })).toBe(
      "[Claire Martin](/auteurs/claire-martin/) avec AFP",
    );
    const { byline } = bylineOf({ author: "Service d'infos" }, authors, ARTICLE);
    expect(byline.credit).toBe("Service d\u2019infos");
    expect(byline.authors).toEqual([]);
  });

  it("keeps what JSON-LD and feeds need of each author, in the front matter's order", () => {
    const { byline } = bylineOf({ authors: ["la-redaction", "claire-martin"] }, authors, ARTICLE);
    expect(byline.authors).toEqual([
      { slug: "la-redaction", name: "La Rédaction", url: "/auteurs/la-redaction/", kind: "organization", sameAs: [] },
      {
        slug: "claire-martin",
        name: "Claire Martin",
        url: "/auteurs/claire-martin/",
        kind: "person",
        sameAs: ["https://x.example/claire_martin"],
      },
    ]);
  });

  it("names an unknown slug with the author it probably meant", () => {
    expect(bylineOf({ authors: ["claire-martn"] }, authors, ARTICLE).problems).toEqual([
      {
        file: ARTICLE,
        field: "authors.0",
        message: '"claire-martn" is not an author of authors.yaml; did you mean `claire-martin`?',
      },
    ]);
  });

  it("lists the declared authors when no slug is close, and says when none is declared", () => {
    expect(bylineOf({ authors: ["jean-dupont", "inconnu"] }, authors, ARTICLE).problems).toEqual([
      {
        file: ARTICLE,
        field: "authors.1",
        message:
          '"inconnu" is not an author of authors.yaml; expected one of claire-martin, jean-dupont, marie-curie, la-redaction',
      },
    ]);
    expect(bylineOf({ authors: ["claire-martin"] }, [], ARTICLE).problems[0]?.message).toBe(
      '"claire-martin" is not an author: authors.yaml declares none; expected a slug declared there',
    );
  });

  it("refuses an author named twice", () => {
    expect(bylineOf({ authors: ["jean-dupont", "jean-dupont"] }, authors, ARTICLE).problems).toEqual([
      { file: ARTICLE, field: "authors.1", message: '"jean-dupont" is named twice; expected each author once' },
    ]);
  });
});

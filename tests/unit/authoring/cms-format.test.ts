import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryProblems, fromFile, SOURCE_KEY, toFile } from "../../../scripts/authoring/cms-format.ts";
import { ROOT } from "../../helpers/build.ts";

const SEED = readFileSync(
  path.join(ROOT, "src/articles/international/2023-04-18-li-shangfu-moscou-cooperation-militaire.md"),
  "utf8",
);

describe("fromFile and toFile", () => {
  it("gives back the file untouched when nothing changed, whatever the CMS adds empty", () => {
    const data = fromFile(SEED);
    expect(data.title).toMatch(/^À Moscou/);
    expect(data.body).toMatch(/^Le ministre chinois/);
    expect(toFile(data)).toBe(SEED);
    expect(toFile({ ...data, draft: false, corrections: [], image: { src: "", alt: "", focus: {} }, author: "" })).toBe(
      SEED,
    );
  });

  it("changes one word of one field and nothing else", () => {
    const data = fromFile(SEED);
    const title = String(data.title).replace("renforcer", "consolider");
    expect(toFile({ ...data, title })).toBe(SEED.replace("promet de renforcer", "promet de consolider"));
    const body = String(data.body).replace("affiché mardi", "affiché lundi");
    expect(toFile({ ...data, body })).toBe(SEED.replace("affiché mardi", "affiché lundi"));
  });

  it("rewrites a changed field in its old style, keeping its neighbours' text", () => {
    const data = fromFile(SEED);
    const out = toFile({ ...data, tags: [...(data.tags as string[]), "Asie"], standfirst: "Un chapô plus court." });
    expect(out).toContain("tags: [ Chine, Russie, Défense, Guerre en Ukraine, Asie ]\n");
    expect(out).toContain("standfirst: >-\n  Un chapô plus court.\n");
    expect(out).toContain("date: 2023-04-18T14:05:00+02:00\nmodified: 2023-04-18T16:30:00+02:00\n");
    expect(out).toContain("authors: [la-redaction]\n");
  });

  it("removes a field emptied, adds a field given", () => {
    const data = fromFile(SEED);
    const out = toFile({ ...data, modified: "", author: "avec AFP" });
    expect(out).not.toContain("modified:");
    expect(out).toMatch(/tags: \[Chine, Russie, Défense, Guerre en Ukraine\]\nauthor: avec AFP\n---\n/);
  });

  it("writes a new entry in the form's order, without its empty fields", () => {
    const out = toFile(
      {
        draft: false,
        tags: [],
        title: "Titre : suite",
        date: "2024-03-01T10:00:00+01:00",
        image: { src: "", alt: "" },
        body: "Texte.\n",
      },
      ["title", "date", "tags", "draft", "image", "body"],
    );
    expect(out).toBe('---\ntitle: "Titre : suite"\ndate: 2024-03-01T10:00:00+01:00\ndraft: false\n---\n\nTexte.\n');
    expect(fromFile(out)).toMatchObject({ title: "Titre : suite", body: "Texte.\n", [SOURCE_KEY]: out });
  });
});

describe("entryProblems", () => {
  const article = { ...fromFile(SEED) };
  it("accepts what the build accepts", () => {
    expect(entryProblems("article", article)).toEqual([]);
  });

  it("says what the form cannot: a photo without its credit, a byline missing, modified before date", () => {
    expect(entryProblems("article", { ...article, image: { src: "a.jpg", alt: "Une photo" } })).toEqual([
      "image.credit: is missing; expected the photographer and agency (e.g. Alexander Zemlianichenko / AP)",
    ]);
    expect(entryProblems("article", { ...article, authors: [] })[0]).toMatch(/^author: is missing/);
    expect(entryProblems("article", { ...article, modified: "2023-04-18T10:00:00+02:00" })[0]).toMatch(
      /^modified: "2023-04-18T10:00:00\+02:00" is before the publication date/,
    );
  });

  it("checks authors.yaml and pages with their own schemas", () => {
    expect(
      entryProblems("authors", {
        authors: [
          { slug: "a", name: "A", role: "R", bio: "B" },
          { slug: "a", name: "A", role: "R", bio: "B" },
        ],
      }),
    ).toEqual(['authors.1.slug: "a" is declared twice; expected unique author slugs']);
    expect(entryProblems("page", { title: "Contact", description: "Nous joindre.", body: "x" })).toEqual([]);
  });
});

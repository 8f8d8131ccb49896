import { describe, expect, it } from "vitest";
import {
  type Article,
  articleProblemsWithoutMetadata,
  excerpt,
  parseArticle,
  withBodyReplaced,
} from "../../../scripts/input/article.ts";
import { authorsOf } from "../../../scripts/input/authors.ts";
import { formatProblem } from "../../../scripts/input/content-error.ts";
import type { Settings } from "../../../scripts/input/schema.ts";
import { articleUrl } from "../../../scripts/input/urls.ts";
import { publisher } from "../../helpers/articles.ts";
import { doublingCost, LINEAR_LIMIT } from "../../helpers/scaling.ts";

const settings: Settings = { homeArticleCount: 10, wordsPerMinute: 230, pageSize: 20 };
const context = { publisher, settings };

const source = (frontMatter: string, body = "Premier paragraphe de l'article.\n") =>
  new TextEncoder().encode(`---\n${frontMatter}\n---\n\n${body}`);

const valid = [
  'title: "Un titre: vraiment?"',
  "standfirst: Le chapô.",
  "date: 2023-04-18T14:05:00+02:00",
  "section: international",
  "author: La Rédaction",
  "tags: [Chine, Russie]",
].join("\n");

const file = "src/articles/international/2023-04-18-un-titre.md";

describe("parseArticle", () => {
  it("builds the article model", () => {
    const result = parseArticle(file, source(valid), context);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { article } = result;
    expect(article.slug).toBe("un-titre");
    expect(article.url).toBe("/international/un-titre/");
    expect(article.section).toEqual({ slug: "international", name: "International", url: "/international/" });
    expect(article.title).toBe("Un titre\u00A0: vraiment\u202F?");
    expect(article.tags).toEqual([
      { name: "Chine", slug: "chine", url: "/sujets/chine/" },
      { name: "Russie", slug: "russie", url: "/sujets/russie/" },
    ]);
    expect(article.published.iso).toBe("2023-04-18T14:05:00+02:00");
    expect(article.modified).toBeNull();
    expect(article.updated).toEqual(article.published);
    expect(article.wordCount).toBe(4);
    expect(article.readingMinutes).toBe(1);
    expect(article.bodyHtml).toBe("<p>Premier paragraphe de l\u2019article.</p>");
    expect(article.draft).toBe(false);
  });

  it("shows a modification only when it is later than publication", () => {
    const same = parseArticle(file, source(`${valid}\nmodified: 2023-04-18T12:05:00Z`), context);
    expect(same.ok && same.article.modified).toBeNull();
    const later = parseArticle(file, source(`${valid}\nmodified: 2023-04-19T09:00:00+02:00`), context);
    expect(later.ok && later.article.modified?.iso).toBe("2023-04-19T09:00:00+02:00");
    expect(later.ok && later.article.updated.iso).toBe("2023-04-19T09:00:00+02:00");
  });

  it("reads files with a BOM and CRLF line endings", () => {
    const text = `\uFEFF---\r\n${valid.replace(/\n/g, "\r\n")}\r\n---\r\n\r\nPremier paragraphe.\r\n`;
    const result = parseArticle(file, new TextEncoder().encode(text), context);
    expect(result.ok).toBe(true);
  });

  it("names the file and field of each problem", () => {
    const result = parseArticle(
      file,
      source(valid.replace("date: 2023-04-18T14:05:00+02:00", 'date: "18/04/2023"').replace("title:", "tittle:")),
      context,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file, field: "title", message: expect.stringContaining("missing") }),
        expect.objectContaining({ file, field: "tittle", message: expect.stringContaining("not a known field") }),
        expect.objectContaining({
          file,
          field: "date",
          message: '"18/04/2023" is not an ISO 8601 date-time with offset (e.g. 2023-04-18T14:05:00+02:00)',
        }),
      ]),
    );
  });

  it("rejects a section the publisher does not declare", () => {
    const result = parseArticle(file, source(valid.replace("section: international", "section: sport")), context);
    expect(!result.ok && result.problems[0]).toMatchObject({
      field: "section",
      message: expect.stringContaining("sport"),
    });
  });

  it("rejects a file name whose date disagrees with the publication date", () => {
    const result = parseArticle("src/articles/international/2023-04-17-un-titre.md", source(valid), context);
    expect(!result.ok && result.problems[0]).toMatchObject({ field: "date" });
  });

  it("rejects an empty body and a level-1 heading", () => {
    const empty = parseArticle(file, source(valid, "\n\n"), context);
    expect(!empty.ok && empty.problems[0]).toMatchObject({ field: "body", message: expect.stringContaining("empty") });
    const h1 = parseArticle(file, source(valid, "# Titre\n\nTexte.\n"), context);
    expect(!h1.ok && h1.problems[0]).toMatchObject({ field: "body", message: expect.stringContaining("line 10") });
  });
});

describe("authors and corrections", () => {
  const { authors } = authorsOf(
    [{ slug: "claire-martin", name: "Claire Martin", role: "Journaliste", bio: "Bio.", kind: "person", links: [] }],
    "_data/authors.yaml",
  );
  const signed = valid.replace("author: La Rédaction", "authors: [claire-martin]\nauthor: avec AFP");

  it("signs the article with its named authors, linked, then the free byline", () => {
    const result = parseArticle(file, source(signed), { ...context, authors });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.article.byline).toEqual([
      { text: "Claire Martin", url: "/auteurs/claire-martin/" },
      { text: " avec AFP" },
    ]);
    expect(result.article.authors.map((author) => author.url)).toEqual(["/auteurs/claire-martin/"]);
    expect(result.article.credit).toBe("avec AFP");
  });

  it("reports an author that authors.yaml does not declare", () => {
    const result = parseArticle(file, source(signed.replace("[claire-martin]", "[claire-martine]")), {
      ...context,
      authors,
    });
    expect(!result.ok && result.problems).toEqual([
      {
        file,
        field: "authors.0",
        message: '"claire-martine" is not an author of authors.yaml; did you mean `claire-martin`?',
      },
    ]);
  });

  it("dates the update at least at the latest correction, and keeps a later modification", () => {
    const corrected = `${valid}\ncorrections:\n  - date: 2023-04-18T16:30:00+02:00\n    text: Un nom était mal écrit.`;
    const result = parseArticle(file, source(corrected), context);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.article.modified?.iso).toBe("2023-04-18T16:30:00+02:00");
    expect(result.article.updated.iso).toBe("2023-04-18T16:30:00+02:00");
    expect(result.article.corrections.map((correction) => correction.when)).toEqual([
      "18\u00A0avril 2023 à 16\u00A0h\u00A030",
    ]);
    const earlier = parseArticle(file, source(`${corrected}\nmodified: 2023-04-18T15:00:00+02:00`), context);
    expect(earlier.ok && earlier.article.modified?.iso).toBe("2023-04-18T16:30:00+02:00");
    const later = parseArticle(file, source(`${corrected}\nmodified: 2023-04-19T08:00:00+02:00`), context);
    expect(later.ok && later.article.modified?.iso).toBe("2023-04-19T08:00:00+02:00");
    // A git date later than the correction wins too (front matter has no `modified`).
    const committed = parseArticle(file, source(corrected), { ...context, committed: "2023-04-20T10:00:00+02:00" });
    expect(committed.ok && committed.article.modified?.iso).toBe("2023-04-20T10:00:00+02:00");
  });

  it("reports a correction dated before the article", () => {
    const early = `${valid}\ncorrections:\n  - date: 2023-04-17T09:00:00+02:00\n    text: Trop tôt.`;
    const result = parseArticle(file, source(early), context);
    expect(!result.ok && result.problems.map((problem) => `${problem.field}: ${problem.message}`)).toEqual([
      'corrections.0.date: "2023-04-17T09:00:00+02:00" is before the publication date "2023-04-18T14:05:00+02:00"; expected the same time or later',
    ]);
  });
});

describe("every problem of a file at once", () => {
  const problemsOf = (path: string, text: string) => {
    const result = parseArticle(path, new TextEncoder().encode(text), context);
    if (result.ok) throw new Error("accepted");
    return result.problems.map(formatProblem);
  };

  it("reports a missing field, a level-1 heading and a forbidden link together", () => {
    const text = valid.replace(/^title: .*$/m, "");
    expect(problemsOf(file, `---\n${text}\n---\n\n# Titre\n\n[Clic](javascript:alert(1))\n`)).toEqual([
      `${file}: title: is missing; expected a headline of at most 110 characters`,
      `${file}: body: line 10: a level-1 heading (#); expected ## for subheadings, the headline comes from title`,
      `${file}: body: "javascript:alert(1)" is not an allowed link; expected an http(s)://, mailto:, root-relative (/…) or #fragment URL`,
    ]);
  });

  it("checks the fields that are valid when others are not: date against file name, section, tags", () => {
    const text = valid
      .replace(/^title: .*$/m, "title: [une, liste]")
      .replace("section: international", "section: sport")
      .replace("tags: [Chine, Russie]", "tags: [Chine, chine, «»]");
    expect(problemsOf("src/articles/international/2023-04-17-un-titre.md", `---\n${text}\n---\n\n# T\n`)).toEqual([
      "src/articles/international/2023-04-17-un-titre.md: title: a list (2 items) is not a headline of at most 110 characters",
      'src/articles/international/2023-04-17-un-titre.md: section: "sport" is not a declared section; expected one of international, economie',
      'src/articles/international/2023-04-17-un-titre.md: date: "2023-04-18T14:05:00+02:00" is 2023-04-18 in Europe/Paris, but the file name says 2023-04-17; expected them to agree',
      'src/articles/international/2023-04-17-un-titre.md: tags.1: "chine" repeats "Chine"; expected each tag once',
      'src/articles/international/2023-04-17-un-titre.md: tags.2: "«»" has no letters or digits; expected a word',
      "src/articles/international/2023-04-17-un-titre.md: body: line 10: a level-1 heading (#); expected ## for subheadings, the headline comes from title",
    ]);
  });

  it("checks the body of a file whose name, front matter and bytes are all wrong", () => {
    const bytes = Uint8Array.from("---\ntitle: caf\u00e9\n---\n\n# T\u0007\n", (c) => c.charCodeAt(0));
    const result = parseArticle("src/articles/international/sans-date.md", bytes, context);
    expect(!result.ok && result.problems.map((p) => p.field)).toEqual([
      "(file name)",
      "(file)",
      "body",
      "standfirst",
      "date",
      "section",
      "author",
      "body",
    ]);
  });

  it("checks what it can without the publisher's metadata (when that has problems of its own)", () => {
    const text = valid.replace("section: international", "section: sport");
    const { problems } = articleProblemsWithoutMetadata(file, new TextEncoder().encode(`---\n${text}\n---\n\n# T\n`));
    expect(problems.map(formatProblem)).toEqual([
      `${file}: body: line 10: a level-1 heading (#); expected ## for subheadings, the headline comes from title`,
    ]);
  });

  it("refuses control characters written raw or as YAML escapes", () => {
    const text = valid.replace("standfirst: Le chapô.", 'standfirst: "Le\\x07 chapô."');
    expect(problemsOf(file, `---\n${text}\n---\n\nUn\u0000 texte.\n`)).toEqual([
      `${file}: body: line 10: U+0000, a control character; expected text without control characters (tabs and line breaks are fine)`,
      `${file}: standfirst: holds U+0007, a control character; expected text without control characters`,
    ]);
  });
});

describe("text typed with combining accents", () => {
  const decomposed = (text: string) => text.normalize("NFD");
  const headline = `Élysée : ${"é".repeat(100)}`;

  it("counts, slugs and tags as the same text typed precomposed", () => {
    expect(headline).toHaveLength(109);
    expect(decomposed(headline)).toHaveLength(211);
    const parse = (text: string) => {
      const tag = text.slice(0, text.indexOf(" "));
      const frontMatter = valid.replace('title: "Un titre: vraiment?"', `title: "${text}"`).replace("Chine", tag);
      const result = parseArticle(file, source(frontMatter), context);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return result.article;
    };
    const composed = parse(headline);
    const typed = parse(decomposed(headline));
    expect(typed.title).toBe(composed.title);
    expect(typed.tags).toEqual(composed.tags);
    expect(typed.tags[0]).toMatchObject({ name: "Élysée", slug: "elysee" });
    expect(typed.tags[0]?.name).toHaveLength(6);
  });

  it("refuses a decomposed headline over 110 characters by its composed length", () => {
    const long = decomposed(`${headline}ée`);
    const result = parseArticle(
      file,
      source(valid.replace('title: "Un titre: vraiment?"', `title: "${long}"`)),
      context,
    );
    expect(!result.ok && result.problems[0]?.message).toMatch(/is 111 characters long; expected at most 110$/);
  });
});

describe("links and images in the body", () => {
  it("rejects javascript: and data: links and images from another origin, naming them", () => {
    const result = parseArticle(
      file,
      source(valid, "[Clic](javascript:alert(1)) ![Pisteur](https://tracker.example/p.gif)\n"),
      context,
    );
    expect(!result.ok && result.problems).toEqual([
      {
        file,
        field: "body",
        message:
          '"javascript:alert(1)" is not an allowed link; expected an http(s)://, mailto:, root-relative (/…) or #fragment URL',
      },
      {
        file,
        field: "body",
        message:
          '"https://tracker.example/p.gif" is not an allowed image; expected a photo file beside the article, or a root-relative path (/…): pages load nothing from another origin',
      },
    ]);
  });
});

describe("articleUrl", () => {
  it("nests the slug under its section", () => {
    expect(articleUrl("international", "li-shangfu")).toBe("/international/li-shangfu/");
  });
});

describe("excerpt", () => {
  it.each([
    ["one long word", (n: number) => "a".repeat(n)],
    ["long runs of spaces", (n: number) => `a${" \u00A0\t".repeat(n / 3)}b`],
    ["many short words", (n: number) => "a ".repeat(n / 2)],
  ])("takes time linear in the text: %s", (_, textOfSize) => {
    expect(doublingCost((text: string) => excerpt(text), textOfSize)).toBeLessThan(LINEAR_LIMIT);
  });

  it("keeps short text whole", () => {
    expect(excerpt("Court.")).toBe("Court.");
  });

  it("cuts long text at a word boundary with an ellipsis", () => {
    const text = "mot ".repeat(100);
    const cut = excerpt(text, 50);
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(cut.endsWith("mot…")).toBe(true);
  });
});

describe("text that shows nothing", () => {
  const problemsOf = (frontMatter: string, body?: string) => {
    const result = parseArticle(file, source(frontMatter, body), context);
    if (result.ok) throw new Error("accepted");
    return result.problems.map(formatProblem);
  };
  // As YAML escapes, the way they would be pasted from elsewhere.
  const invisible = [
    ["zero-width spaces", "\\u200B\\u200B"],
    ["a word joiner and a zero-width joiner", "\\u2060\\u200D"],
    ["a byte order mark between zero-width spaces", "\\u200B\\uFEFF\\u200B"],
    ["a balanced override around nothing", "\\u202E\\u202C"],
    ["isolates around nothing", "\\u2066\\u2069"],
    ["Hangul fillers", "\\u3164\\u115F"],
    ["a braille blank", "\\u2800"],
  ];

  it.each(invisible)("refuses a headline of %s in one line", (_what, escaped) => {
    expect(problemsOf(valid.replace(/^title: .*$/m, `title: "${escaped}"`))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${file}: title: shows nothing: it is made only of invisible characters \\(U\\+[0-9A-F]{4}.*\\); expected visible text$`,
        ),
      ),
    ]);
  });

  it.each(invisible)("refuses %s as a standfirst, tag, byline, caption, credit, alt text or body", (_what, escaped) => {
    const text = [valid.replace(/^standfirst: .*$/m, `standfirst: "${escaped}"`), `tags: [Chine, "${escaped}"]`]
      .join("\n")
      .replace(/^author: .*$/m, `author: "${escaped}"`)
      .replace(/^tags: \[Chine, Russie\]$/m, "");
    const photo = `image: { src: absente.jpg, alt: "${escaped}", caption: "${escaped}", credit: "${escaped}" }`;
    const fields = problemsOf(
      `${text}\n${photo}`,
      `${escaped.replace(/\\u([0-9A-F]{4})/g, (_, hex) => String.fromCodePoint(Number.parseInt(hex, 16)))}\n`,
    )
      .filter((line) => line.includes("shows nothing"))
      .map((line) => line.split(": ")[1]);
    expect(fields).toEqual(["standfirst", "author", "tags.1", "image.alt", "image.caption", "image.credit", "body"]);
  });

  it("refuses a bidirectional control left open, and names its code point without printing it", () => {
    const lines = problemsOf(valid.replace(/^title: .*$/m, 'title: "Élysée \\u202Eesyl"'));
    expect(lines).toEqual([
      `${file}: title: "Élysée \\u202eesyl" has a U+202E (right-to-left override) that is never closed; expected each bidirectional control closed (U+202C after U+202A–U+202E, U+2069 after U+2066–U+2068)`,
    ]);
  });

  it("accepts an empty alt text (a decorative photo) and visible text with invisible characters in it", () => {
    const result = parseArticle(file, source(valid.replace(/^title: .*$/m, 'title: "Un\\u200Btitre"')), context);
    expect(result.ok).toBe(true);
  });
});

describe("how much text lists copy", () => {
  const problemsOf = (frontMatter: string) => {
    const result = parseArticle(file, source(frontMatter), context);
    return result.ok ? [] : result.problems.map(formatProblem);
  };

  it("gives the standfirst at most 400 characters, one or two sentences", () => {
    expect(problemsOf(valid.replace(/^standfirst: .*$/m, `standfirst: ${"a".repeat(400)}`))).toEqual([]);
    expect(problemsOf(valid.replace(/^standfirst: .*$/m, `standfirst: ${"a".repeat(1_000_000)}`))).toEqual([
      expect.stringMatching(/: standfirst: "a{57}…" is 1000000 characters long; expected at most 400$/),
    ]);
  });

  it("gives an article at most 12 tags, of at most 60 characters each", () => {
    const tags = (count: number) => `tags: [${Array.from({ length: count }, (_, i) => `Sujet ${i}`).join(", ")}]`;
    expect(problemsOf(valid.replace(/^tags: .*$/m, tags(12)))).toEqual([]);
    expect(problemsOf(valid.replace(/^tags: .*$/m, tags(13)))).toEqual([
      `${file}: tags: is a list of 13 tags; expected at most 12: the topics readers would follow`,
    ]);
    expect(problemsOf(valid.replace(/^tags: .*$/m, `tags: [${"t".repeat(61)}]`))).toEqual([
      expect.stringMatching(/: tags\.0: "t{57}…" is 61 characters long; expected at most 60$/),
    ]);
  });
});

describe("look-alike tags in one article", () => {
  const tagsOf = (tags: string) => {
    const result = parseArticle(file, source(valid.replace(/^tags: .*$/m, `tags: ${tags}`)), context);
    return result.ok ? result.article.tags.map((tag) => tag.url) : result.problems.map(formatProblem);
  };

  it("gives C, C++, C# and Canal+ pages of their own, by spelling out + and # after a letter", () => {
    expect(tagsOf('[C, C++, "C#", Canal+, "#MeToo"]')).toEqual([
      "/sujets/c/",
      "/sujets/c-plus-plus/",
      "/sujets/c-sharp/",
      "/sujets/canal-plus/",
      "/sujets/metoo/",
    ]);
  });

  it("refuses two tags that would share a page while they differ in more than case and accents, naming both", () => {
    expect(tagsOf('[Élysée, "Élysée!", elysee, Jean-Luc, Jean Luc]')).toEqual([
      `${file}: tags.1: "Élysée!" would share the topic page /sujets/elysee/ with "Élysée" (tags.0); expected one of them, or tags that differ in more than case and accents`,
      `${file}: tags.2: "elysee" repeats "Élysée"; expected each tag once`,
      `${file}: tags.4: "Jean Luc" would share the topic page /sujets/jean-luc/ with "Jean-Luc" (tags.3); expected one of them, or tags that differ in more than case and accents`,
    ]);
  });
});

describe("one problem never hides another", () => {
  it("reports every tag's problem, a blank tag's among them", () => {
    const result = parseArticle(
      file,
      source(valid.replace(/^tags: .*$/m, 'tags: ["", Chine, chine, "«»", "\\u200B", Élysée, "Élysée!"]')),
      context,
    );
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      `${file}: tags.0: is empty; expected a tag of at most 60 characters`,
      expect.stringMatching(/: tags\.4: shows nothing/),
      `${file}: tags.2: "chine" repeats "Chine"; expected each tag once`,
      `${file}: tags.3: "«»" has no letters or digits; expected a word`,
      expect.stringMatching(/: tags\.6: "Élysée!" would share the topic page \/sujets\/elysee\/ with "Élysée"/),
    ]);
  });

  it("checks a modification date against the publication date when another field is wrong", () => {
    const text = `${valid.replace(/^title: .*$/m, "title: 42")}\nmodified: 2023-04-17T10:00:00+02:00`;
    const result = parseArticle(file, source(text), context);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/: title: 42 is not a headline/),
      expect.stringMatching(/: modified: "2023-04-17T10:00:00\+02:00" is before the publication date/),
    ]);
  });
});

describe("withBodyReplaced", () => {
  const result = parseArticle(file, source(valid), context);
  const article = (result.ok ? result.article : undefined) as Article;

  it("keeps every other field, in the same order", () => {
    const copy = withBodyReplaced(article, "");
    expect(copy.bodyHtml).toBe("");
    expect(Object.keys(copy)).toEqual(Object.keys(article));
    expect({ ...copy, bodyHtml: article.bodyHtml }).toEqual(article);
  });

  it("does not read a body the content cache reads when asked for", () => {
    let reads = 0;
    const lazy = { ...article };
    Object.defineProperty(lazy, "bodyHtml", {
      enumerable: true,
      get: () => {
        reads += 1;
        return article.bodyHtml;
      },
    });
    expect(withBodyReplaced(lazy, null).bodyHtml).toBeNull();
    expect(reads).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import {
  accessibilityFileSchema,
  articleFrontMatterSchema,
  authorsFileSchema,
  describeValue,
  knownFields,
  publisherSchema,
  settingsSchema,
  toProblems,
  trustPageFrontMatterSchema,
} from "../../../scripts/input/schema.ts";
import { publisher as examplePublisher } from "../../helpers/articles.ts";

const article = {
  title: "Un titre",
  standfirst: "Le chapô.",
  date: "2023-04-18T14:05:00+02:00",
  section: "international",
  author: "La Rédaction",
  tags: ["Chine", "Russie"],
};

const publisher = examplePublisher;

const FILE = "src/articles/international/2023-04-18-un-titre.md";

/** The one-line messages ("field: message") for front matter with `changes` applied. */
function articleProblems(changes: Record<string, unknown>, drop: string[] = []): string[] {
  const input: Record<string, unknown> = { ...article, ...changes };
  for (const key of drop) delete input[key];
  const result = articleFrontMatterSchema.safeParse(input);
  if (result.success) return [];
  return toProblems(FILE, result.error, articleFrontMatterSchema).map((p) => `${p.field}: ${p.message}`);
}

function publisherProblems(edit: (p: Record<string, unknown>) => void): string[] {
  const input = structuredClone(publisher) as Record<string, unknown>;
  edit(input);
  const result = publisherSchema.safeParse(input);
  if (result.success) return [];
  return toProblems("_data/publisher.yaml", result.error, publisherSchema).map((p) => `${p.field}: ${p.message}`);
}

describe("article front matter", () => {
  it("accepts valid front matter and fills defaults", () => {
    const parsed = articleFrontMatterSchema.parse({ ...article, tags: undefined });
    expect(parsed.tags).toEqual([]);
    expect(parsed.draft).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string[], string]>([
    ["a missing headline", {}, ["title"], "title: is missing; expected a headline of at most 110 characters"],
    ["an empty headline", { title: "   " }, [], "title: is empty; expected a headline of at most 110 characters"],
    ["a blank headline (title:)", { title: null }, [], "title: is empty; expected a headline"],
    ["a headline over 110 characters", { title: "é".repeat(111) }, [], "is 111 characters long; expected at most 110"],
    ["a headline that is a number", { title: 2024 }, [], "title: 2024 is not a headline"],
    [
      "a non-ISO date",
      { date: "18/04/2023" },
      [],
      'date: "18/04/2023" is not an ISO 8601 date-time with offset (e.g. 2023-04-18T14:05:00+02:00)',
    ],
    ["an offset-less date", { date: "2023-04-18T14:05:00" }, [], 'date: "2023-04-18T14:05:00" has no UTC offset'],
    ["an impossible date", { date: "2023-02-30T10:00:00+01:00" }, [], "is not a real date and time"],
    ["a date without time", { date: "2023-04-18" }, [], "has no time"],
    ["a missing date", {}, ["date"], "date: is missing; expected an ISO 8601 date-time with offset"],
    [
      "modification before publication",
      { modified: "2023-04-17T09:00:00+02:00" },
      [],
      'modified: "2023-04-17T09:00:00+02:00" is before the publication date',
    ],
    ["tags as one string", { tags: "Chine, Russie" }, [], 'tags: "Chine, Russie" is not a list of tags'],
    ["tags that are numbers", { tags: [1] }, [], "tags.0: 1 is not a tag"],
    ["an empty tag", { tags: ["Chine", ""] }, [], "tags.1: is empty; expected a tag"],
    ["a section that is not a slug", { section: "Économie" }, [], 'section: "Économie" is not a section slug'],
    ["draft as a word", { draft: "oui" }, [], 'draft: "oui" is not true or false'],
    ["a misspelt key", { tittle: "Un titre" }, ["title"], "tittle: is not a known field; did you mean `title`?"],
    ["a capitalised key", { Author: "X" }, ["author"], "Author: is not a known field; did you mean `author`?"],
    [
      "an unknown key",
      { category: "x" },
      [],
      "category: is not a known field; expected one of title, standfirst, date, modified, section, author, authors, tags, draft, corrections",
    ],
  ])("reports %s", (_, changes, drop, expected) => {
    expect(articleProblems(changes, drop)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it("takes named authors, a free byline, or both, and asks for one of them", () => {
    expect(articleProblems({ authors: ["claire-martin"] }, ["author"])).toEqual([]);
    expect(articleProblems({ authors: ["claire-martin"], author: "avec AFP" })).toEqual([]);
    const missing =
      "author: is missing; expected the byline (e.g. La Rédaction) or `authors` (slugs from authors.yaml)";
    expect(articleProblems({}, ["author"])).toEqual([missing]);
    expect(articleProblems({ authors: [] }, ["author"])).toEqual([missing]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["authors as one name", { authors: "claire-martin" }, 'authors: "claire-martin" is not a list of author slugs'],
    [
      "an author's name instead of their slug",
      { authors: ["Claire Martin"] },
      'authors.0: "Claire Martin" is not an author\'s slug from authors.yaml (e.g. claire-martin)',
    ],
    [
      "corrections as one text",
      { corrections: "Une erreur." },
      'corrections: "Une erreur." is not a list of corrections',
    ],
    [
      "a correction without a date",
      { corrections: [{ text: "Une erreur." }] },
      "corrections.0.date: is missing; expected an ISO 8601 date-time with offset",
    ],
    [
      "a correction without text",
      { corrections: [{ date: "2023-04-19T09:00:00+02:00", text: " " }] },
      "corrections.0.text: is empty; expected what was corrected",
    ],
    [
      "a misspelt correction field",
      { corrections: [{ date: "2023-04-19T09:00:00+02:00", text: "x", texte: "y" }] },
      "corrections.0.texte: is not a known field; did you mean `text`?",
    ],
  ])("reports %s", (_, changes, expected) => {
    expect(articleProblems(changes)).toEqual([expect.stringContaining(expected)]);
  });

  it("reports every problem of a file at once", () => {
    const problems = articleProblems({ date: "hier", tags: "x", tittle: "y" }, ["title"]);
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["date", "tags", "title", "tittle"]);
  });

  it("takes live coverage: a start, and an end once it is over", () => {
    expect(articleProblems({ live: { start: "2024-03-05T07:00:00+01:00" } })).toEqual([]);
    expect(articleProblems({ live: { start: "2024-03-05T07:00:00+01:00", end: "2024-03-05T20:00:00+01:00" } })).toEqual(
      [],
    );
  });

  it.each<[string, unknown, string]>([
    ["live without a start", {}, "live.start: is missing; expected an ISO 8601 date-time with offset"],
    ["live: true", true, "live: true is not live coverage (start, and end once it is over)"],
    ["a start without offset", { start: "2024-03-05T07:00" }, 'live.start: "2024-03-05T07:00" has no UTC offset'],
    [
      "an end before the start",
      { start: "2024-03-05T07:00:00+01:00", end: "2024-03-05T06:00:00+01:00" },
      'live.end: "2024-03-05T06:00:00+01:00" is not after live.start "2024-03-05T07:00:00+01:00"; expected the time the coverage ended',
    ],
    ["a misspelt field", { start: "2024-03-05T07:00:00+01:00", fin: "x" }, "live.fin: is not a known field"],
  ])("reports %s", (_, live, expected) => {
    expect(articleProblems({ live })).toEqual([expect.stringContaining(expected)]);
  });

  it("reports front matter that is not a mapping", () => {
    const result = articleFrontMatterSchema.safeParse(["a", "b"]);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toProblems(FILE, result.error)).toEqual([
      {
        file: FILE,
        field: "(file)",
        message: "a list (2 items) is not front matter fields (title, standfirst, date, …)",
      },
    ]);
  });
});

describe("publisher metadata", () => {
  it("accepts the example", () => {
    expect(publisherProblems(() => {})).toEqual([]);
  });

  it.each<[string, (p: Record<string, unknown>) => void, string]>([
    ["a missing name", (p) => delete p.name, "name: is missing; expected the publisher's name"],
    ["a missing URL", (p) => delete p.url, "url: is missing; expected the site's http(s) origin"],
    ["a relative URL", (p) => (p.url = "www.exemple.fr"), 'url: "www.exemple.fr" is not an http(s) origin'],
    [
      "a missing time zone",
      (p) => delete p.timeZone,
      "timeZone: is missing; expected an IANA time zone (e.g. Europe/Paris)",
    ],
    ["an unknown time zone", (p) => (p.timeZone = "Paris"), 'timeZone: "Paris" is not an IANA time zone'],
    ["no sections", (p) => (p.sections = []), "sections: is empty; expected at least one section"],
    [
      "a section twice",
      (p) => (p.sections = [...(p.sections as unknown[]), ...(p.sections as unknown[])]),
      'sections.2.slug: "international" is declared twice',
    ],
    [
      "search: false, where search wants settings",
      (p) => (p.search = false),
      "search: false is not search settings (enabled, engine; `enabled: false` below `search:` turns search off)",
    ],
    ["search on as a word", (p) => (p.search = { enabled: "oui" }), 'search.enabled: "oui" is not true or false'],
    [
      "an outside engine over http",
      (p) => (p.search = { engine: { name: "Moteur", url: "http://moteur.example/", site: "sites" } }),
      'search.engine.url: "http://moteur.example/" is not an https URL',
    ],
    [
      "an outside engine without its site parameter",
      (p) => (p.search = { engine: { name: "Moteur", url: "https://moteur.example/" } }),
      "search.engine.site: is missing; expected the name of the parameter that restricts results to a site",
    ],
    [
      "a page twice",
      (p) => (p.pages = [{ slug: "contact" }, { slug: "contact" }]),
      'pages.1.slug: "contact" is declared twice; expected unique page slugs',
    ],
    [
      "a role given to two pages",
      (p) =>
        (p.pages = [
          { slug: "a", roles: ["masthead"] },
          { slug: "b", roles: ["ethicsPolicy", "masthead"] },
        ]),
      'pages.1.roles: "masthead" is already the role of "a"; expected each role on one page',
    ],
    [
      "an unknown role",
      (p) => (p.pages = [{ slug: "a", roles: ["about"] }]),
      'pages.0.roles.0: "about" is not one of publishingPrinciples, ethicsPolicy, correctionsPolicy, masthead, contactPoint',
    ],
    [
      "an e-mail address without @",
      (p) => (p.email = "redaction.fr"),
      'email: "redaction.fr" is not an e-mail address',
    ],
    [
      "a logo width that is text",
      (p) => ((p.logo as Record<string, unknown>).width = "240px"),
      'logo.width: "240px" is not the logo\'s width in pixels',
    ],
    [
      "a logo without its file",
      (p) => delete (p.logo as Record<string, unknown>).svg,
      "logo.svg: is missing; expected the path of the SVG logo",
    ],
    [
      "a misspelt nested key",
      (p) => ((p.logo as Record<string, unknown>).heigth = 40),
      "logo.heigth: is not a known field; did you mean `height`?",
    ],
    [
      "a misspelt top-level key",
      (p) => {
        p.timezone = p.timeZone;
        delete p.timeZone;
      },
      "timezone: is not a known field; did you mean `timeZone`?",
    ],
    [
      "an IndexNow key too short",
      (p) => {
        p.ping = { indexnow: { key: "abc" } };
      },
      'ping.indexnow.key: "abc" is not an IndexNow key; expected 8 to 128 letters, digits and dashes',
    ],
    [
      "a hub that is not a URL",
      (p) => {
        p.ping = { websub: { hub: "pubsubhubbub" } };
      },
      'ping.websub.hub: "pubsubhubbub" is not a WebSub hub\'s URL',
    ],
  ])("reports %s", (_, edit, expected) => {
    expect(publisherProblems(edit)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it("leaves pings off unless asked, and sends IndexNow to its shared endpoint by default", () => {
    expect(publisherSchema.parse(publisher).ping).toBeUndefined();
    const parsed = publisherSchema.parse({ ...publisher, ping: { indexnow: { key: "0123456789abcdef" } } });
    expect(parsed.ping).toEqual({
      indexnow: { key: "0123456789abcdef", endpoint: "https://api.indexnow.org/indexnow" },
    });
  });
});

describe("the legal notice, privacy and accessibility fields", () => {
  const legal = (changes: Record<string, unknown>) => (p: Record<string, unknown>) => {
    p.legal = { publisher: { kind: "company", ...changes }, ...(changes.top as object) };
  };

  it("accepts a value, a placeholder or nothing yet for each legal field (the legal notice says what is missing)", () => {
    expect(publisherProblems(legal({ name: "Le Quotidien SAS", telephone: { placeholder: "à confirmer" } }))).toEqual(
      [],
    );
    expect(publisherProblems(legal({ name: null }))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      "a kind the law does not know",
      { kind: "sarl" },
      'legal.publisher.kind: "sarl" is not "company" (a company registered at the RCS), "association" (another legal person) or "person"',
    ],
    [
      "a telephone that is not a number",
      { telephone: "à venir" },
      'legal.publisher.telephone: "à venir" is not a telephone number (e.g. +33 1 23 45 67 89)',
    ],
    [
      "a misspelt placeholder",
      { address: { placholder: "x" } },
      "legal.publisher.address: is a mapping but not a placeholder; expected the postal address of the registered office (or of the person's home), or { placeholder: what is still to be given }",
    ],
    [
      "an empty placeholder",
      { address: { placeholder: " " } },
      "legal.publisher.address.placeholder: is empty; expected what is still to be given",
    ],
    [
      "a shareholder below 10 %",
      { shareholders: [{ name: "A", share: 5 }] },
      "legal.publisher.shareholders.0.share: 5 is below 10; expected shareholders holding at least 10 % (loi n° 86-897, art. 5)",
    ],
    ["a misspelt field", { adress: "1 rue" }, "legal.publisher.adress: is not a known field; did you mean `address`?"],
    [
      "a telephone number written as digits alone, which YAML reads as a number",
      { telephone: 123456789 },
      "legal.publisher.telephone: is the number 123456789 (YAML reads unquoted digits as a number, without leading zeros); expected a telephone number (e.g. +33 1 23 45 67 89), in quotes",
    ],
  ])("refuses %s", (_, changes, expected) => {
    expect(publisherProblems(legal(changes))).toEqual([expect.stringContaining(expected)]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      "audience data kept longer than the CNIL allows",
      { retentionMonths: 26 },
      "privacy.audienceMeasurement.retentionMonths: 26 is more than 25; expected at most 25 months, the longest the CNIL's exemption from consent allows",
    ],
    [
      "audience measurement the publisher does not say meets the CNIL's conditions",
      { cnilExemption: false },
      "privacy.audienceMeasurement.cnilExemption: false is not true: the tool meets the CNIL's conditions",
    ],
  ])("refuses %s", (_, changes, expected) => {
    const edit = (p: Record<string, unknown>) => {
      p.privacy = { audienceMeasurement: { tool: "GoAccess", retentionMonths: 13, cnilExemption: true, ...changes } };
    };
    expect(publisherProblems(edit)).toEqual([expect.stringContaining(expected)]);
  });

  it("refuses a status in accessibility.yaml: the status is derived from the audit", () => {
    const result = accessibilityFileSchema.safeParse({ established: "2024-03-10", status: "totalement conforme" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(toProblems("_data/accessibility.yaml", result.error, accessibilityFileSchema)[0]?.message).toMatch(
        /^is not a known field; expected one of established, updated, audit, contact$/,
      );
    }
    expect(accessibilityFileSchema.safeParse({ established: "10/03/2024" }).error?.issues[0]?.message).toBe(
      '"10/03/2024" is not a date YYYY-MM-DD (e.g. 2026-11-20)',
    );
  });
});

describe("authors.yaml", () => {
  const author = { slug: "claire-martin", name: "Claire Martin", role: "Journaliste", bio: "Une biographie." };
  const problems = (authors: unknown) => {
    const result = authorsFileSchema.safeParse({ authors });
    if (result.success) return [];
    return toProblems("_data/authors.yaml", result.error, authorsFileSchema).map((p) => `${p.field}: ${p.message}`);
  };

  it("fills defaults: a person without links", () => {
    expect(authorsFileSchema.parse({ authors: [author] }).authors[0]).toEqual({ ...author, kind: "person", links: [] });
  });

  it.each<[string, unknown, string]>([
    [
      "a slug twice",
      [author, { ...author, name: "Claire Martin-Durand" }],
      'authors.1.slug: "claire-martin" is declared twice; expected unique author slugs',
    ],
    ["a missing name", [{ ...author, name: undefined }], "authors.0.name: is missing; expected the name bylines show"],
    ["a slug with capitals", [{ ...author, slug: "Claire" }], 'authors.0.slug: "Claire" is not an ASCII slug'],
    [
      "a link that is not a URL",
      [{ ...author, links: ["@claire"] }],
      'authors.0.links.0: "@claire" is not an http(s) URL',
    ],
    ["an unknown kind", [{ ...author, kind: "robot" }], 'authors.0.kind: "robot" is not "person" or "organization"'],
    [
      "a long biography",
      [{ ...author, bio: "mot ".repeat(200) }],
      "authors.0.bio: is 799 characters long; expected at most 600",
    ],
    ["a misspelt field", [{ ...author, lnks: [] }], "authors.0.lnks: is not a known field; did you mean `links`?"],
  ])("reports %s", (_, authors, expected) => {
    expect(problems(authors)).toEqual([expect.stringContaining(expected)]);
  });
});

describe("pages about the publisher", () => {
  it("asks for a title and a description; the update date is optional", () => {
    expect(trustPageFrontMatterSchema.safeParse({ title: "Contact", description: "Une phrase." }).success).toBe(true);
    const result = trustPageFrontMatterSchema.safeParse({ title: "Contact", updated: "2024-03-01" });
    expect(!result.success && toProblems("src/pages/contact.md", result.error).map((p) => p.field)).toEqual([
      "description",
      "updated",
    ]);
  });
});

describe("site settings", () => {
  it("defaults every setting", () => {
    expect(settingsSchema.parse({})).toEqual({ homeArticleCount: 10, wordsPerMinute: 230, pageSize: 20 });
  });

  it("rejects a count that is not a whole number", () => {
    const result = settingsSchema.safeParse({ homeArticleCount: 2.5 });
    expect(!result.success && toProblems("_data/settings.yaml", result.error)[0]?.message).toBe(
      "2.5 is not a whole number of articles (e.g. 10)",
    );
  });
});

describe("knownFields", () => {
  it("lists the fields at a path through objects, arrays and defaults", () => {
    expect(knownFields(publisherSchema, ["logo"])).toEqual(["svg", "width", "height"]);
    expect(knownFields(publisherSchema, ["sections", 0])).toEqual(["slug", "name", "description"]);
    expect(knownFields(articleFrontMatterSchema, [])).toContain("standfirst");
    expect(knownFields(articleFrontMatterSchema, ["title"])).toEqual([]);
  });
});

describe("describeValue", () => {
  it.each<[unknown, string]>([
    [undefined, "nothing"],
    ["court", '"court"'],
    ["x".repeat(80), `"${"x".repeat(57)}…"`],
    [[1, 2], "a list (2 items)"],
    [null, "an empty value"],
    [{ a: 1 }, "a mapping"],
    [true, "true"],
  ])("shows %j as %s", (value, shown) => expect(describeValue(value)).toBe(shown));
});

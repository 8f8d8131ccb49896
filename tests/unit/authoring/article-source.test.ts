import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  articlePlace,
  formatArticleSource,
  type NewArticleMeta,
  parseEditorDate,
} from "../../../scripts/authoring/article-source.ts";
import { splitSourceFile } from "../../../scripts/input/source-file.ts";

describe("parseEditorDate", () => {
  it("keeps the instant of an ISO date with offset, shown in the publisher's zone", () => {
    expect(parseEditorDate("2023-04-18T12:05:00Z", "Europe/Paris")).toBe("2023-04-18T14:05:00+02:00");
  });
  it("reads a wall-clock time in the publisher's zone, summer and winter", () => {
    expect(parseEditorDate("2023-04-18 14:05", "Europe/Paris")).toBe("2023-04-18T14:05:00+02:00");
    expect(parseEditorDate("2024-01-05T09:30", "Europe/Paris")).toBe("2024-01-05T09:30:00+01:00");
  });
  it("rejects what is not a date-time", () => {
    expect(parseEditorDate("18/04/2023", "Europe/Paris")).toBeNull();
    expect(parseEditorDate("2023-02-30T10:00", "Europe/Paris")).toBeNull();
  });
});

describe("articlePlace", () => {
  it("puts the file under its section with the Paris day and an ASCII slug", () => {
    // 23:30 UTC on the 18th is already the 19th in Paris.
    expect(
      articlePlace({ title: "Défense : l’œuvre", date: "2023-04-18T23:30:00Z", section: "france" }, "Europe/Paris"),
    ).toEqual({
      relativePath: "france/2023-04-19-defense-l-oeuvre.md",
      slug: "defense-l-oeuvre",
      url: "/france/defense-l-oeuvre/",
    });
  });
  it("uses a chosen slug", () => {
    expect(
      articlePlace({ title: "Un titre", date: "2023-04-18T10:00:00+02:00", section: "france" }, "Europe/Paris", "court")
        .url,
    ).toBe("/france/court/");
  });
});

describe("formatArticleSource", () => {
  it("writes front matter that reads back as the same values", () => {
    const meta = {
      title: "Grève : « tout bloquer » ?",
      standfirst: "Un chapô: avec deux-points et # dièse",
      date: "2023-04-18T14:05:00+02:00",
      section: "france",
      author: "La Rédaction",
      tags: ["Chine", "Guerre en Ukraine", "a, b"],
      draft: true,
    };
    const source = splitSourceFile(Buffer.from(formatArticleSource(meta, "Le texte.")));
    expect(source.ok && source.data).toEqual(meta);
    expect(source.ok && source.body).toBe("\nLe texte.\n");
  });
  it("leaves out draft when false", () => {
    const text = formatArticleSource(
      {
        title: "T",
        standfirst: "S",
        date: "2023-04-18T14:05:00+02:00",
        section: "france",
        author: "A",
        tags: [],
        draft: false,
      },
      "B\n",
    );
    expect(text).not.toContain("draft");
  });
});

/** The front matter as the build reads it. */
function readBack(meta: NewArticleMeta): unknown {
  const source = splitSourceFile(Buffer.from(formatArticleSource(meta, "Le texte.")));
  if (!source.ok) throw new Error(`${source.field}: ${source.message}`);
  return source.data;
}

const meta = (text: string, tags: string[] = [text]): NewArticleMeta => ({
  title: text,
  standfirst: text,
  date: "2023-04-18T14:05:00+02:00",
  section: text,
  author: text,
  tags,
  draft: true,
});

describe("formatArticleSource, given text YAML would read as something else", () => {
  // YAML 1.2 core and 1.1 words for numbers, booleans and null; text that ends a plain scalar
  // (": ", " #"), starts a structure ([, {, -, ?, !, &, *, |, >, %, @, `) or a quoted one.
  const hostile = [
    "2024",
    "1.5",
    "-1",
    "0x1F",
    "0o17",
    "1e3",
    ".inf",
    "-.Inf",
    ".nan",
    "true",
    "False",
    "TRUE",
    "yes",
    "No",
    "on",
    "off",
    "y",
    "n",
    "null",
    "Null",
    "~",
    "",
    " ",
    "  leading and trailing  ",
    "a: b",
    "a #b",
    "#tag",
    "- item",
    "? key",
    ": value",
    "[1, 2]",
    "{a: 1}",
    "!tag",
    "&anchor",
    "*alias",
    "| block",
    "> folded",
    "%YAML",
    "@x",
    "`x",
    "'single'",
    '"double"',
    "back\\slash",
    "tab\tinside",
    "line\nbreak",
    "---",
    "...",
    "<<",
    "=",
    "2023-04-18",
    "2023-04-18T14:05:00+02:00",
    "12:30",
    "1_000",
    "+12",
    "0b101",
    "\u2028 separator",
    "\ufeff bom",
    "\ufffe",
    "é\u0301",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🇫🇷",
  ];
  it.each(hostile)("reads %j back as the same string in every field", (text) => {
    expect(readBack(meta(text))).toEqual(meta(text));
  });

  it("reads a list of such tags back as the same list of strings", () => {
    expect(readBack(meta("x", hostile))).toEqual(meta("x", hostile));
  });

  it("reads back any text as the same strings (property)", () => {
    // Any Unicode text, C0 and C1 control characters aside (the build refuses them in fields),
    // in NFC (the form the build reads text in).
    const text = fc
      .string({ unit: "binary", maxLength: 40 })
      .filter((value) => !/\p{Surrogate}/u.test(value) && !/[^\P{Cc}\t\n]/u.test(value))
      .map((value) => value.normalize("NFC"));
    fc.assert(
      fc.property(text, text, fc.array(text, { maxLength: 5 }), (title, other, tags) => {
        const written = { ...meta(title, tags), standfirst: other, author: `${other}${title}` };
        expect(readBack(written)).toEqual(written);
      }),
      { numRuns: 500 },
    );
  });
});

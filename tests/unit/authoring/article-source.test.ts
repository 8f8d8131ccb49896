import { describe, expect, it } from "vitest";
import { articlePlace, formatArticleSource, parseEditorDate } from "../../../scripts/authoring/article-source.ts";
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

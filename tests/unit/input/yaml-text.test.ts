import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { parseYaml } from "../../../scripts/input/yaml-text.ts";

describe("parseYaml", () => {
  it("parses a mapping and an empty document", () => {
    expect(parseYaml("title: Un titre\ntags: [a, b]\n")).toEqual({
      ok: true,
      data: { title: "Un titre", tags: ["a", "b"] },
    });
    expect(parseYaml("")).toEqual({ ok: true, data: {} });
  });

  it("reads valid documents exactly as the yaml package does (the fast reader is js-yaml)", () => {
    const samples = [
      "title: \"« Nous avons des liens très forts »\"\nstandfirst: 'L''armée'\ndraft: false\ncount: 12\nratio: 3.5\nnothing: ~\nempty:\n",
      'tags: [Chine, Russie, "Guerre en Ukraine"]\nlist:\n  - un\n  - deux\n',
      "folded: >\n  une ligne\n  et la suite\nliteral: |\n  a\n  b\nyes: yes\non: off\noctal: 0o14\nhex: 0x1F\nexp: 1e3\n",
      "nested:\n  name: Épée\n  url: https://example.fr/a?b=c#d\n# un commentaire\nquote: 'c''est'\n",
    ];
    for (const text of samples) expect(parseYaml(text)).toEqual({ ok: true, data: parseDocument(text).toJS() });
  });

  it("keeps ISO date-times as text (no YAML timestamps)", () => {
    expect(parseYaml("date: 2023-04-18T14:05:00+02:00")).toEqual({
      ok: true,
      data: { date: "2023-04-18T14:05:00+02:00" },
    });
  });

  it("names a key written twice and the line of its repeat", () => {
    expect(parseYaml("title: a\ndate: x\ntitle: b\n", { firstLine: 2 })).toEqual({
      ok: false,
      field: "title",
      message: "appears twice (again at line 4); expected each field once",
    });
  });

  it("names the line of a syntax error, counted from the file's first line", () => {
    const result = parseYaml("title: a\nstandfirst: b\n\ttags: [x]\n", { firstLine: 2, field: "front matter" });
    expect(result).toMatchObject({ ok: false, field: "front matter" });
    expect(!result.ok && result.message).toMatch(
      /^invalid YAML at line 4 \(Tabs are not allowed as indentation\); expected "field: value" lines/,
    );
  });

  it("reports an unquoted colon in text", () => {
    const result = parseYaml("title: Chine: la visite\n");
    expect(!result.ok && result.message).toMatch(/^invalid YAML at line 1 \(/);
  });
});

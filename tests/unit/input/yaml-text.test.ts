import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { controlCharacterFields, parseYaml } from "../../../scripts/input/yaml-text.ts";

/** An alias bomb: `levels` levels of nine aliases each, 9^levels strings if it were expanded. */
const aliasBomb = (levels: number) => {
  const lines = ['l0: &l0 ["x","x","x","x","x","x","x","x","x"]'];
  for (let level = 1; level < levels; level += 1) {
    lines.push(
      `l${level}: &l${level} [${Array(9)
        .fill(`*l${level - 1}`)
        .join(",")}]`,
    );
  }
  return lines.join("\n");
};

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

describe("YAML the second parser cannot build", () => {
  it("refuses an unknown tag next to an alias bomb in one line (the yaml package's alias limit throws)", () => {
    // js-yaml refuses the tag; the yaml package, asked why, sees no error, and building its data
    // would throw "Excessive alias count".
    const text = `${aliasBomb(8)}\ntitle: !inconnu x\n`;
    expect(parseYaml(text, { firstLine: 2, field: "front matter" })).toEqual({
      ok: false,
      field: "front matter",
      message:
        'invalid YAML at line 10 (unknown tag !<!inconnu>); expected "field: value" lines, with text containing ": " or " #" in quotes',
    });
  });

  it("reads an alias bomb as references, never as copies", () => {
    // 9^30 strings if expanded: reading it and looking for control characters in it both finish.
    const read = parseYaml(`${aliasBomb(30)}\ntags: *l29\n`);
    expect(read.ok).toBe(true);
    expect(controlCharacterFields(read.ok ? read.data : null)).toEqual([]);
  });
});

describe("YAML nested beyond the parser's stack", () => {
  it("is one problem line, found without asking the second parser (it recurses until the stack runs out)", () => {
    const depth = 100_000;
    const text = `title: x\ntags: ${"[".repeat(depth)}${"]".repeat(depth)}`;
    expect(parseYaml(text, { firstLine: 2, field: "front matter" })).toEqual({
      ok: false,
      field: "front matter",
      message: "line 3 is nested more than 100 levels deep; expected fields of text and lists, a few levels deep",
    });
  });

  it("explains an earlier refusal from the text before deep nesting, never parsing the nesting again", () => {
    const depth = 100_000;
    const text = `title: x\n\tdate: 1\ntags: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
    expect(parseYaml(text)).toEqual({
      ok: false,
      field: "(file)",
      message:
        'invalid YAML at line 2 (Tabs are not allowed as indentation); expected "field: value" lines, with text containing ": " or " #" in quotes',
    });
  });
});

describe("controlCharacterFields", () => {
  it("names each field whose text YAML escapes made a control character", () => {
    const read = parseYaml('title: "a\\0b"\ntags: [ok, "\\e[31m"]\nappeal:\n  title: "\\x07"\nfine: "\\t"\n');
    expect(controlCharacterFields(read.ok ? read.data : null)).toEqual([
      { field: "title", message: "holds U+0000, a control character; expected text without control characters" },
      { field: "tags.1", message: "holds U+001B, a control character; expected text without control characters" },
      { field: "appeal.title", message: "holds U+0007, a control character; expected text without control characters" },
    ]);
  });
});

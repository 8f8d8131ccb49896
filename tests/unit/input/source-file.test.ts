import { describe, expect, it } from "vitest";
import {
  decodeUtf8,
  splitSource,
  splitSourceFile,
  utf8Problem,
  wideEncoding,
} from "../../../scripts/input/source-file.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe("decodeUtf8", () => {
  it("drops a BOM and turns CRLF and CR into LF", () => {
    expect(decodeUtf8(bytes("\uFEFFa\r\nb\rc\n"))).toBe("a\nb\nc\n");
  });

  it("composes accents (NFC): text typed with combining accents reads as precomposed", () => {
    const decomposed = "E\u0301lise\u0301e, c\u0327a\u0300";
    expect(decomposed).toHaveLength(14);
    expect(decodeUtf8(bytes(decomposed))).toBe("Élisée, çà");
  });

  it("returns null for bytes that are not UTF-8", () => {
    expect(decodeUtf8(latin1("caf\u00e9"))).toBeNull();
  });
});

describe("utf8Problem", () => {
  it("names the first line that is not UTF-8", () => {
    expect(utf8Problem(latin1("---\ntitle: x\n---\n\nUn caf\u00e9.\n"))).toBe(
      "line 5 is not valid UTF-8 (saved as Latin-1 or Windows-1252?); expected a UTF-8 text file",
    );
  });

  it("is null for UTF-8, accents included", () => {
    expect(utf8Problem(bytes("Un café, « bien sûr ».\n"))).toBeNull();
  });
});

describe("splitSourceFile", () => {
  it("splits front matter from the body and gives the body's first line", () => {
    const result = splitSourceFile(bytes("---\ntitle: Un titre\n---\n\nCorps.\n"));
    expect(result).toEqual({ ok: true, data: { title: "Un titre" }, body: "\nCorps.\n", bodyFirstLine: 4 });
  });

  it("reads a file with a BOM and CRLF line endings like any other", () => {
    const plain = splitSourceFile(bytes("---\ntitle: Un titre\ntags: [a]\n---\n\nCorps.\n"));
    const windows = splitSourceFile(bytes("\uFEFF---\r\ntitle: Un titre\r\ntags: [a]\r\n---\r\n\r\nCorps.\r\n"));
    expect(windows).toEqual(plain);
  });

  it("accepts empty front matter", () => {
    expect(splitSourceFile(bytes("---\n---\nCorps.\n"))).toMatchObject({ ok: true, data: {}, body: "Corps.\n" });
  });

  it("reports a file without front matter", () => {
    expect(splitSourceFile(bytes("Juste du texte.\n"))).toEqual({
      ok: false,
      field: "front matter",
      message: "is missing; expected the file to start with a YAML block between two --- lines",
    });
  });

  it("reports invalid YAML with the line number in the file", () => {
    const result = splitSourceFile(bytes('---\ntitle: Un titre\nstandfirst: "ouvert\n---\n\nCorps.\n'));
    expect(result).toMatchObject({ ok: false, field: "front matter" });
    expect(!result.ok && result.message).toMatch(/^invalid YAML at line \d+ \(Missing closing "quote\)/);
  });

  it("reports a key written twice", () => {
    expect(splitSourceFile(bytes("---\ntitle: a\nauthor: b\ntitle: c\n---\nCorps.\n"))).toEqual({
      ok: false,
      field: "title",
      message: "appears twice (again at line 4); expected each field once",
    });
  });

  it("reports a file that is not UTF-8, with its line", () => {
    expect(splitSourceFile(latin1("---\ntitle: caf\u00e9\n---\nCorps.\n"))).toEqual({
      ok: false,
      field: "(file)",
      message: "line 2 is not valid UTF-8 (saved as Latin-1 or Windows-1252?); expected a UTF-8 text file",
    });
  });
});

describe("splitSource", () => {
  it("reports control characters by part and line, and every other problem of the file with them", () => {
    const source = splitSource(latin1("---\ntitle: \u0007caf\u00e9\n---\n\nUn\u0000 texte.\n"));
    expect(source.problems).toEqual([
      {
        field: "(file)",
        message: "line 2 is not valid UTF-8 (saved as Latin-1 or Windows-1252?); expected a UTF-8 text file",
      },
      {
        field: "front matter",
        message:
          "line 2: U+0007, a control character; expected text without control characters (tabs and line breaks are fine)",
      },
      {
        field: "body",
        message:
          "line 5: U+0000, a control character; expected text without control characters (tabs and line breaks are fine)",
      },
    ]);
    // The checks after these still read the file: its control characters are U+FFFD for them.
    expect(source.data).toEqual({ title: "\uFFFDcaf\uFFFD" });
    expect(source.body).toBe("\nUn\uFFFD texte.\n");
  });

  it("still gives the body when the front matter is not YAML, and the whole file when it has none", () => {
    const invalid = splitSource(bytes('---\ntitle: "ouvert\n---\n\nCorps.\n'));
    expect(invalid).toMatchObject({ data: undefined, body: "\nCorps.\n", bodyFirstLine: 4 });
    expect(invalid.problems).toHaveLength(1);
    expect(splitSource(bytes("Corps.\n"))).toMatchObject({ data: undefined, body: "Corps.\n", bodyFirstLine: 1 });
  });
});

describe("a source saved as UTF-16 or UTF-32", () => {
  const text = "---\ntitle: Un café\n---\n\nCorps.\n";
  const utf16 = (little: boolean, mark: boolean) => {
    const units = Buffer.from(text, "utf16le");
    if (!little) units.swap16();
    const bom = little ? [0xff, 0xfe] : [0xfe, 0xff];
    return new Uint8Array(Buffer.concat([Buffer.from(mark ? bom : []), units]));
  };
  const utf32 = () => {
    const out = Buffer.alloc(4 + [...text].length * 4);
    out.set([0xff, 0xfe, 0, 0]);
    for (const [index, char] of [...text].entries()) out.writeUInt32LE(char.codePointAt(0) ?? 0, 4 + index * 4);
    return new Uint8Array(out);
  };

  it.each([
    ["UTF-16 with its mark", utf16(true, true), "is UTF-16 (little-endian, with a byte order mark)"],
    ["big-endian UTF-16 with its mark", utf16(false, true), "is UTF-16 (big-endian, with a byte order mark)"],
    ["UTF-16 without a mark", utf16(true, false), "is UTF-16 (little-endian)"],
    ["big-endian UTF-16 without a mark", utf16(false, false), "is UTF-16 (big-endian)"],
    ["UTF-32", utf32(), "is UTF-32 (little-endian, with a byte order mark)"],
  ])("names %s, never Latin-1, and reads it for the other checks", (_what, bytes, found) => {
    const source = splitSource(bytes);
    expect(source.problems).toEqual([
      { field: "(file)", message: `${found}; expected a UTF-8 text file (save it as UTF-8)` },
    ]);
    expect(source.data).toEqual({ title: "Un café" });
  });

  it("leaves UTF-8 alone, with or without its mark", () => {
    expect(wideEncoding(bytes(text))).toBeNull();
    expect(wideEncoding(bytes(`\uFEFF${text}`))).toBeNull();
  });
});

/**
 * Source text as the build reads it: UTF-8 (an optional BOM dropped), LF line endings, Unicode
 * NFC, no control characters. And an article source split into YAML front matter and body.
 */
import {
  controlCharacterLines,
  controlCharacterMessage,
  withoutControlCharacters,
} from "../text/control-characters.ts";
import { parseYaml } from "./yaml-text.ts";

export type SourceFileResult =
  | { ok: true; data: unknown; body: string; bodyFirstLine: number }
  | { ok: false; field: string; message: string };

const decoder = new TextDecoder("utf-8", { fatal: true });
const lossyDecoder = new TextDecoder("utf-8");

/**
 * Line endings are normalised so CRLF files behave alike, and the text is composed (NFC): a
 * headline typed with combining accents (e + U+0301) is the same text as one typed with
 * precomposed letters (é), with the same length, slug and topics.
 */
function normalise(text: string): string {
  return text.replace(/\r\n?/g, "\n").normalize("NFC");
}

/** The text of UTF-8 bytes (TextDecoder drops a leading BOM), normalised; null when they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return normalise(decoder.decode(bytes));
  } catch {
    return null;
  }
}

/**
 * Why bytes are not UTF-8, naming the first bad line ("line 9 is not valid UTF-8 …"), or null.
 * Splitting at newlines is safe: no UTF-8 multi-byte sequence contains the newline byte.
 */
export function utf8Problem(bytes: Uint8Array): string | null {
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return `line ${line} is not valid UTF-8 (saved as Latin-1 or Windows-1252?); expected a UTF-8 text file`;
    }
    if (newline === -1) return null;
    start = newline + 1;
    line += 1;
  }
  return null;
}

/**
 * The text of bytes in UTF-16 or UTF-32 (what "Unicode" means in some editors' save dialogs), and
 * what to call it, or null. By its byte order mark, or, without one, by NUL bytes at every other
 * place where Latin text has its letters. Such a file is not UTF-8, and its UTF-8 reading would be
 * blamed on Latin-1.
 */
export function wideEncoding(bytes: Uint8Array): { name: string; text: string } | null {
  const starts = (...marks: number[]) => marks.every((mark, index) => bytes[index] === mark);
  const decode = (label: string, from: number) => {
    try {
      return new TextDecoder(label).decode(bytes.subarray(from));
    } catch {
      return null;
    }
  };
  let found: { name: string; label: string; from: number } | null = null;
  if (starts(0xff, 0xfe, 0, 0) || starts(0, 0, 0xfe, 0xff)) {
    // TextDecoder has no UTF-32: four bytes a character.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength - (bytes.byteLength % 4));
    const little = bytes[0] === 0xff;
    let text = "";
    for (let at = 4; at < view.byteLength; at += 4) {
      const point = view.getUint32(at, little);
      text += point <= 0x10ffff ? String.fromCodePoint(point) : "\uFFFD";
    }
    return { name: `UTF-32 (${little ? "little" : "big"}-endian, with a byte order mark)`, text };
  }
  if (starts(0xff, 0xfe))
    found = { name: "UTF-16 (little-endian, with a byte order mark)", label: "utf-16le", from: 2 };
  else if (starts(0xfe, 0xff))
    found = { name: "UTF-16 (big-endian, with a byte order mark)", label: "utf-16be", from: 2 };
  else if (bytes.length >= 4) {
    // Without a mark: every other byte NUL over the first line's length.
    const sample = bytes.subarray(0, Math.min(bytes.length - (bytes.length % 2), 64));
    const evenNul = sample.every((byte, index) => index % 2 === 1 || byte === 0);
    const oddNul = sample.every((byte, index) => index % 2 === 0 || byte === 0);
    if (oddNul && !evenNul) found = { name: "UTF-16 (little-endian)", label: "utf-16le", from: 0 };
    else if (evenNul && !oddNul) found = { name: "UTF-16 (big-endian)", label: "utf-16be", from: 0 };
  }
  if (!found) return null;
  const text = decode(found.label, found.from);
  return text === null ? null : { name: found.name, text };
}

export interface SourceProblem {
  field: string;
  message: string;
}

/**
 * The text of a source for the checks that follow, and what is wrong with its bytes: not UTF-8
 * (the text then has U+FFFD where the bytes were wrong), control characters (each then U+FFFD,
 * once reported). `parts` names the field of the lines from each line on: [[1, "(file)"]].
 */
export function sourceText(
  bytes: Uint8Array,
  parts: (text: string) => readonly [number, string][] = () => [[1, "(file)"]],
): { text: string; problems: SourceProblem[] } {
  const problems: SourceProblem[] = [];
  const wide = wideEncoding(bytes);
  let text = wide ? null : decodeUtf8(bytes);
  if (wide) {
    problems.push({ field: "(file)", message: `is ${wide.name}; expected a UTF-8 text file (save it as UTF-8)` });
    // Read as what it is, so that the other checks see the text.
    text = normalise(wide.text);
  } else if (text === null) {
    problems.push({ field: "(file)", message: utf8Problem(bytes) ?? "is not valid UTF-8; expected a UTF-8 text file" });
    text = normalise(lossyDecoder.decode(bytes));
  }
  const sections = parts(text);
  let found = false;
  sections.forEach(([fromLine, field], index) => {
    const toLine = (sections[index + 1]?.[0] ?? Number.POSITIVE_INFINITY) - 1;
    const controls = controlCharacterLines(text, fromLine, toLine);
    if (controls) {
      problems.push({ field, message: controlCharacterMessage(controls) });
      found = true;
    }
  });
  return { text: found ? withoutControlCharacters(text) : text, problems };
}

/** An article source's parts; `data` is undefined when the front matter is missing or is not YAML. */
export interface SourceParts {
  data: unknown;
  body: string;
  /** The body's first line in the file, for messages. */
  bodyFirstLine: number;
  /** Everything wrong with the file's bytes and front matter block, in order. */
  problems: SourceProblem[];
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n?---[ \t]*(?:\n|$)/;

function frontMatterBlock(text: string): { yaml: string; bodyFirstLine: number; length: number } | null {
  const match = FRONT_MATTER.exec(text);
  if (!match) return null;
  return {
    yaml: match[1] ?? "",
    bodyFirstLine: match[0].split("\n").length - (match[0].endsWith("\n") ? 1 : 0) + 1,
    length: match[0].length,
  };
}

/** Splits an article source into front matter data and body, with every problem of either. */
export function splitSource(bytes: Uint8Array): SourceParts {
  const { text, problems } = sourceText(bytes, (decoded) => {
    const block = frontMatterBlock(decoded);
    return block
      ? [
          [1, "front matter"],
          [block.bodyFirstLine, "body"],
        ]
      : [[1, "body"]];
  });
  const block = frontMatterBlock(text);
  if (!block) {
    problems.push({
      field: "front matter",
      message: "is missing; expected the file to start with a YAML block between two --- lines",
    });
    return { data: undefined, body: text, bodyFirstLine: 1, problems };
  }
  // The YAML starts on line 2, after the opening ---.
  const yaml = parseYaml(block.yaml, { firstLine: 2, field: "front matter" });
  if (!yaml.ok) problems.push({ field: yaml.field, message: yaml.message });
  return {
    data: yaml.ok ? yaml.data : undefined,
    body: text.slice(block.length),
    bodyFirstLine: block.bodyFirstLine,
    problems,
  };
}

/** Splits an article source into YAML front matter and body; the first problem when it cannot. */
export function splitSourceFile(bytes: Uint8Array): SourceFileResult {
  const source = splitSource(bytes);
  const [first] = source.problems;
  if (first) return { ok: false, ...first };
  return { ok: true, data: source.data, body: source.body, bodyFirstLine: source.bodyFirstLine };
}

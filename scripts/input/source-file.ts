/** Splits an article source (UTF-8, optional BOM, LF or CRLF) into YAML front matter and body. */
import { parseYaml } from "./yaml-text.ts";

export type SourceFileResult =
  | { ok: true; data: unknown; body: string; bodyFirstLine: number }
  | { ok: false; field: string; message: string };

const decoder = new TextDecoder("utf-8", { fatal: true });

export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    // TextDecoder drops a leading BOM; line endings are normalised so CRLF files behave alike.
    return decoder.decode(bytes).replace(/\r\n?/g, "\n");
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

export function splitSourceFile(bytes: Uint8Array): SourceFileResult {
  const text = decodeUtf8(bytes);
  if (text === null) {
    return {
      ok: false,
      field: "(file)",
      message: utf8Problem(bytes) ?? "is not valid UTF-8; expected a UTF-8 text file",
    };
  }
  const match = /^---[ \t]*\n([\s\S]*?)\n?---[ \t]*(?:\n|$)/.exec(text);
  if (!match) {
    return {
      ok: false,
      field: "front matter",
      message: "is missing; expected the file to start with a YAML block between two --- lines",
    };
  }
  const yamlText = match[1] ?? "";
  // The YAML starts on line 2, after the opening ---.
  const yaml = parseYaml(yamlText, { firstLine: 2, field: "front matter" });
  if (!yaml.ok) return yaml;
  const bodyFirstLine = match[0].split("\n").length - (match[0].endsWith("\n") ? 1 : 0) + 1;
  return { ok: true, data: yaml.data, body: text.slice(match[0].length), bodyFirstLine };
}

/** Splits an article source (UTF-8, optional BOM, LF or CRLF) into YAML front matter and body. */
import { parseDocument } from "yaml";

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

export function splitSourceFile(bytes: Uint8Array): SourceFileResult {
  const text = decodeUtf8(bytes);
  if (text === null) {
    return { ok: false, field: "(file)", message: "is not valid UTF-8; expected a UTF-8 text file" };
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
  const document = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    // +1 because the YAML starts on the line after the opening ---.
    const line = (error.linePos?.[0]?.line ?? 0) + 1;
    const reason = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? "syntax error";
    return { ok: false, field: "front matter", message: `invalid YAML at line ${line}: ${reason}` };
  }
  const bodyFirstLine = match[0].split("\n").length - (match[0].endsWith("\n") ? 1 : 0) + 1;
  return { ok: true, data: document.toJS() ?? {}, body: text.slice(match[0].length), bodyFirstLine };
}

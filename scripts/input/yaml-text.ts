/** YAML text → data, or one problem naming the line (and the key, for a key written twice). */
import { CORE_SCHEMA, load, type YAMLException } from "js-yaml";
import { parseDocument } from "yaml";
import { firstControlCharacter, hasControlCharacter } from "../text/control-characters.ts";

export type YamlResult = { ok: true; data: unknown } | { ok: false; field: string; message: string };

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text[i] === "\n") line += 1;
  return line;
}

/**
 * Parses one YAML document with unique keys. `firstLine` is the text's first line in its
 * file (front matter starts on line 2), so messages point at the line the editor sees.
 * `field` names what failed when it is not a single key (e.g. "front matter").
 */
export function parseYaml(text: string, options: { firstLine?: number; field?: string } = {}): YamlResult {
  // js-yaml reads front matter about 7 times faster than the yaml package (24 ms against 180 ms
  // for 1000 articles), with the same YAML 1.2 core schema (dates stay text) and duplicate
  // keys refused. The yaml package reads again only what js-yaml refused, for its precise
  // messages (the line, the key).
  // An alias bomb stays cheap: js-yaml makes each alias a reference to the one value, never a copy.
  try {
    return { ok: true, data: load(text, { schema: CORE_SCHEMA }) ?? {} };
  } catch (refusal) {
    // js-yaml stops at 100 levels of nesting. The yaml package is not asked why: it recurses
    // until the stack runs out (a second for 100,000 brackets; out of memory in a worker thread).
    const reason = (refusal as Partial<YAMLException>).reason ?? "";
    if (refusal instanceof RangeError || reason.includes("maxDepth")) {
      const line = ((refusal as Partial<YAMLException>).mark?.line ?? 0) + (options.firstLine ?? 1);
      return {
        ok: false,
        field: options.field ?? "(file)",
        message: `line ${line} is nested more than 100 levels deep; expected fields of text and lists, a few levels deep`,
      };
    }
    return explainYamlProblem(text, options, refusal);
  }
}

const EXPECTED_YAML = 'expected "field: value" lines, with text containing ": " or " #" in quotes';

function explainYamlProblem(
  text: string,
  options: { firstLine?: number; field?: string },
  refusal: unknown,
): YamlResult {
  const firstLine = options.firstLine ?? 1;
  const field = options.field ?? "(file)";
  // The yaml package only explains: what js-yaml refused is refused. It never builds the data
  // (its alias limit throws there), and anything it throws leaves js-yaml's own reason.
  // Only the text up to the end of the line js-yaml stopped at: what follows cannot explain the
  // refusal, and may nest deep enough to cost the yaml package a second (it recurses).
  const { mark } = refusal as Partial<YAMLException>;
  const end = mark?.position === undefined ? -1 : text.indexOf("\n", mark.position);
  let error: ReturnType<typeof parseDocument>["errors"][number] | undefined;
  try {
    error = parseDocument(end === -1 ? text : text.slice(0, end + 1), { uniqueKeys: true, prettyErrors: false })
      .errors[0];
  } catch {
    error = undefined;
  }
  if (!error) {
    const { reason } = refusal as Partial<YAMLException>;
    const line = (mark?.line ?? 0) + firstLine;
    return {
      ok: false,
      field,
      message: `invalid YAML at line ${line} (${reason || "not readable"}); ${EXPECTED_YAML}`,
    };
  }
  const offset = error.pos[0];
  const line = lineAt(text, offset) + firstLine - 1;
  if (error.code === "DUPLICATE_KEY") {
    const key = /^["']?([^"':\n]*)/.exec(text.slice(offset))?.[1]?.trim() || "(key)";
    return { ok: false, field: key, message: `appears twice (again at line ${line}); expected each field once` };
  }
  const reason = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") || "syntax error";
  return { ok: false, field, message: `invalid YAML at line ${line} (${reason}); ${EXPECTED_YAML}` };
}

/**
 * Every text value of parsed YAML that holds a control character, by its field ("tags.1"): YAML
 * writes them as escapes ("\0", "\x07", "\e" in double quotes), which no check of the file's
 * bytes sees. Each value is visited once, however many aliases name it.
 */
export function controlCharacterFields(data: unknown): { field: string; message: string }[] {
  const found: { field: string; message: string }[] = [];
  const visited = new WeakSet<object>();
  const visit = (value: unknown, field: string): void => {
    if (typeof value === "string") {
      const char = firstControlCharacter(value);
      if (char) {
        found.push({
          field: field || "(file)",
          message: `holds ${char}, a control character; expected text without control characters`,
        });
      }
      return;
    }
    if (value === null || typeof value !== "object" || visited.has(value)) return;
    visited.add(value);
    for (const [key, inner] of Object.entries(value)) {
      if (hasControlCharacter(key)) {
        found.push({
          field: field || "(file)",
          message: "has a field name holding a control character; expected field names without control characters",
        });
      }
      visit(inner, field ? `${field}.${key}` : key);
    }
  };
  visit(data, "");
  return found;
}

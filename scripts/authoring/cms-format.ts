/**
 * How the CMS reads and writes article and page sources (Decap's custom format
 * `news-frontmatter`, registered by scripts/authoring/cms-admin.ts): the file's YAML front matter
 * and Markdown body, written back with the least change. Decap's own front-matter format
 * re-serializes every field (flow lists become block lists, folded text a long line, quotes
 * change), so correcting one word rewrote the whole header; here the editor's change alone
 * reaches the file: untouched fields keep their text, comments and style, and a changed text
 * keeps its quoting.
 *
 * The file as read travels with the entry's data under SOURCE_KEY, which no field shows and
 * which is never written.
 */
import { isMap, isScalar, isSeq, parseDocument, Document as YamlDocument } from "yaml";
import {
  articleFrontMatterSchema,
  authorsFileSchema,
  toProblems,
  trustPageFrontMatterSchema,
} from "../input/schema.ts";

/** Where the entry's data keeps the file as it was read. */
export const SOURCE_KEY = "__source";

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

export type EntryData = Record<string, unknown>;

/** The entry's data: the front matter's fields, `body`, and the file itself. */
export function fromFile(raw: string): EntryData {
  const match = FRONT_MATTER.exec(raw);
  if (!match) return { body: raw, [SOURCE_KEY]: raw };
  const data = parseDocument(match[1] ?? "").toJS() as unknown;
  const fields = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as EntryData) : {};
  return { ...fields, body: raw.slice(match[0].length).replace(/^\r?\n/, ""), [SOURCE_KEY]: raw };
}

/** Nothing to write: what the CMS gives for a field left empty. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value as EntryData).every(isEmpty);
  return false;
}

/** The value without the empty parts the CMS leaves in groups (an unused caption, an unset focus). */
function cleaned(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleaned);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as EntryData)
        .filter(([, inner]) => !isEmpty(inner))
        .map(([key, inner]) => [key, cleaned(inner)]),
    );
  }
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

type Range = [number, number, number];

/**
 * `key: value` as YAML, in the style the field had in the file when it had one: the same
 * quotes or block for a text, the same flow (`[a, b]`) or block list.
 */
function fieldText(key: string, value: unknown, was?: unknown): string {
  const doc = new YamlDocument({ [key]: value });
  const node = doc.getIn([key], true);
  let lineWidth = 0;
  if (isScalar(node) && isScalar(was) && typeof was.value === typeof value) {
    node.type = was.type;
    // Folded text is folded again; other texts stay on their line.
    if (was.type === "BLOCK_FOLDED") lineWidth = 92;
  } else if ((isSeq(node) || isMap(node)) && (isSeq(was) || isMap(was)) && was.flow) {
    node.flow = true;
  }
  return doc.toString({ lineWidth });
}

/**
 * The file for the entry's data. An entry read from a file keeps that file's text except for
 * the fields the editor changed, each written again in its old style (a field the file did not
 * have and the editor left empty or unticked stays out); a new entry is written in full.
 */
export function toFile(data: EntryData, fieldOrder: readonly string[] = []): string {
  const { [SOURCE_KEY]: source, body, ...rest } = data;
  const fields = cleaned(rest) as EntryData;
  const text = typeof body === "string" ? body : "";
  const match = typeof source === "string" ? FRONT_MATTER.exec(source) : null;
  if (typeof source !== "string" || !match) {
    // In the form's order (Decap hands it), which is the schema's: the order docs/editing.md shows.
    const rank = (key: string) => (fieldOrder.includes(key) ? fieldOrder.indexOf(key) : fieldOrder.length);
    const kept = Object.fromEntries(
      Object.entries(fields)
        .filter(([, value]) => !isEmpty(value))
        .sort(([a], [b]) => rank(a) - rank(b)),
    );
    return `---\n${new YamlDocument(kept).toString({ lineWidth: 0 })}---\n\n${text.replace(/^\n+/, "")}`;
  }
  const yaml = match[1] ?? "";
  const doc = parseDocument(yaml);
  const before = (doc.toJS() ?? {}) as EntryData;
  const pairs = isMap(doc.contents) ? doc.contents.items : [];
  // Replacements of the front matter's text, [start, end, text], applied from the end.
  const edits: [number, number, string][] = [];
  let added = "";
  for (const key of new Set([...Object.keys(before), ...Object.keys(fields)])) {
    const value = fields[key];
    if (same(before[key], value) || (!(key in before) && (isEmpty(value) || value === false))) continue;
    const pair = pairs.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (!pair) {
      if (!isEmpty(value)) added += fieldText(key, value);
      continue;
    }
    const start = (pair.key as { range: Range }).range[0];
    // Up to the end of the field's last line (a block of text ends with its line break already).
    const tail = (pair.value as { range?: Range } | null)?.range?.[2] ?? (pair.key as { range: Range }).range[2];
    const end = yaml[tail - 1] === "\n" ? tail : yaml.indexOf("\n", tail) + 1 || yaml.length;
    edits.push([start, end, isEmpty(value) ? "" : fieldText(key, value, pair.value)]);
  }
  let header = yaml;
  for (const [start, end, replacement] of edits.sort((a, b) => b[0] - a[0])) {
    header = header.slice(0, start) + replacement + header.slice(end);
  }
  header += added;
  const oldBody = source.slice(match[0].length);
  const separator = oldBody.match(/^\r?\n/)?.[0] ?? "";
  const newBody = oldBody.slice(separator.length) === text ? oldBody : `${separator || "\n"}${text}`;
  const head = header === yaml ? match[0] : `---\n${header}---\n`;
  return `${head}${newBody}`;
}

/** Which of our files a CMS collection edits. */
export type EntryKind = "article" | "page" | "authors";

const SCHEMAS = {
  article: articleFrontMatterSchema,
  page: trustPageFrontMatterSchema,
  authors: authorsFileSchema,
} as const;

/**
 * What the build's schema says of the entry about to be saved, as the build's own lines
 * (`field: found; expected`); none when it accepts it. Checked in the CMS before every save, so
 * that the rules a form cannot express (a photo given without its credit, `modified` before
 * `date`, an article signed by nobody) are the build's rules there too.
 */
export function entryProblems(kind: EntryKind, data: EntryData): string[] {
  const { [SOURCE_KEY]: _source, body: _body, ...rest } = data;
  const schema = SCHEMAS[kind];
  const parsed = schema.safeParse(cleaned(rest));
  return parsed.success
    ? []
    : toProblems("", parsed.error, schema).map((problem) => `${problem.field}: ${problem.message}`);
}

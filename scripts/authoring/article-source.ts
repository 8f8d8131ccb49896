/**
 * Writes an article source file's text and its place: the inverse of source-file.ts + article.ts,
 * for the tools that create articles (npm run new, npm run import).
 */
import path from "node:path";
import { DateTime } from "luxon";
import { articleUrl } from "../input/urls.ts";
import { parseIsoWithOffset, toIsoDateInZone, toIsoInZone } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";

export interface NewArticleMeta {
  title: string;
  standfirst: string;
  /** ISO 8601 with offset. */
  date: string;
  section: string;
  /** Slugs of authors.yaml. */
  authors?: string[];
  /** The free byline, alone or after the named authors. */
  author?: string | undefined;
  tags: string[];
  draft: boolean;
}

/**
 * A date as an editor types it: ISO with offset, or a wall-clock time in the publisher's zone
 * ("2023-04-18 14:05", "2023-04-18T14:05"). Returned as ISO with the zone's offset; null if neither.
 */
export function parseEditorDate(text: string, zone: string): string | null {
  const trimmed = text.trim();
  const withOffset = parseIsoWithOffset(trimmed);
  if (withOffset) return toIsoInZone(withOffset, zone);
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$/.exec(trimmed);
  if (!local) return null;
  const parsed = DateTime.fromISO(`${local[1]}T${local[2]}`, { zone });
  return parsed.isValid ? toIsoInZone(parsed, zone) : null;
}

/** <section>/<yyyy-mm-dd>-<slug>.md (day in the publisher's zone; slug from the title unless chosen) and the URL. */
export function articlePlace(
  meta: Pick<NewArticleMeta, "title" | "date" | "section">,
  zone: string,
  chosenSlug?: string,
): {
  relativePath: string;
  slug: string;
  url: string;
} {
  const published = parseIsoWithOffset(meta.date);
  if (!published) throw new Error(`not an ISO date-time with offset: ${meta.date}`);
  const slug = chosenSlug ?? slugify(meta.title);
  return {
    relativePath: path.join(meta.section, `${toIsoDateInZone(published, zone)}-${slug}.md`),
    slug,
    url: articleUrl(meta.section, slug),
  };
}

/**
 * A string as a double-quoted YAML scalar, always: bare, `2024`, `true`, `1.5`, `null`, `~` or
 * `yes` would read back as a number, a boolean or nothing, and `a: b` or `a #b` would not read
 * back at all. JSON's escapes are YAML's; the characters JSON leaves raw that YAML readers refuse
 * or take for line breaks (DEL, C1 controls, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF) are escaped too.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Front matter in the documented order, every string quoted, then the Markdown body. */
export function formatArticleSource(meta: NewArticleMeta, body: string): string {
  const lines = [
    "---",
    `title: ${yamlString(meta.title)}`,
    `standfirst: ${yamlString(meta.standfirst)}`,
    `date: ${yamlString(meta.date)}`,
    `section: ${yamlString(meta.section)}`,
  ];
  if (meta.authors && meta.authors.length > 0) lines.push(`authors: [${meta.authors.map(yamlString).join(", ")}]`);
  if (meta.author !== undefined) lines.push(`author: ${yamlString(meta.author)}`);
  lines.push(`tags: [${meta.tags.map(yamlString).join(", ")}]`);
  if (meta.draft) lines.push("draft: true   # shown by npm start, left out of npm run build until removed");
  lines.push("---", "");
  return `${lines.join("\n")}\n${body.endsWith("\n") ? body : `${body}\n`}`;
}

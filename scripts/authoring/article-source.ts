/**
 * Writes an article source file's text and its place: the inverse of source-file.ts + article.ts,
 * for the tools that create articles (npm run new, npm run import).
 */
import path from "node:path";
import { DateTime } from "luxon";
import { stringify } from "yaml";
import { articleUrl } from "../input/urls.ts";
import { parseIsoWithOffset, toIsoDateInZone, toIsoInZone } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";

export interface NewArticleMeta {
  title: string;
  standfirst: string;
  /** ISO 8601 with offset. */
  date: string;
  section: string;
  author: string;
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

/** A YAML scalar on one line, quoted only when YAML needs it. */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** A tag inside a flow list: plain when it is only words, else double-quoted. */
function flowItem(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} '’.-]*$/u.test(value) ? value : JSON.stringify(value);
}

/** Front matter in the documented order, then the Markdown body. */
export function formatArticleSource(meta: NewArticleMeta, body: string): string {
  const lines = [
    "---",
    `title: ${JSON.stringify(meta.title)}`,
    `standfirst: ${scalar(meta.standfirst)}`,
    `date: ${meta.date}`,
    `section: ${meta.section}`,
    `author: ${scalar(meta.author)}`,
    `tags: [${meta.tags.map(flowItem).join(", ")}]`,
  ];
  if (meta.draft) lines.push("draft: true   # shown by npm start, left out of npm run build until removed");
  lines.push("---", "");
  return `${lines.join("\n")}\n${body.endsWith("\n") ? body : `${body}\n`}`;
}

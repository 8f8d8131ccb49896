/** Source file → Article: the validated, typed model every template renders. */
import { createHash } from "node:crypto";
import path from "node:path";
import { parseIsoWithOffset, toIsoDateInZone } from "../text/dates.ts";
import { countWords, readingMinutes, readingTimeLabel } from "../text/reading-time.ts";
import { SLUG_PATTERN, slugify, tagFold, tagSlug } from "../text/slug.ts";
import { articlePhotos, type PhotoStamp } from "./article-photos.ts";
import { type Author, type AuthorRef, type BylinePart, bylineOf } from "./authors.ts";
import { bodyProblems } from "./body-problems.ts";
import type { ContentProblem } from "./content-error.ts";
import { type Correction, correctionsOf } from "./corrections.ts";
import type { PhotoFiles } from "./images.ts";
import { type LiveCoverage, type LiveUpdate, liveBody } from "./live.ts";
import { renderBody, typesetPlainText } from "./markdown.ts";
import type { LeadPhoto, ResponsivePhoto } from "./responsive-photos.ts";
import {
  type ArticleFrontMatter,
  articleFrontMatterSchema,
  type Publisher,
  type Settings,
  tagSchema,
  toProblems,
} from "./schema.ts";
import { splitSource } from "./source-file.ts";
import { type Timestamp, timestamp } from "./timestamp.ts";
import { articleUrl, sectionUrl, topicUrl } from "./urls.ts";
import { controlCharacterFields } from "./yaml-text.ts";

export { type Timestamp, timestamp };

export interface TagRef {
  name: string;
  slug: string;
  /** The topic page listing every article with this tag. */
  url: string;
}

export interface SectionRef {
  slug: string;
  name: string;
  url: string;
}

export interface Article {
  /** Source path relative to the working directory, for messages. */
  sourcePath: string;
  slug: string;
  /** Root-relative URL; the HTML base plugin adds any path prefix. */
  url: string;
  section: SectionRef;
  title: string;
  standfirst: string;
  /** At most 160 characters, for meta descriptions and listings. */
  excerpt: string;
  /** Named authors (_data/authors.yaml), in the front matter's order; none for desk and agency copy. */
  authors: AuthorRef[];
  /** The free byline (front matter `author`): « La Rédaction », « avec AFP »; "" when there is none. */
  credit: string;
  /** What « Par … » shows: the authors' names linked to their pages, then the free byline. */
  byline: BylinePart[];
  tags: TagRef[];
  published: Timestamp;
  /** Present only when the article was modified after publication (at least its latest correction). */
  modified: Timestamp | null;
  /** The latest of published and modified, for feeds and sitemaps. */
  updated: Timestamp;
  bodyHtml: string;
  /** The front matter's `image`, or null. */
  leadPhoto: LeadPhoto | null;
  /** Photos in the text (already in bodyHtml), for publishing their files. */
  bodyPhotos: ResponsivePhoto[];
  /** The site's pages the text links to, root-relative (/culture/un-roman/): checked against the schedule. */
  siteLinks: string[];
  wordCount: number;
  readingMinutes: number;
  readingTime: string;
  draft: boolean;
  /** Notices of what was corrected after publication, oldest first. */
  corrections: Correction[];
  /** Dated after the build time: only the preview shows it, marked (scripts/input/schedule.ts). */
  scheduled: boolean;
  /** Live coverage only (front matter `live`): its start, end and label (scripts/input/live.ts). */
  live?: LiveCoverage;
  /** Live coverage only: its updates, newest first; their HTML is in bodyHtml. */
  liveUpdates?: LiveUpdate[];
}

export interface ArticleContext {
  publisher: Publisher;
  settings: Settings;
  /** The authors articles may name (_data/authors.yaml); none when absent. */
  authors?: readonly Author[];
  /** The file's last change in git (git-dates.ts), used when the front matter has no `modified`. */
  committed?: string;
  /** The photo files of this load, read once each (a new set when absent). */
  photos?: PhotoFiles;
}

/** A date of an article's past the front matter states: its modification, a correction. */
export interface HistoryDate {
  field: string;
  /** As written. */
  iso: string;
  epoch: number;
}

/**
 * `photoFiles`: every photo file the article names, found or not, so a change to one is seen.
 * `history`: the dates of its past, checked against the build time after parsing (schedule.ts):
 * a parsed article is kept from build to build, whatever the time.
 */
export type ArticleResult = ({ ok: true; article: Article } | { ok: false; problems: ContentProblem[] }) & {
  photoFiles?: PhotoStamp[];
  history?: HistoryDate[];
};

/** The front matter's dates of the past that are valid, each where it was written (raw: whatever else fails). */
function historyDates(data: unknown): HistoryDate[] {
  if (data === null || typeof data !== "object") return [];
  const { modified, corrections } = data as { modified?: unknown; corrections?: unknown };
  const written: [string, unknown][] = [["modified", modified]];
  if (Array.isArray(corrections)) {
    corrections.forEach((entry, index) => {
      written.push([`corrections.${index}.date`, (entry as { date?: unknown } | null)?.date]);
    });
  }
  return written.flatMap(([field, iso]) => {
    const date = typeof iso === "string" ? parseIsoWithOffset(iso) : null;
    return date && typeof iso === "string" ? [{ field, iso, epoch: date.toMillis() }] : [];
  });
}

export const FILE_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)\.md$/;

/** Cuts at a word boundary and adds an ellipsis when the text is longer than `max`. */
export function excerpt(text: string, max = 160): string {
  // Only the words that can show are joined, not the whole text (a standfirst may be long).
  const words: string[] = [];
  let length = -1;
  for (const [word] of text.matchAll(/\S+/g)) {
    words.push(word);
    length += word.length + 1;
    if (length > max) break;
  }
  const flat = words.join(" ");
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.search(/\s\S*$/);
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.!?\u00A0\u202F]+$/u, "")}…`;
}

/** Where a source's file name puts it: its date and slug, or null when the name is not <date>-<slug>.md. */
export function fileNamePlace(sourcePath: string): { fileDate: string; slug: string } | null {
  const nameMatch = FILE_NAME.exec(path.basename(sourcePath));
  if (!nameMatch || !SLUG_PATTERN.test(nameMatch[2] ?? "")) return null;
  return { fileDate: nameMatch[1] ?? "", slug: nameMatch[2] ?? "" };
}

/**
 * The front matter's fields that are valid. When the whole does not parse, each field is
 * checked on its own, so that the checks reading the valid ones (section, date, tags) still run
 * and the editor sees every problem at once.
 */
function validFields(
  data: unknown,
  sourcePath: string,
  problems: ContentProblem[],
): { fields: Partial<ArticleFrontMatter>; all: ArticleFrontMatter | null } {
  problems.push(...controlCharacterFields(data).map((found) => ({ file: sourcePath, ...found })));
  const parsed = articleFrontMatterSchema.safeParse(data);
  if (parsed.success) return { fields: parsed.data, all: parsed.data };
  problems.push(...toProblems(sourcePath, parsed.error, articleFrontMatterSchema));
  const fields: Record<string, unknown> = {};
  if (data !== null && typeof data === "object" && !Array.isArray(data)) {
    const given = data as Record<string, unknown>;
    for (const [key, schema] of Object.entries(articleFrontMatterSchema.shape)) {
      const field = schema.safeParse(given[key]);
      if (field.success) fields[key] = field.data;
    }
  }
  return { fields: fields as Partial<ArticleFrontMatter>, all: null };
}

/**
 * The problems of an article's tags that the schema cannot see, for every tag the schema accepts
 * (whatever the others' problems): one without letters or digits, one given twice, two that would
 * share a topic page while they differ in more than case and accents (text/slug.ts tagSlug).
 * `slugs` gets each accepted tag, typeset, under its slug, in order.
 */
function tagProblems(data: unknown, slugs: Map<string, string>): { field: string; message: string }[] {
  const given = (data as { tags?: unknown } | null)?.tags;
  if (!Array.isArray(given)) return [];
  const problems: { field: string; message: string }[] = [];
  // The first tag of each slug, as written and where.
  const first = new Map<string, { written: string; index: number }>();
  given.forEach((raw, index) => {
    const parsed = tagSchema.safeParse(raw);
    if (!parsed.success) return;
    const written = parsed.data;
    const name = typesetPlainText(written);
    const slug = tagSlug(name);
    const field = `tags.${index}`;
    const earlier = first.get(slug);
    if (slug === "") {
      problems.push({ field, message: `"${written}" has no letters or digits; expected a word` });
    } else if (earlier === undefined) {
      slugs.set(slug, name);
      first.set(slug, { written, index });
    } else if (tagFold(slugs.get(slug) ?? "") === tagFold(name)) {
      problems.push({ field, message: `"${written}" repeats "${earlier.written}"; expected each tag once` });
    } else {
      problems.push({
        field,
        message: `"${written}" would share the topic page ${topicUrl(slug)} with "${earlier.written}" (tags.${earlier.index}); expected one of them, or tags that differ in more than case and accents`,
      });
    }
  });
  return problems;
}

/**
 * What of the metadata is valid when the whole is not (publisher.yaml or authors.yaml has a
 * problem of its own): the articles' checks that need only these still run.
 */
export interface PartialMetadata {
  publisher?: Pick<Publisher, "sections" | "timeZone">;
  authors?: readonly Author[];
}

/**
 * Every check of one article source, all of them whatever fails first; the article itself when
 * none fails. Without `context` (the publisher's metadata has problems of its own), the checks
 * that need it run with what of it is valid (`partial`), and no article is made.
 */
function inspectArticle(
  sourcePath: string,
  bytes: Uint8Array,
  context: ArticleContext | undefined,
  partial: PartialMetadata = {},
): { problems: ContentProblem[]; article?: Article; photoFiles: PhotoStamp[]; history: HistoryDate[] } {
  const problems: ContentProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file: sourcePath, field, message });
  const fileName = path.basename(sourcePath);
  const place = fileNamePlace(sourcePath);
  if (!place) {
    problem(
      "(file name)",
      `"${fileName}" is not <yyyy-mm-dd>-<ascii-slug>.md; expected e.g. 2023-04-18-${slugify(fileName.replace(/^[\d-]*|\.md$/g, "")) || "titre"}.md`,
    );
  }

  const source = splitSource(bytes);
  for (const { field, message } of source.problems) problem(field, message);
  const { fields: meta, all: fields } =
    source.data === undefined ? { fields: {}, all: null } : validFields(source.data, sourcePath, problems);
  const publisher = context?.publisher ?? partial.publisher;
  const zone = publisher?.timeZone ?? "UTC";

  const section = meta.section === undefined ? undefined : publisher?.sections.find((s) => s.slug === meta.section);
  if (publisher && meta.section !== undefined && !section) {
    problem(
      "section",
      `"${meta.section}" is not a declared section; expected one of ${publisher.sections.map((s) => s.slug).join(", ")}`,
    );
  }
  const folder = path.basename(path.dirname(sourcePath));
  if (section && folder !== meta.section) {
    problem(
      "section",
      `"${meta.section}" does not match the folder "${folder}"; expected the file in articles/${meta.section}/`,
    );
  }

  // Valid dates parse: the schema checked them. Moved into the publisher's zone once here, so that
  // the formatters below find them there already (luxon asks Intl for the zone's offset at each move).
  const published = meta.date === undefined ? null : (parseIsoWithOffset(meta.date)?.setZone(zone) ?? null);
  if (publisher && published && place) {
    const publishedDay = toIsoDateInZone(published, zone);
    if (publishedDay !== place.fileDate) {
      problem(
        "date",
        `"${meta.date}" is ${publishedDay} in ${zone}, but the file name says ${place.fileDate}; expected them to agree`,
      );
    }
  }
  const corrected =
    publisher && published && meta.corrections ? correctionsOf(meta.corrections, published, zone, sourcePath) : null;
  if (corrected) problems.push(...corrected.problems);
  // Which authors exist is metadata: without it, names cannot be checked.
  const known = context ? (context.authors ?? []) : partial.authors;
  const byline = known ? bylineOf(meta, known, sourcePath) : null;
  if (byline) problems.push(...byline.problems);

  const tagSlugs = new Map<string, string>();
  for (const { field, message } of tagProblems(source.data, tagSlugs)) problem(field, message);

  // Checked even when other fields fail; without a section, only the URLs would be wrong.
  const photos = articlePhotos(sourcePath, { section: meta.section ?? "", image: meta.image }, context?.photos);
  problems.push(...photos.problems);
  // Live coverage: « L'essentiel » and the updates, checked against the coverage's times.
  const live = meta.live
    ? liveBody(source.body, source.bodyFirstLine, photos.resolve, meta.live, zone, sourcePath)
    : null;
  if (live) problems.push(...live.problems);
  const body = live ? live.body : renderBody(source.body, source.bodyFirstLine, photos.resolve);
  for (const { message } of body.photoProblems) problems.push({ file: sourcePath, field: "body", message });
  problems.push(...bodyProblems(body, sourcePath, "article"));
  const history = historyDates(source.data);
  if (problems.length > 0 || !context || !section || !place || !published || !fields || !byline) {
    return { problems, photoFiles: photos.files, history };
  }

  // Front matter wins over git: an editor's explicit date is a decision, a commit may be a typo fix.
  // Live coverage is modified by its updates: a commit is one of them, or a fix of one.
  const modifiedText = fields.modified || (live ? undefined : context.committed);
  const stated = modifiedText ? (parseIsoWithOffset(modifiedText)?.setZone(zone) ?? null) : null;
  // A correction is a modification: the date readers see is never before the latest one.
  const latestCorrection = corrected?.latest ?? null;
  const edited = stated && (!latestCorrection || stated >= latestCorrection) ? stated : latestCorrection;
  // The latest update is when live coverage was last modified (its dateModified).
  const latestUpdate = live?.latest ?? null;
  const modified = latestUpdate && (!edited || latestUpdate > edited) ? latestUpdate : edited;
  const words = countWords(body.text);
  const minutes = readingMinutes(words, context.settings.wordsPerMinute);
  const publishedStamp = timestamp(published, zone);
  const modifiedStamp = modified && modified > published ? timestamp(modified, zone) : null;
  const standfirst = typesetPlainText(fields.standfirst);
  const { slug } = place;

  return {
    problems,
    article: {
      sourcePath,
      slug,
      url: articleUrl(section.slug, slug),
      section: { slug: section.slug, name: section.name, url: sectionUrl(section.slug) },
      title: typesetPlainText(fields.title),
      standfirst,
      excerpt: excerpt(standfirst),
      authors: byline.byline.authors,
      credit: byline.byline.credit,
      byline: byline.byline.parts,
      tags: [...tagSlugs].map(([tagSlug, name]) => ({ name, slug: tagSlug, url: topicUrl(tagSlug) })),
      published: publishedStamp,
      modified: modifiedStamp,
      updated: modifiedStamp ?? publishedStamp,
      bodyHtml: body.html,
      leadPhoto: photos.leadPhoto,
      bodyPhotos: body.photos,
      siteLinks: body.siteLinks,
      wordCount: words,
      readingMinutes: minutes,
      readingTime: readingTimeLabel(minutes),
      draft: fields.draft,
      corrections: corrected?.corrections ?? [],
      scheduled: false,
      ...(live ? { live: live.coverage, liveUpdates: live.updates } : {}),
    },
    photoFiles: photos.files,
    history,
  };
}

/** The fields of an article only its own page shows: its body and what is counted from it. */
const BODY_FIELDS: ReadonlySet<string> = new Set([
  "bodyHtml",
  "bodyPhotos",
  "siteLinks",
  "wordCount",
  "readingMinutes",
  "readingTime",
]);

/**
 * Fields no list shows, which change with every update of live coverage: an update renders the
 * article's page again, not every list and « À lire aussi » that names it.
 */
const UNLISTED_FIELDS: ReadonlySet<string> = new Set([...BODY_FIELDS, "liveUpdates", "modified", "updated"]);

/**
 * What lists, « À lire aussi » and other pages show of an article: everything but its body, what
 * is counted from it and its modification dates. Read by key, so that a body read lazily
 * (content-cache.ts) is not read.
 */
export function listingFields(article: Article): Record<string, unknown> {
  const listed: Record<string, unknown> = {};
  for (const key of Object.keys(article)) if (!UNLISTED_FIELDS.has(key)) listed[key] = article[key as keyof Article];
  return listed;
}

/**
 * `article` with `body` in place of its body, copied field by field (in their order), so that a
 * body read lazily (content-cache.ts) is not read.
 */
export function withBodyReplaced<Body>(article: Article, body: Body): Omit<Article, "bodyHtml"> & { bodyHtml: Body } {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(article)) copy[key] = key === "bodyHtml" ? body : article[key as keyof Article];
  return copy as Omit<Article, "bodyHtml"> & { bodyHtml: Body };
}

/**
 * Hashes of what an article shows: `own`, everything (its page); `listed`, its listing fields
 * (teasers, « À lire aussi »). Taken from the article made, not from its source: an edit of
 * the metadata that leaves an article as it was (another author's name) leaves its hashes too.
 */
export function articlePrints(article: Article): { own: string; listed: string } {
  const hash = (value: unknown) => createHash("sha1").update(JSON.stringify(value)).digest("hex");
  return { own: hash(article), listed: hash(listingFields(article)) };
}

/**
 * Parses and validates one article: every problem it has, or the article. `sourcePath` is
 * relative to the working directory and ends in `<section>/<yyyy-mm-dd>-<slug>.md`.
 */
export function parseArticle(sourcePath: string, bytes: Uint8Array, context: ArticleContext): ArticleResult {
  const { problems, article, photoFiles, history } = inspectArticle(sourcePath, bytes, context);
  return article ? { ok: true, article, photoFiles, history } : { ok: false, problems, photoFiles, history };
}

/** The problems of an article source that can be found without the whole metadata (with what of it is valid), and its dates. */
export function articleProblemsWithoutMetadata(
  sourcePath: string,
  bytes: Uint8Array,
  partial: PartialMetadata = {},
): { problems: ContentProblem[]; history: HistoryDate[] } {
  const { problems, history } = inspectArticle(sourcePath, bytes, undefined, partial);
  return { problems, history };
}

/** Newest first; the URL breaks ties so the order never depends on the file system. */
export function byNewest(a: Article, b: Article): number {
  return b.published.epoch - a.published.epoch || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

/** Source file → Article: the validated, typed model every template renders. */
import path from "node:path";
import type { DateTime } from "luxon";
import { formatDateFr, formatDateTimeFr, parseIsoWithOffset, toIsoDateInZone, toIsoInZone } from "../text/dates.ts";
import { countWords, readingMinutes, readingTimeLabel } from "../text/reading-time.ts";
import { SLUG_PATTERN, slugify } from "../text/slug.ts";
import { articlePhotos, type PhotoStamp } from "./article-photos.ts";
import type { ContentProblem } from "./content-error.ts";
import type { PhotoFiles } from "./images.ts";
import { renderBody, typesetPlainText } from "./markdown.ts";
import type { LeadPhoto, ResponsivePhoto } from "./responsive-photos.ts";
import { articleFrontMatterSchema, type Publisher, type Settings, toProblems } from "./schema.ts";
import { splitSourceFile } from "./source-file.ts";
import { articleUrl, sectionUrl, topicUrl } from "./urls.ts";

/** A point in time as pages show it and as machines read it. */
export interface Timestamp {
  /** ISO 8601 with the publisher's offset: 2023-04-18T14:05:00+02:00. */
  iso: string;
  /** « mardi 18 avril 2023 à 14 h 05 ». */
  long: string;
  /** « 18 avril 2023 ». */
  short: string;
  /** Milliseconds since the epoch, for sorting. */
  epoch: number;
}

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
  author: string;
  tags: TagRef[];
  published: Timestamp;
  /** Present only when the article was modified after publication. */
  modified: Timestamp | null;
  /** The latest of published and modified, for feeds and sitemaps. */
  updated: Timestamp;
  bodyHtml: string;
  /** The front matter's `image`, or null. */
  leadPhoto: LeadPhoto | null;
  /** Photos in the text (already in bodyHtml), for publishing their files. */
  bodyPhotos: ResponsivePhoto[];
  wordCount: number;
  readingMinutes: number;
  readingTime: string;
  draft: boolean;
}

export interface ArticleContext {
  publisher: Publisher;
  settings: Settings;
  /** The file's last change in git (git-dates.ts), used when the front matter has no `modified`. */
  committed?: string;
  /** The photo files of this load, read once each (a new set when absent). */
  photos?: PhotoFiles;
}

/** `photoFiles`: every photo file the article names, found or not, so a change to one is seen. */
export type ArticleResult = ({ ok: true; article: Article } | { ok: false; problems: ContentProblem[] }) & {
  photoFiles?: PhotoStamp[];
};

export const FILE_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)\.md$/;

export function timestamp(date: DateTime, zone: string): Timestamp {
  return {
    iso: toIsoInZone(date, zone),
    long: formatDateTimeFr(date, zone),
    short: formatDateFr(date, zone),
    epoch: date.toMillis(),
  };
}

/** Cuts at a word boundary and adds an ellipsis when the text is longer than `max`. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.search(/\s\S*$/);
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.!?\u00A0\u202F]+$/u, "")}…`;
}

/**
 * Parses and validates one article. `sourcePath` is relative to the working directory and
 * ends in `<section>/<yyyy-mm-dd>-<slug>.md`.
 */
export function parseArticle(sourcePath: string, bytes: Uint8Array, context: ArticleContext): ArticleResult {
  const problem = (field: string, message: string): ArticleResult => ({
    ok: false,
    problems: [{ file: sourcePath, field, message }],
  });
  const fileName = path.basename(sourcePath);
  const nameMatch = FILE_NAME.exec(fileName);
  if (!nameMatch || !SLUG_PATTERN.test(nameMatch[2] ?? "")) {
    return problem(
      "(file name)",
      `"${fileName}" is not <yyyy-mm-dd>-<ascii-slug>.md; expected e.g. 2023-04-18-${slugify(fileName.replace(/^[\d-]*|\.md$/g, "")) || "titre"}.md`,
    );
  }
  const [, fileDate = "", slug = ""] = nameMatch;

  const source = splitSourceFile(bytes);
  if (!source.ok) return problem(source.field, source.message);

  const parsed = articleFrontMatterSchema.safeParse(source.data);
  if (!parsed.success) return { ok: false, problems: toProblems(sourcePath, parsed.error, articleFrontMatterSchema) };
  const meta = parsed.data;
  const { publisher } = context;
  const zone = publisher.timeZone;
  const problems: ContentProblem[] = [];

  const section = publisher.sections.find((s) => s.slug === meta.section);
  if (!section) {
    problems.push({
      file: sourcePath,
      field: "section",
      message: `"${meta.section}" is not a declared section; expected one of ${publisher.sections.map((s) => s.slug).join(", ")}`,
    });
  }
  const folder = path.basename(path.dirname(sourcePath));
  if (section && folder !== meta.section) {
    problems.push({
      file: sourcePath,
      field: "section",
      message: `"${meta.section}" does not match the folder "${folder}"; expected the file in articles/${meta.section}/`,
    });
  }

  // Both parse: the schema checked them. Moved into the publisher's zone once here, so that the
  // formatters below find them there already (luxon asks Intl for the zone's offset at each move).
  const published = (parseIsoWithOffset(meta.date) as DateTime).setZone(zone);
  // Front matter wins over git: an editor's explicit date is a decision, a commit may be a typo fix.
  const modifiedText = meta.modified || context.committed;
  const modified = modifiedText ? (parseIsoWithOffset(modifiedText)?.setZone(zone) ?? null) : null;
  const publishedDay = toIsoDateInZone(published, zone);
  if (publishedDay !== fileDate) {
    problems.push({
      file: sourcePath,
      field: "date",
      message: `"${meta.date}" is ${publishedDay} in ${zone}, but the file name says ${fileDate}; expected them to agree`,
    });
  }

  const tagSlugs = new Map<string, string>();
  meta.tags.forEach((name, index) => {
    const tagSlug = slugify(name);
    if (tagSlug === "") {
      problems.push({
        file: sourcePath,
        field: `tags.${index}`,
        message: `"${name}" has no letters or digits; expected a word`,
      });
    } else if (tagSlugs.has(tagSlug)) {
      problems.push({
        file: sourcePath,
        field: `tags.${index}`,
        message: `"${name}" repeats "${tagSlugs.get(tagSlug)}"; expected each tag once`,
      });
    } else {
      tagSlugs.set(tagSlug, name);
    }
  });

  const photos = articlePhotos(sourcePath, meta, context.photos);
  problems.push(...photos.problems);
  const body = renderBody(source.body, source.bodyFirstLine, photos.resolve);
  for (const { message } of body.photoProblems) problems.push({ file: sourcePath, field: "body", message });
  if (body.text === "") {
    problems.push({
      file: sourcePath,
      field: "body",
      message: "is empty; expected the article's text after the front matter",
    });
  }
  for (const heading of body.headings) {
    if (heading.level === 1) {
      problems.push({
        file: sourcePath,
        field: "body",
        message: `line ${heading.line}: a level-1 heading (#); expected ## for subheadings, the headline comes from title`,
      });
    }
  }
  for (const { kind, url } of body.rejectedUrls) {
    problems.push({
      file: sourcePath,
      field: "body",
      message:
        kind === "link"
          ? `${JSON.stringify(url)} is not an allowed link; expected an http(s)://, mailto:, root-relative (/…) or #fragment URL`
          : `${JSON.stringify(url)} is not an allowed image; expected a root-relative path (/…): pages load nothing from another origin`,
    });
  }
  if (problems.length > 0 || !section) return { ok: false, problems, photoFiles: photos.files };

  const words = countWords(body.text);
  const minutes = readingMinutes(words, context.settings.wordsPerMinute);
  const publishedStamp = timestamp(published, zone);
  const modifiedStamp = modified && modified > published ? timestamp(modified, zone) : null;
  const standfirst = typesetPlainText(meta.standfirst);

  return {
    ok: true,
    article: {
      sourcePath,
      slug,
      url: articleUrl(section.slug, slug),
      section: { slug: section.slug, name: section.name, url: sectionUrl(section.slug) },
      title: typesetPlainText(meta.title),
      standfirst,
      excerpt: excerpt(standfirst),
      author: typesetPlainText(meta.author),
      tags: [...tagSlugs].map(([tagSlug, name]) => ({
        name: typesetPlainText(name),
        slug: tagSlug,
        url: topicUrl(tagSlug),
      })),
      published: publishedStamp,
      modified: modifiedStamp,
      updated: modifiedStamp ?? publishedStamp,
      bodyHtml: body.html,
      leadPhoto: photos.leadPhoto,
      bodyPhotos: body.photos,
      wordCount: words,
      readingMinutes: minutes,
      readingTime: readingTimeLabel(minutes),
      draft: meta.draft,
    },
    photoFiles: photos.files,
  };
}

/** Newest first; the URL breaks ties so the order never depends on the file system. */
export function byNewest(a: Article, b: Article): number {
  return b.published.epoch - a.published.epoch || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

/**
 * What `npm run new` and `npm run import` share: read the publisher metadata, place the new
 * article, check it exactly as the build will, and write it without ever overwriting a file.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import { parseArticle } from "../input/article.ts";
import { type Author, unknownAuthorMessage } from "../input/authors.ts";
import { ContentValidationError, findContentValidationError, formatProblem } from "../input/content-error.ts";
import { type ContentPaths, resolveContentPaths, type SourceDirectories } from "../input/content-paths.ts";
import { readEnvironment } from "../input/environment.ts";
import { readMetadata } from "../input/load-sources.ts";
import type { Publisher } from "../input/schema.ts";
import { resolveSiteUrl, type SiteUrl } from "../input/site-url.ts";
import { toIsoInZone } from "../text/dates.ts";
import { shownPath } from "../text/shown-path.ts";
import { SLUG_PATTERN, slugify } from "../text/slug.ts";
import { articlePlace, formatArticleSource, type NewArticleMeta, parseEditorDate } from "./article-source.ts";

/** The options both commands take (parseArgs format). */
export const ARTICLE_OPTIONS = {
  section: { type: "string" },
  title: { type: "string" },
  date: { type: "string" },
  author: { type: "string" },
  /** Slugs of authors.yaml, "claire-martin, jean-dupont". */
  authors: { type: "string" },
  tags: { type: "string" },
  slug: { type: "string" },
  articles: { type: "string" },
  data: { type: "string" },
} as const;

/** A mistake in how the command was called: printed with the usage, exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export type Metadata = ReturnType<typeof readMetadata>;

/** The flags both commands read, as parseArgs gives them. */
export interface ArticleFlags {
  title?: string | undefined;
  section?: string | undefined;
  date?: string | undefined;
  slug?: string | undefined;
  author?: string | undefined;
  authors?: string | undefined;
  tags?: string | undefined;
  articles?: string | undefined;
  data?: string | undefined;
}

/** What a new article's command asked for, checked against the project. */
export interface ArticleRequest {
  paths: ContentPaths;
  metadata: Metadata;
  /** Where the article will be published (SITE_URL and PATH_PREFIX applied). */
  siteUrl: SiteUrl;
  title: string;
  section: string;
  /** ISO 8601 with the publisher's offset. */
  date: string;
  /** The free byline: --author, or « La Rédaction » when no author is named. */
  author: string | undefined;
  /** Slugs of authors.yaml (--authors), checked. */
  authors: string[];
  tags: string[];
  /** --slug, checked; undefined: the slug comes from the title. */
  slug: string | undefined;
}

/**
 * Reads and checks the flags both commands take, and the metadata they are checked against.
 * Without `now`, --date is required; with it, --date defaults to it.
 */
export function readArticleRequest(
  flags: ArticleFlags,
  directories: SourceDirectories,
  now?: DateTime,
): ArticleRequest {
  const title = required(flags.title, "--title", '"Le titre de l’article"');
  const sectionFlag = required(flags.section, "--section", "international");
  const dateFlag = now ? flags.date : required(flags.date, "--date", "2023-04-18T14:05");
  const paths = resolveContentPaths({ articles: flags.articles, data: flags.data }, directories);
  const metadata = readMetadata(paths.dataDir);
  const zone = metadata.publisher.timeZone;
  const section = checkSection(sectionFlag, metadata.publisher);
  const slug = chosenSlug(flags.slug);
  const date =
    dateFlag === undefined && now ? toIsoInZone(now.startOf("second"), zone) : parseEditorDate(dateFlag ?? "", zone);
  if (!date) {
    throw new UsageError(
      `--date "${dateFlag}" is not a date-time; expected e.g. 2023-04-18T14:05 (${zone}) or 2023-04-18T14:05:00+02:00`,
    );
  }
  const siteUrl = resolveSiteUrl(metadata.publisher.url, readEnvironment());
  const authors = checkAuthors(tagList(flags.authors), metadata.authors);
  return {
    paths,
    metadata,
    siteUrl,
    title,
    section,
    date,
    slug,
    authors,
    author: flags.author ?? (authors.length > 0 ? undefined : "La Rédaction"),
    tags: tagList(flags.tags),
  };
}

/** The slugs if authors.yaml declares them all; a usage error naming the first unknown one (and the closest) otherwise. */
export function checkAuthors(slugs: string[], known: readonly Author[]): string[] {
  for (const slug of slugs) {
    if (!known.some((author) => author.slug === slug))
      throw new UsageError(`--authors ${unknownAuthorMessage(slug, known)}`);
  }
  const twice = slugs.find((slug, index) => slugs.indexOf(slug) !== index);
  if (twice) throw new UsageError(`--authors "${twice}" is named twice; expected each author once`);
  return slugs;
}

/** The section's slug if the publisher declares it; a usage error listing the choices otherwise. */
export function checkSection(section: string, publisher: Publisher): string {
  if (publisher.sections.some((s) => s.slug === section)) return section;
  throw new UsageError(
    `--section "${section}" is not a declared section; expected one of ${publisher.sections.map((s) => s.slug).join(", ")}`,
  );
}

export interface CreatedArticle {
  file: string;
  /** Root-relative URL. */
  url: string;
}

/** --slug if given (checked), else undefined: the slug then comes from the title. */
export function chosenSlug(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!SLUG_PATTERN.test(value))
    throw new UsageError(
      `--slug "${value}" is not an ASCII slug; expected e.g. ${slugify(value) || "li-shangfu-moscou"}`,
    );
  return value;
}

export function createArticle(
  articlesDir: string,
  metadata: Metadata,
  meta: NewArticleMeta,
  body: string,
  slug?: string,
): CreatedArticle {
  const { publisher } = metadata;
  const place = articlePlace(meta, publisher.timeZone, slug);
  const file = path.join(articlesDir, place.relativePath);
  if (place.slug === "") throw new UsageError(`--title "${meta.title}" has no letters or digits to make a URL from`);

  // Same slug in the same section, whatever the day: same URL, so the build would refuse it.
  const folder = path.dirname(file);
  let siblings: string[] = [];
  try {
    siblings = readdirSync(folder);
  } catch {
    // A section's first article: the folder is created below.
  }
  const taken = siblings.find((name) => name.replace(/^\d{4}-\d{2}-\d{2}-/, "") === `${place.slug}.md`);
  if (taken) {
    throw new UsageError(
      `${shownPath(path.join(folder, taken))} already exists with the URL ${place.url}; refusing to overwrite it (choose another title)`,
    );
  }

  const source = formatArticleSource(meta, body);
  const checked = parseArticle(shownPath(file), Buffer.from(source, "utf8"), metadata);
  if (!checked.ok) throw new ContentValidationError(checked.problems);

  mkdirSync(folder, { recursive: true });
  // "wx": fails instead of overwriting, even if the file appeared since the check above.
  try {
    writeFileSync(file, source, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new UsageError(`${shownPath(file)} already exists; refusing to overwrite it`);
    throw error;
  }
  return { file, url: place.url };
}

/** Runs a command's body and turns the errors editors can cause into messages and exit codes. */
export function runCommand(usage: string, body: () => void): void {
  try {
    body();
  } catch (error) {
    const invalid = findContentValidationError(error);
    if (invalid) {
      console.error(`Nothing was written: ${invalid.problems.length} problem(s).`);
      for (const problem of invalid.problems) console.error(formatProblem(problem));
      process.exitCode = 1;
    } else if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  }
}

/** A required option's value, or a usage error naming it. */
export function required(value: string | undefined, flag: string, example: string): string {
  if (value === undefined || value.trim() === "")
    throw new UsageError(`missing ${flag}: expected e.g. ${flag} ${example}`);
  return value.trim();
}

/** "Chine, Russie" → ["Chine", "Russie"]. */
export function tagList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
}

/** What was written and where it will be published (SITE_URL and PATH_PREFIX applied). */
export function reportCreated(created: CreatedArticle, siteUrl: SiteUrl, note?: string): void {
  console.log(`Wrote ${shownPath(created.file)}`);
  if (note) console.log(note);
  console.log(`URL once published: ${created.url} (${siteUrl.absolute(created.url)})`);
}

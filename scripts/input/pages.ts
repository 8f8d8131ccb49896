/**
 * Pages about the publisher (« À propos », « Contact », « Mentions légales », the editorial
 * charter, the corrections policy): plain Markdown files in src/pages/, `<slug>.md`, published
 * at /<slug>/ with the articles' renderer and typography. publisher.yaml lists them (their order
 * in the footer) and says what each is to search engines (`roles`). A publisher that lists
 * none has none, and the folder is not read; one that lists some must list every file there.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import { parseIsoWithOffset } from "../text/dates.ts";
import { shownPath } from "../text/shown-path.ts";
import { SLUG_PATTERN, slugify } from "../text/slug.ts";
import type { AccessibilityStatement } from "./accessibility.ts";
import { type Timestamp, timestamp } from "./article.ts";
import { otherMarkdownExtension } from "./article-files.ts";
import { bodyProblems } from "./body-problems.ts";
import type { ContentProblem } from "./content-error.ts";
import type { LegalNotice } from "./legal-notice.ts";
import { renderBody, typesetPlainText } from "./markdown.ts";
import type { PrivacyNotice } from "./privacy.ts";
import { readSource } from "./read-source.ts";
import { type Publisher, type TrustPageRole, toProblems, trustPageFrontMatterSchema } from "./schema.ts";
import { splitSourceFile } from "./source-file.ts";
import { trustPageUrl } from "./urls.ts";

export interface TrustPage {
  sourcePath: string;
  slug: string;
  /** Root-relative: /a-propos/. */
  url: string;
  title: string;
  /** Shown under the title, and the page's meta description. */
  description: string;
  bodyHtml: string;
  /** The front matter's `updated`, shown as « Mis à jour le … ». */
  updated: Timestamp | null;
  roles: TrustPageRole[];
  /** On the contact page (role contactPoint): the publisher's e-mail address, shown under the text. */
  email: string | null;
  /** What the footer's link says, when not the title (« Accessibilité : non conforme »). */
  linkText?: string;
  /** The pages the law asks for (scripts/input/legal-pages.ts): what the build makes from data, shown before the text. */
  legalNotice?: LegalNotice;
  privacy?: PrivacyNotice;
  accessibility?: AccessibilityStatement;
}

/**
 * The pages the law asks every publisher for, made by the build from data (legal-pages.ts), at
 * these slugs, after the pages publisher.yaml lists: a file of the pages folder with one of these
 * names is text the publisher adds to the generated part, and publisher.yaml does not list them.
 */
export const LEGAL_PAGE_SLUGS = ["mentions-legales", "donnees-personnelles", "accessibilite"] as const;
export type LegalPageSlug = (typeof LEGAL_PAGE_SLUGS)[number];

const isLegalSlug = (slug: string): slug is LegalPageSlug => (LEGAL_PAGE_SLUGS as readonly string[]).includes(slug);

/**
 * The page files of the folder; none when the folder is absent or the publisher lists no page.
 * Every `*.md` entry whatever its type (readSource refuses a FIFO or a folder with a word), and
 * Markdown saved under another extension as a problem, as for articles (article-files.ts).
 */
function pageFiles(
  pagesDir: string | undefined,
  publisher: Publisher,
): { files: string[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  if (!pagesDir || publisher.pages.length === 0) return { files: [], problems };
  let entries: string[];
  try {
    entries = readdirSync(pagesDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { files: [], problems };
    problems.push({
      file: shownPath(pagesDir),
      field: "(folder)",
      message: `cannot be listed (${code}); expected a readable folder`,
    });
    return { files: [], problems };
  }
  const files: string[] = [];
  for (const name of entries.sort()) {
    if (name.startsWith(".")) continue;
    const full = path.join(pagesDir, name);
    if (name.endsWith(".md")) files.push(full);
    else {
      const other = otherMarkdownExtension(name);
      if (other) problems.push({ file: shownPath(full), field: "(file name)", message: other });
    }
  }
  return { files, problems };
}

function parseTrustPage(
  file: string,
  bytes: Uint8Array,
  publisher: Publisher,
): { page: TrustPage | null; problems: ContentProblem[] } {
  const sourcePath = shownPath(file);
  const slug = path.basename(file, ".md");
  const fail = (field: string, message: string) => ({ page: null, problems: [{ file: sourcePath, field, message }] });
  const listed = isLegalSlug(slug) ? { slug, roles: [] } : publisher.pages.find((ref) => ref.slug === slug);
  if (!SLUG_PATTERN.test(slug)) {
    return fail(
      "(file name)",
      `"${path.basename(file)}" is not <ascii-slug>.md; expected e.g. ${slugify(slug) || "a-propos"}.md`,
    );
  }
  if (!listed) {
    return fail(
      "(file name)",
      `"${slug}" is not listed under pages in publisher.yaml; expected "- slug: ${slug}" there (its place in the footer)`,
    );
  }
  const source = splitSourceFile(bytes);
  if (!source.ok) return fail(source.field, source.message);
  const parsed = trustPageFrontMatterSchema.safeParse(source.data);
  if (!parsed.success) {
    return { page: null, problems: toProblems(sourcePath, parsed.error, trustPageFrontMatterSchema) };
  }
  const body = renderBody(source.body, source.bodyFirstLine);
  const problems = bodyProblems(body, sourcePath, "page");
  if (problems.length > 0) return { page: null, problems };
  const zone = publisher.timeZone;
  const meta = parsed.data;
  const updated = meta.updated ? timestamp((parseIsoWithOffset(meta.updated) as DateTime).setZone(zone), zone) : null;
  return {
    page: {
      sourcePath,
      slug,
      url: trustPageUrl(slug),
      title: typesetPlainText(meta.title),
      description: typesetPlainText(meta.description),
      bodyHtml: body.html,
      updated,
      roles: listed.roles,
      email: listed.roles.includes("contactPoint") ? (publisher.email ?? null) : null,
    },
    problems: [],
  };
}

/**
 * Reads the pages folder: every page publisher.yaml lists, in its order, and the text the
 * publisher adds to the legal pages (`legalTexts`, by slug). `keys` change when a file does (for
 * the preview's signature of what was read).
 */
export function loadTrustPages(
  pagesDir: string | undefined,
  publisher: Publisher,
  publisherFile: string,
): {
  pages: TrustPage[];
  legalTexts: Map<LegalPageSlug, TrustPage>;
  problems: ContentProblem[];
  keys: string[];
} {
  const problems: ContentProblem[] = [];
  const bySlug = new Map<string, TrustPage>();
  const keys: string[] = [];
  const { files, problems: listing } = pageFiles(pagesDir, publisher);
  problems.push(...listing);
  for (const file of files) {
    const source = readSource(file);
    if (!source.ok) {
      problems.push({ file: shownPath(file), field: "(file)", message: source.message });
      continue;
    }
    const { bytes } = source;
    keys.push(file, bytes.toString("base64"));
    const result = parseTrustPage(file, bytes, publisher);
    problems.push(...result.problems);
    if (result.page) bySlug.set(result.page.slug, result.page);
  }
  const found = new Set(files.map((file) => path.basename(file, ".md")));
  publisher.pages.forEach((ref, index) => {
    if (isLegalSlug(ref.slug)) {
      problems.push({
        file: shownPath(publisherFile),
        field: `pages.${index}.slug`,
        message: `"${ref.slug}" is a page the build makes from data, after the pages listed here; expected it left out of pages (its own text, if any, in ${ref.slug}.md)`,
      });
    } else if (!found.has(ref.slug)) {
      problems.push({
        file: shownPath(publisherFile),
        field: `pages.${index}.slug`,
        message: `"${ref.slug}" has no page; expected ${pagesDir ? shownPath(path.join(pagesDir, `${ref.slug}.md`)) : `${ref.slug}.md in the pages folder`}`,
      });
    }
  });
  const pages = publisher.pages.flatMap((ref) => (isLegalSlug(ref.slug) ? [] : (bySlug.get(ref.slug) ?? [])));
  const legalTexts = new Map(
    LEGAL_PAGE_SLUGS.flatMap((slug) => {
      const page = bySlug.get(slug);
      return page ? [[slug, page] as const] : [];
    }),
  );
  return { pages, legalTexts, problems, keys };
}

/**
 * The build's closing line: what the site holds, by kind of page, how many pages were rendered
 * (the others were kept from the last build), how many warnings, how long, and the articles held
 * back for later.
 * «Built dist/ in 1.31 s: 1 home, 5 section pages, 120 article pages, 1 404, 1 stylesheet (128 files); rebuilt 3 of 126 pages; no warnings»
 * «…; no warnings; 2 articles scheduled, the next at 2024-03-08T09:00:00+01:00»
 */
import path from "node:path";
import type { WrittenOutput } from "../eleventy/run.ts";
import type { PageKind, PagePrint } from "../lists/page-fingerprints.ts";

/** Names by template file; a template not listed here is named after its file (feed.njk → feed). */
const KINDS: Record<string, [singular: string, plural: string]> = {
  index: ["home", "home pages"],
  section: ["section page", "section pages"],
  article: ["article page", "article pages"],
  topic: ["topic page", "topic pages"],
  topics: ["topic index", "topic indexes"],
  "archive-month": ["month page", "month pages"],
  archives: ["archive index", "archive indexes"],
  author: ["author page", "author pages"],
  authors: ["author index", "author indexes"],
  "trust-pages": ["page about the publisher", "pages about the publisher"],
  feeds: ["feed", "feeds"],
  "crawler-files": ["sitemap or robots.txt", "sitemaps and robots.txt"],
  "indexnow-key": ["IndexNow key file", "IndexNow key files"],
};

/** The template that renders each kind of page the build may keep (src/article.njk, src/lists/*.njk). */
const TEMPLATE_OF: Record<PageKind, string> = {
  article: "article",
  homePages: "index",
  sectionPages: "section",
  topicPages: "topic",
  monthPages: "archive-month",
  authorPages: "author",
};

function kindOf(inputPath: string): string {
  return path.basename(inputPath).replace(/\..*$/, "");
}

function label(kind: string, count: number): string {
  const [singular, plural] = KINDS[kind] ?? [kind, kind.endsWith("s") ? kind : `${kind}s`];
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Counts outputs (and kept pages) by template: home, sections, articles first, then the others by name. */
export function countByKind(outputs: WrittenOutput[], kept: readonly PagePrint[] = []): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (kind: string) => counts.set(kind, (counts.get(kind) ?? 0) + 1);
  for (const output of outputs) add(kindOf(output.inputPath));
  for (const page of kept) add(TEMPLATE_OF[page.kind]);
  const known = Object.keys(KINDS);
  const rank = (kind: string) => (known.includes(kind) ? known.indexOf(kind) : known.length);
  return new Map([...counts].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
}

export interface BuildSummary {
  outDir: string;
  /** The share built (« 2/3 »), when the build is one share of the site. */
  share?: string;
  /** What Eleventy wrote. */
  outputs: WrittenOutput[];
  /** The pages taken from the last build. */
  kept?: readonly PagePrint[];
  /** How many of the content's pages were rendered; when all of them, why. */
  rendered?: { pages: number; of: number; cleanBecause?: string | undefined };
  files: number;
  warnings: number;
  seconds: number;
  /** Articles dated after the build time, soonest first (their ISO publication dates). */
  scheduled?: readonly string[];
}

export function formatBuildSummary(summary: BuildSummary): string {
  const kinds = [...countByKind(summary.outputs, summary.kept)].map(([kind, count]) => label(kind, count)).join(", ");
  const { rendered } = summary;
  const pages = !rendered
    ? ""
    : rendered.cleanBecause !== undefined
      ? `; rendered all ${rendered.of} pages (${rendered.cleanBecause})`
      : `; rebuilt ${rendered.pages} of ${rendered.of} pages`;
  const warnings =
    summary.warnings === 0 ? "no warnings" : `${summary.warnings} warning${summary.warnings === 1 ? "" : "s"} (above)`;
  const [next] = summary.scheduled ?? [];
  const count = summary.scheduled?.length ?? 0;
  const scheduled =
    next === undefined ? "" : `; ${count} article${count === 1 ? "" : "s"} scheduled, the next at ${next}`;
  const share = summary.share === undefined ? "" : ` (share ${summary.share})`;
  return `Built ${summary.outDir}/${share} in ${summary.seconds.toFixed(2)} s: ${kinds} (${summary.files} files)${pages}; ${warnings}${scheduled}`;
}

/**
 * The build's closing line: what was written, by kind of page, how many warnings, how long, and
 * the articles held back for later.
 * «Built dist/ in 2.31 s: 1 home, 5 section pages, 120 article pages, 1 404, 1 stylesheet (128 files); no warnings»
 * «…; no warnings; 2 articles scheduled, the next at 2024-03-08T09:00:00+01:00»
 */
import path from "node:path";

import type { WrittenOutput } from "../eleventy/run.ts";

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
};

function kindOf(inputPath: string): string {
  return path.basename(inputPath).replace(/\..*$/, "");
}

function label(kind: string, count: number): string {
  const [singular, plural] = KINDS[kind] ?? [kind, kind.endsWith("s") ? kind : `${kind}s`];
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Counts outputs by template: home, sections, articles first, then the others by name. */
export function countByKind(outputs: WrittenOutput[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const output of outputs) counts.set(kindOf(output.inputPath), (counts.get(kindOf(output.inputPath)) ?? 0) + 1);
  const known = Object.keys(KINDS);
  const rank = (kind: string) => (known.includes(kind) ? known.indexOf(kind) : known.length);
  return new Map([...counts].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
}

export function formatBuildSummary(summary: {
  outDir: string;
  outputs: WrittenOutput[];
  files: number;
  warnings: number;
  seconds: number;
  /** Articles dated after the build time, soonest first (their ISO publication dates). */
  scheduled?: readonly string[];
}): string {
  const kinds = [...countByKind(summary.outputs)].map(([kind, count]) => label(kind, count)).join(", ");
  const warnings =
    summary.warnings === 0 ? "no warnings" : `${summary.warnings} warning${summary.warnings === 1 ? "" : "s"} (above)`;
  const [next] = summary.scheduled ?? [];
  const count = summary.scheduled?.length ?? 0;
  const scheduled =
    next === undefined ? "" : `; ${count} article${count === 1 ? "" : "s"} scheduled, the next at ${next}`;
  return `Built ${summary.outDir}/ in ${summary.seconds.toFixed(2)} s: ${kinds} (${summary.files} files); ${warnings}${scheduled}`;
}

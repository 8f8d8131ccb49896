/**
 * Live coverage (« En direct »): an article whose front matter has `live: { start, end }` and
 * whose body is « L'essentiel » (what to know so far) followed by its updates, newest first,
 * each a level-2 heading with its time and headline:
 *
 *   ---
 *   live:
 *     start: 2024-03-05T07:30:00+01:00
 *   ---
 *   Les cortèges partent à 14 heures ; la mobilisation s'annonce forte.
 *
 *   ## 2024-03-05T09:45+01:00 — Les premiers chiffres de grévistes
 *
 *   Le ministère compte 24 % de grévistes dans les écoles.
 *
 *   ## 2024-03-05T07:30+01:00 — Le trafic très perturbé
 *
 *   …
 *
 * Each update has a time with its offset, within the coverage, earlier than the update above it;
 * a headline; and text or a photo. The article's body is written here as the page shows it: the
 * summary, then each update with its time linked to its own anchor. Where each update sits in
 * that HTML is kept (offsets), so that structured data and feeds take an update's text from the
 * body when they need it, and the cached index of articles (content-cache.ts) stays small.
 */
import type { DateTime } from "luxon";
import { formatDateFr, formatTimeFr, isoWithOffsetProblem, parseIsoWithOffset, toIsoInZone } from "../text/dates.ts";
import type { ContentProblem } from "./content-error.ts";
import type { PhotoLookup } from "./figures.ts";
import { LOOKS_LIKE_A_TIME } from "./live-headings.ts";
import { type RenderedBody, renderBodyParts } from "./markdown.ts";
import type { ResponsivePhoto } from "./responsive-photos.ts";
import { type Timestamp, timestamp } from "./timestamp.ts";

/** What lists and the page's header show of live coverage. */
export interface LiveCoverage {
  start: Timestamp;
  /** When it ends or ended: set once it is over, or planned. */
  end: Timestamp | null;
  /** « En direct », « Terminé » once `end` has come (liveAt). */
  label: string;
  ended: boolean;
}

/** One update, as structured data and feeds need it; its HTML is in the article's bodyHtml. */
export interface LiveUpdate {
  /** Its anchor on the page: maj-2024-03-05-14h05. */
  id: string;
  /** ISO 8601 with the publisher's offset. */
  iso: string;
  epoch: number;
  /** Its line in the source, for messages. */
  line: number;
  /** The headline, typeset, as plain text. */
  headline: string;
  /** Where the update's text (after its heading) is in bodyHtml: [start, end). */
  text: [number, number];
  /** Where the whole update ends in bodyHtml (a prefix ending there is whole updates). */
  end: number;
  /** Its first photo's JPEG, for structured data. */
  image: { path: string; width: number; height: number } | null;
}

export const LIVE_LABEL = "En direct";
export const ENDED_LABEL = "Terminé";
const SUMMARY_TITLE = "L\u2019essentiel";
const EXAMPLE = "## 2024-03-05T14:05+01:00 — Le cortège s'élance";

export interface LiveBody {
  body: RenderedBody;
  coverage: LiveCoverage;
  /** Newest first, as the page shows them. */
  updates: LiveUpdate[];
  /** The newest update's time. */
  latest: DateTime | null;
  problems: ContentProblem[];
}

/** Why an update's heading does not start with a time: the slips editors make, named. */
function timeProblem(raw: string, timeText: string): string {
  const spaced = /^\s*(\d{4}-\d{2}-\d{2}) (\d{1,2}:\d{2}\S*)/.exec(raw);
  if (spaced) {
    return `"${spaced[1]} ${spaced[2]}" has a space between the day and the time; expected a T (${spaced[1]}T${spaced[2]})`;
  }
  if (/^\d{1,2}(?::|h)\d{2}$/.test(timeText)) {
    return `"${timeText}" is a time without its day; expected the day, the time and the offset (e.g. 2024-03-05T${timeText.replace("h", ":").padStart(5, "0")}+01:00)`;
  }
  if (LOOKS_LIKE_A_TIME.test(timeText)) return `${JSON.stringify(timeText)} ${isoWithOffsetProblem(timeText)}`;
  return `"## ${raw}" does not start with its time; expected ${EXAMPLE} for an update, or ### for a subheading inside one`;
}

function jpegOf(photo: ResponsivePhoto): LiveUpdate["image"] {
  const jpeg = photo.renditions.find((rendition) => rendition.format === "jpeg" && !rendition.crop);
  return jpeg ? { path: jpeg.path, width: jpeg.width, height: jpeg.height } : null;
}

/**
 * Renders and checks a live article's body. `live` is the front matter's (valid: the schema
 * checked it); `zone` the publisher's time zone.
 */
export function liveBody(
  markdown: string,
  firstLine: number,
  resolvePhoto: PhotoLookup | undefined,
  live: { start: string; end?: string },
  zone: string,
  file: string,
): LiveBody {
  const problems: ContentProblem[] = [];
  const problem = (message: string) => problems.push({ file, field: "body", message });
  const start = (parseIsoWithOffset(live.start) as DateTime).setZone(zone);
  const end = live.end === undefined ? null : (parseIsoWithOffset(live.end) as DateTime).setZone(zone);
  const rendered = renderBodyParts(markdown, firstLine, resolvePhoto, zone);
  const [summary, ...parts] = rendered.parts;

  if (parts.length === 0) {
    problem(`has no update; expected updates after « L'essentiel », each a heading such as ${EXAMPLE}`);
  } else if (summary && summary.text === "" && summary.photos.length === 0) {
    problem(
      `has nothing before its first update (line ${parts[0]?.heading?.line}); expected « L'essentiel »: a few lines that sum up the story so far`,
    );
  }
  for (const deeper of rendered.timedSubheadings) {
    problem(`line ${deeper.line}: a level-${deeper.level} heading starts with a time; expected ## for an update`);
  }

  let html = `<section class="live-summary" aria-labelledby="l-essentiel"><h2 id="l-essentiel">${SUMMARY_TITLE}</h2>${summary?.html ?? ""}</section>`;
  const updates: LiveUpdate[] = [];
  let above: { line: number; timeText: string; time: DateTime } | null = null;
  let latest: DateTime | null = null;
  for (const part of parts) {
    const heading = part.heading;
    if (!heading) continue;
    const at = `line ${heading.line}`;
    const { time, timeText, id } = heading;
    if (!time || !id) {
      problem(`${at}: ${timeProblem(heading.raw, timeText)}`);
      continue;
    }
    if (heading.text === "") problem(`${at}: the update of ${timeText} has no headline; expected ${EXAMPLE}`);
    if (part.text === "" && part.photos.length === 0) {
      problem(`${at}: the update of ${timeText} has no text; expected a paragraph or a photo under its heading`);
    }
    if (time < start) {
      problem(`${at}: ${timeText} is before live.start (${live.start}); expected a time within the coverage`);
    } else if (end && time > end) {
      problem(`${at}: ${timeText} is after live.end (${live.end}); expected a time within the coverage`);
    }
    if (above && time >= above.time) {
      problem(
        `${at}: ${timeText} is not earlier than the update above it (line ${above.line}, ${above.timeText}); expected the newest update first, each one earlier than the one above it`,
      );
    }
    above = { line: heading.line, timeText, time };
    if (!latest || time > latest) latest = time;

    const iso = toIsoInZone(time, zone);
    const opening = `<article class="live-update" id="${id}"><p class="live-time"><a href="#${id}"><time datetime="${iso}">${formatTimeFr(time, zone)}</time></a> <span class="live-day">${formatDateFr(time, zone)}</span></p><h2>${heading.html}</h2>`;
    const textStart = html.length + opening.length;
    html += `${opening}${part.html}</article>`;
    const photo = part.photos[0];
    updates.push({
      id,
      iso,
      epoch: time.toMillis(),
      line: heading.line,
      headline: heading.text,
      text: [textStart, textStart + part.html.length],
      end: html.length,
      image: photo ? jpegOf(photo) : null,
    });
  }

  return {
    body: { ...rendered, html },
    coverage: {
      start: timestamp(start, zone),
      end: end ? timestamp(end, zone) : null,
      label: end ? ENDED_LABEL : LIVE_LABEL,
      ended: end !== null,
    },
    updates,
    latest,
    problems,
  };
}

const BLOCK_END = /<\/(?:p|li|h[1-6]|blockquote|pre|figure|figcaption|tr)>|<br>/g;
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/**
 * An update's text as plain text, paragraphs separated by a blank line: what structured data
 * calls its articleBody. The body's HTML is the renderer's (no raw HTML from editors), so every
 * `<` starts a tag and text has only these entities.
 */
export function updateText(bodyHtml: string, update: LiveUpdate): string {
  return (
    bodyHtml
      .slice(update.text[0], update.text[1])
      .replace(BLOCK_END, "\n")
      .replace(/<[^>]*>/g, "")
      .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
      .split("\n")
      // Only breakable spaces are folded: French typography's no-break spaces stay.
      .map((line) => line.replace(/[ \t\r]+/g, " ").trim())
      .filter((line) => line !== "")
      .join("\n\n")
  );
}

/**
 * Live coverage as a build at `buildTime` shows it: an end still to come (a planned one) leaves
 * it « En direct » until the first build after it, like an article dated later waits for its
 * build. Articles are made as if their end had come (the usual case: `end` is added once the
 * coverage is over); only those whose end is later change, and are copied.
 */
export function liveAt<T extends { live?: LiveCoverage }>(article: T, buildTime: DateTime): T {
  const live = article.live;
  if (!live?.end || live.end.epoch <= buildTime.toMillis()) return article;
  return { ...article, live: { ...live, ended: false, label: LIVE_LABEL } };
}

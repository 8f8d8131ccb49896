/**
 * Corrections: an article corrected after publication says so, with a dated notice at its end
 * (« Correction du 18 avril 2023 à 16 h 30 : … »), never silently. Front matter lists them
 * (`corrections: [{ date, text }]`); the article's modification date is then at least the
 * latest one's.
 */
import type { DateTime } from "luxon";
import { formatDayAndTimeFr, parseIsoWithOffset, toIsoInZone } from "../text/dates.ts";
import type { ContentProblem } from "./content-error.ts";
import { typesetPlainText } from "./markdown.ts";

export interface Correction {
  /** ISO 8601 with the publisher's offset, as <time datetime> and JSON-LD show it. */
  iso: string;
  /** « 18 avril 2023 à 16 h 30 ». */
  when: string;
  /** Milliseconds since the epoch. */
  epoch: number;
  /** What was corrected, typeset. */
  text: string;
}

/**
 * The article's corrections, oldest first, and the latest one's date; a problem for each dated
 * before the article's publication. Dates are the schema's (they parse).
 */
export function correctionsOf(
  entries: readonly { date: string; text: string }[],
  published: DateTime,
  zone: string,
  file: string,
): { corrections: Correction[]; latest: DateTime | null; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const corrections: Correction[] = [];
  let latest: DateTime | null = null;
  entries.forEach((entry, index) => {
    const date = (parseIsoWithOffset(entry.date) as DateTime).setZone(zone);
    if (date < published) {
      problems.push({
        file,
        field: `corrections.${index}.date`,
        message: `"${entry.date}" is before the publication date "${toIsoInZone(published, zone)}"; expected the same time or later`,
      });
      return;
    }
    if (!latest || date > latest) latest = date;
    corrections.push({
      iso: toIsoInZone(date, zone),
      when: formatDayAndTimeFr(date, zone),
      epoch: date.toMillis(),
      text: typesetPlainText(entry.text),
    });
  });
  corrections.sort((a, b) => a.epoch - b.epoch);
  return { corrections, latest, problems };
}

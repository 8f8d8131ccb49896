/** Dates as French readers and machines read them, in the publisher's time zone. */
import { DateTime, Info } from "luxon";

export const DEFAULT_ZONE = "Europe/Paris";

/** ISO 8601 date-time with seconds optional and an explicit offset (Z or ±hh:mm). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Why a text is not an ISO date-time with offset, as the end of a "found … is not …" message,
 * or null when it is one. Distinguishes the common slips: no offset, a date alone, an
 * impossible day or hour.
 */
export function isoWithOffsetProblem(text: string): string | null {
  if (parseIsoWithOffset(text) !== null) return null;
  const example = "e.g. 2023-04-18T14:05:00+02:00";
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `has no time; expected a date-time with offset (${example})`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?$/.test(text)) {
    return `has no UTC offset; expected a date-time ending in Z or ±hh:mm (${example})`;
  }
  if (ISO_WITH_OFFSET.test(text))
    return `is not a real date and time; expected an existing day and a time up to 23:59 (${example})`;
  return `is not an ISO 8601 date-time with offset (${example})`;
}

// Validation and the article model each parse an article's dates (five times in all); luxon's
// DateTime is immutable, so one parse per text serves them all. Bounded for long previews.
const parsedDates = new Map<string, DateTime | null>();
const PARSED_DATES_KEPT = 50_000;

/** Parses an ISO date-time that carries its offset; null when the text is not one or is impossible. */
export function parseIsoWithOffset(text: string): DateTime | null {
  let parsed = parsedDates.get(text);
  if (parsed === undefined) {
    const candidate = ISO_WITH_OFFSET.test(text) ? DateTime.fromISO(text, { setZone: true }) : null;
    parsed = candidate?.isValid ? candidate : null;
    if (parsedDates.size >= PARSED_DATES_KEPT) parsedDates.clear();
    parsedDates.set(text, parsed);
  }
  return parsed;
}

// French month and weekday names, asked of luxon (and Intl) once: formatting a pattern with
// them for every date was most of the cost of loading an article's dates.
const MONTHS = Info.months("long", { locale: "fr" });
/** Monday first, as luxon's `weekday` (1–7). */
const WEEKDAYS = Info.weekdays("long", { locale: "fr" });

function dayMonthYear(d: DateTime): string {
  return `${d.day === 1 ? "1er" : String(d.day)}\u00A0${MONTHS[d.month - 1]} ${d.year}`;
}

/** « 14 h 05 », with no-break spaces. */
function clockTime(d: DateTime): string {
  return `${d.hour}\u00A0h\u00A0${String(d.minute).padStart(2, "0")}`;
}

/** « 18 avril 2023 », « 1er mai 2023 ». */
export function formatDateFr(date: DateTime, zone = DEFAULT_ZONE): string {
  return dayMonthYear(date.setZone(zone));
}

/** « mardi 18 avril 2023 à 14 h 05 » (no-break spaces keep the time on one line). */
export function formatDateTimeFr(date: DateTime, zone = DEFAULT_ZONE): string {
  const d = date.setZone(zone);
  return `${WEEKDAYS[d.weekday - 1]} ${dayMonthYear(d)} à ${clockTime(d)}`;
}

/** « 18 avril 2023 à 16 h 30 »: a date-time inside a sentence, without the weekday. */
export function formatDayAndTimeFr(date: DateTime, zone = DEFAULT_ZONE): string {
  const d = date.setZone(zone);
  return `${dayMonthYear(d)} à ${clockTime(d)}`;
}

/** Machine-readable, with the zone's offset: 2023-04-18T14:05:00+02:00. */
export function toIsoInZone(date: DateTime, zone = DEFAULT_ZONE): string {
  return date.setZone(zone).toISO({ suppressMilliseconds: true, includeOffset: true }) ?? "";
}

/** The calendar date in the zone, as used in file names: 2023-04-18. */
export function toIsoDateInZone(date: DateTime, zone = DEFAULT_ZONE): string {
  return date.setZone(zone).toISODate() ?? "";
}

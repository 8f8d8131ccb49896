/**
 * Dates as French readers and machines read them, in the publisher's time zone. Nothing here
 * reads the machine's zone or locale: dates are moved into the zone they are shown in, and
 * French names come from the tables below, not from the machine's Intl data.
 */
import { DateTime } from "luxon";

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
  if (ISO_WITH_OFFSET.test(text) && offsetMinutes(text) === null) {
    return `has the UTC offset ${text.slice(-6)}; expected one from -12:00 to +14:00, the offsets in use on Earth (${example})`;
  }
  if (ISO_WITH_OFFSET.test(text))
    return `is not a real date and time; expected an existing day and a time from 00:00 to 23:59 (${example})`;
  return `is not an ISO 8601 date-time with offset (${example})`;
}

/** The offsets clocks have used since time zones exist: UTC−12:00 (Baker Island) to UTC+14:00 (Kiribati). */
const EARLIEST_OFFSET = -12 * 60;
const LATEST_OFFSET = 14 * 60;

/** The offset a text that matches ISO_WITH_OFFSET ends with, in minutes; null when no clock uses it. */
function offsetMinutes(text: string): number | null {
  if (text.endsWith("Z")) return 0;
  const sign = text.at(-6) === "-" ? -1 : 1;
  const hours = Number(text.slice(-5, -3));
  const minutes = Number(text.slice(-2));
  const offset = sign * (hours * 60 + minutes);
  return minutes < 60 && offset >= EARLIEST_OFFSET && offset <= LATEST_OFFSET ? offset : null;
}

// Validation and the article model each parse an article's dates (five times in all); luxon's
// DateTime is immutable, so one parse per text serves them all. Bounded for long previews.
const parsedDates = new Map<string, DateTime | null>();
const PARSED_DATES_KEPT = 50_000;

/**
 * Parses an ISO date-time that carries its offset; null when the text is not one or is
 * impossible. Stricter than luxon, which reads 24:00 as the next day's midnight and accepts any
 * offset up to ±99:59: a time is 00:00 to 23:59, an offset -12:00 to +14:00.
 */
export function parseIsoWithOffset(text: string): DateTime | null {
  let parsed = parsedDates.get(text);
  if (parsed === undefined) {
    const candidate =
      ISO_WITH_OFFSET.test(text) && text.slice(11, 13) !== "24" && offsetMinutes(text) !== null
        ? DateTime.fromISO(text, { setZone: true })
        : null;
    parsed = candidate?.isValid ? candidate : null;
    if (parsedDates.size >= PARSED_DATES_KEPT) parsedDates.clear();
    parsedDates.set(text, parsed);
  }
  return parsed;
}

// French month and weekday names, written out: formatting a pattern for every date was most of
// the cost of loading an article's dates, and a name asked of Intl for a date comes out in the
// machine's zone (the archive's months changed with TZ near month boundaries).
export const MONTHS_FR: readonly string[] = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];
/** Monday first, as luxon's `weekday` (1–7). */
const WEEKDAYS_FR: readonly string[] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

function dayMonthYear(d: DateTime): string {
  return `${d.day === 1 ? "1er" : String(d.day)}\u00A0${MONTHS_FR[d.month - 1]} ${d.year}`;
}

/** « 14 h 05 », with no-break spaces. */
function clockTime(d: DateTime): string {
  return `${d.hour}\u00A0h\u00A0${String(d.minute).padStart(2, "0")}`;
}

/** « 14 h 05 »: a time of day on its own (no-break spaces). */
export function formatTimeFr(date: DateTime, zone = DEFAULT_ZONE): string {
  return clockTime(date.setZone(zone));
}

/** « 18 avril 2023 », « 1er mai 2023 ». */
export function formatDateFr(date: DateTime, zone = DEFAULT_ZONE): string {
  return dayMonthYear(date.setZone(zone));
}

/** « mardi 18 avril 2023 à 14 h 05 » (no-break spaces keep the time on one line). */
export function formatDateTimeFr(date: DateTime, zone = DEFAULT_ZONE): string {
  const d = date.setZone(zone);
  return `${WEEKDAYS_FR[d.weekday - 1]} ${dayMonthYear(d)} à ${clockTime(d)}`;
}

/** « 18 avril 2023 à 16 h 30 »: a date-time inside a sentence, without the weekday. */
export function formatDayAndTimeFr(date: DateTime, zone = DEFAULT_ZONE): string {
  const d = date.setZone(zone);
  return `${dayMonthYear(d)} à ${clockTime(d)}`;
}

/**
 * Machine-readable, with the zone's offset: 2023-04-18T14:05:00+02:00. Before standard time
 * zones, places kept their local mean time, an offset in seconds (Paris +00:09:21 until 1911)
 * that ISO 8601 and HTML cannot write: such a time is written in UTC, exactly, rather than with
 * a rounded offset that would move it by up to a minute.
 */
export function toIsoInZone(date: DateTime, zone = DEFAULT_ZONE): string {
  const inZone = date.setZone(zone);
  const exact = Number.isInteger(inZone.offset) ? inZone : inZone.toUTC();
  return exact.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? "";
}

/** The calendar date in the zone, as used in file names: 2023-04-18. */
export function toIsoDateInZone(date: DateTime, zone = DEFAULT_ZONE): string {
  return date.setZone(zone).toISODate() ?? "";
}

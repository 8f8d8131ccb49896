/** A point in time as pages show it and as machines read it. */
import type { DateTime } from "luxon";
import { formatDateFr, formatDateTimeFr, toIsoDateInZone, toIsoInZone } from "../text/dates.ts";

export interface Timestamp {
  /** ISO 8601 with the publisher's offset: 2023-04-18T14:05:00+02:00. */
  iso: string;
  /** « mardi 18 avril 2023 à 14 h 05 ». */
  long: string;
  /** « 18 avril 2023 ». */
  short: string;
  /** The calendar day in the publisher's zone: 2023-04-18 (the archive's month, the file name's date). */
  day: string;
  /** Milliseconds since the epoch, for sorting. */
  epoch: number;
}

export function timestamp(date: DateTime, zone: string): Timestamp {
  return {
    iso: toIsoInZone(date, zone),
    long: formatDateTimeFr(date, zone),
    short: formatDateFr(date, zone),
    day: toIsoDateInZone(date, zone),
    epoch: date.toMillis(),
  };
}

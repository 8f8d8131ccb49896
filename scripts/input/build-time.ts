/**
 * The build's "now". Anything on a page that depends on the current time (a sitemap's window,
 * a feed's lastBuildDate) takes it from here, so that SOURCE_DATE_EPOCH (seconds since the
 * epoch, https://reproducible-builds.org/specs/source-date-epoch/) makes builds reproducible.
 */
import { DateTime } from "luxon";

/**
 * SOURCE_DATE_EPOCH when set (a non-negative integer number of seconds), else the current
 * time; always in UTC so the host's TZ never leaks into the output. Throws on a malformed
 * value rather than silently building with the wall clock.
 */
export function buildTime(env: NodeJS.ProcessEnv = process.env): DateTime {
  const raw = env.SOURCE_DATE_EPOCH?.trim();
  if (raw === undefined || raw === "") return DateTime.utc();
  if (!/^\d+$/.test(raw)) {
    throw new Error(`SOURCE_DATE_EPOCH: "${raw}" is not a whole number of seconds since 1970-01-01T00:00:00Z`);
  }
  return DateTime.fromSeconds(Number(raw), { zone: "utc" });
}

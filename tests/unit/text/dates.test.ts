import { DateTime, Info } from "luxon";
import { describe, expect, it } from "vitest";
import {
  formatDateFr,
  formatDateTimeFr,
  formatDayAndTimeFr,
  isoWithOffsetProblem,
  MONTHS_FR,
  parseIsoWithOffset,
  toIsoDateInZone,
  toIsoInZone,
} from "../../../scripts/text/dates.ts";

const at = (iso: string) => {
  const parsed = parseIsoWithOffset(iso);
  if (!parsed) throw new Error(`bad fixture ${iso}`);
  return parsed;
};

describe("parseIsoWithOffset", () => {
  it.each([
    "2023-04-18T14:05:00+02:00",
    "2023-04-18T12:05Z",
    "2023-04-18T14:05:00.250+02:00",
    "2023-04-18T23:59:59+14:00",
    "2023-04-18T00:00:00-12:00",
    "1850-01-01T00:05:00+00:09",
  ])("accepts %s", (iso) => expect(parseIsoWithOffset(iso)).not.toBeNull());

  it.each([
    "18/04/2023",
    "2023-04-18",
    "2023-04-18T14:05:00",
    "2023-02-30T10:00:00+01:00",
    "2023-04-18T25:00:00+02:00",
    // luxon reads these as the next day's midnight and as an offset of 99 hours.
    "2023-04-18T24:00:00+02:00",
    "2023-04-18T24:00+02:00",
    "2023-04-18T12:00:00+99:59",
    "2023-04-18T12:00:00+14:01",
    "2023-04-18T12:00:00-12:30",
    "2023-04-18T12:00:00+02:60",
    "",
  ])("rejects %j", (text) => expect(parseIsoWithOffset(text)).toBeNull());
});

describe("French dates in Paris time", () => {
  it("writes a date and time inside a sentence without the weekday (« Correction du … »)", () => {
    expect(formatDayAndTimeFr(at("2023-04-18T14:30:00Z"))).toBe("18\u00A0avril 2023 à 16\u00A0h\u00A030");
    expect(formatDayAndTimeFr(at("2023-05-01T07:05:00+02:00"))).toBe("1er\u00A0mai 2023 à 7\u00A0h\u00A005");
  });

  it("writes the seed's publication date in full", () => {
    expect(formatDateTimeFr(at("2023-04-18T14:05:00+02:00"))).toBe("mardi 18\u00A0avril 2023 à 14\u00A0h\u00A005");
  });

  it("converts to Paris time whatever the source offset", () => {
    expect(formatDateTimeFr(at("2023-04-18T12:05:00Z"))).toBe("mardi 18\u00A0avril 2023 à 14\u00A0h\u00A005");
    expect(toIsoInZone(at("2023-04-18T12:05:00Z"))).toBe("2023-04-18T14:05:00+02:00");
  });

  it("uses winter time offsets", () => {
    expect(toIsoInZone(at("2023-01-10T08:00:00Z"))).toBe("2023-01-10T09:00:00+01:00");
  });

  it("names every weekday and month of a year in French, Sunday and December included", () => {
    expect(formatDateTimeFr(at("2023-01-01T00:05:00+01:00"))).toBe("dimanche 1er\u00A0janvier 2023 à 0\u00A0h\u00A005");
    expect(formatDateTimeFr(at("2023-12-31T23:59:00+01:00"))).toBe(
      "dimanche 31\u00A0décembre 2023 à 23\u00A0h\u00A059",
    );
    const days = Array.from(
      { length: 7 },
      (_, k) => formatDateTimeFr(at(`2024-01-0${k + 1}T12:00:00+01:00`)).split(" ")[0],
    );
    expect(days).toEqual(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]);
    const months = Array.from(
      { length: 12 },
      (_, k) => formatDateFr(at(`2024-${String(k + 1).padStart(2, "0")}-15T12:00:00Z`)).split(/\s/)[1],
    );
    expect(months).toEqual([
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
    ]);
  });

  it("writes 1er for the first day of a month", () => {
    expect(formatDateFr(at("2023-05-01T09:00:00+02:00"))).toBe("1er\u00A0mai 2023");
    expect(formatDateTimeFr(at("2023-05-01T09:00:00+02:00"))).toBe("lundi 1er\u00A0mai 2023 à 9\u00A0h\u00A000");
    expect(formatDateFr(at("2023-05-02T09:00:00+02:00"))).toBe("2\u00A0mai 2023");
  });

  it("takes the calendar day in Paris, not in UTC", () => {
    expect(toIsoDateInZone(at("2023-04-17T23:30:00Z"))).toBe("2023-04-18");
  });

  it("writes a time of local mean time (an offset in seconds) exactly, in UTC", () => {
    // Paris kept +00:09:21 until 1911; ISO 8601 has no seconds in offsets.
    const iso = toIsoInZone(at("1890-06-01T12:00:00+01:00"));
    expect(iso).toBe("1890-06-01T11:00:00Z");
    expect(at(iso).toMillis()).toBe(at("1890-06-01T12:00:00+01:00").toMillis());
    expect(formatDateTimeFr(at("1890-06-01T12:00:00+01:00"))).toBe("dimanche 1er\u00A0juin 1890 à 11\u00A0h\u00A009");
  });

  it("names months and weekdays as the French locale does", () => {
    expect(MONTHS_FR).toEqual(Info.months("long", { locale: "fr" }));
  });

  it("does not depend on the machine's time zone", () => {
    const date = DateTime.fromISO("2023-04-18T14:05:00+02:00", { zone: "America/Los_Angeles" });
    expect(formatDateTimeFr(date)).toBe("mardi 18\u00A0avril 2023 à 14\u00A0h\u00A005");
  });
});

describe("isoWithOffsetProblem", () => {
  it.each([
    ["2023-04-18T14:05:00+02:00", null],
    ["2023-04-18", "has no time"],
    ["2023-04-18T14:05:00", "has no UTC offset"],
    ["2023-02-30T10:00:00+01:00", "is not a real date and time"],
    ["2023-04-18T25:00:00+02:00", "is not a real date and time"],
    [
      "2023-04-18T24:00:00+02:00",
      "is not a real date and time; expected an existing day and a time from 00:00 to 23:59",
    ],
    ["2023-04-18T12:00:00+99:59", "has the UTC offset +99:59; expected one from -12:00 to +14:00"],
    ["18/04/2023", "is not an ISO 8601 date-time with offset (e.g. 2023-04-18T14:05:00+02:00)"],
  ])("explains %j", (text, reason) => {
    const problem = isoWithOffsetProblem(text);
    if (reason === null) expect(problem).toBeNull();
    else expect(problem).toContain(reason);
  });
});

import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  formatDateFr,
  formatDateTimeFr,
  formatDayAndTimeFr,
  isoWithOffsetProblem,
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
  it.each(["2023-04-18T14:05:00+02:00", "2023-04-18T12:05Z", "2023-04-18T14:05:00.250+02:00"])("accepts %s", (iso) =>
    expect(parseIsoWithOffset(iso)).not.toBeNull(),
  );

  it.each([
    "18/04/2023",
    "2023-04-18",
    "2023-04-18T14:05:00",
    "2023-02-30T10:00:00+01:00",
    "2023-04-18T25:00:00+02:00",
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
    ["18/04/2023", "is not an ISO 8601 date-time with offset (e.g. 2023-04-18T14:05:00+02:00)"],
  ])("explains %j", (text, reason) => {
    const problem = isoWithOffsetProblem(text);
    if (reason === null) expect(problem).toBeNull();
    else expect(problem).toContain(reason);
  });
});

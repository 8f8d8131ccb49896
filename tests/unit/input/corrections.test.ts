import { describe, expect, it } from "vitest";
import { correctionsOf } from "../../../scripts/input/corrections.ts";
import { parseIsoWithOffset } from "../../../scripts/text/dates.ts";

const FILE = "src/articles/international/2023-04-18-un-titre.md";
const ZONE = "Europe/Paris";
const published = parseIsoWithOffset("2023-04-18T14:05:00+02:00")!.setZone(ZONE);

describe("correctionsOf", () => {
  it("dates each notice in the publisher's zone, typesets it, and puts the oldest first", () => {
    const { corrections, latest, problems } = correctionsOf(
      [
        { date: "2023-05-01T07:05:00Z", text: "Le ministre s'appelle Li Shangfu." },
        { date: "2023-04-18T16:30:00+02:00", text: "Une date était fausse : le 18, pas le 17." },
      ],
      published,
      ZONE,
      FILE,
    );
    expect(problems).toEqual([]);
    expect(corrections).toEqual([
      {
        iso: "2023-04-18T16:30:00+02:00",
        when: "18\u00A0avril 2023 à 16\u00A0h\u00A030",
        epoch: Date.parse("2023-04-18T14:30:00Z"),
        text: "Une date était fausse\u00A0: le 18, pas le 17.",
      },
      {
        iso: "2023-05-01T09:05:00+02:00",
        when: "1er\u00A0mai 2023 à 9\u00A0h\u00A005",
        epoch: Date.parse("2023-05-01T07:05:00Z"),
        text: "Le ministre s\u2019appelle Li Shangfu.",
      },
    ]);
    expect(latest?.toMillis()).toBe(Date.parse("2023-05-01T07:05:00Z"));
  });

  it("accepts a correction at the very time of publication", () => {
    expect(correctionsOf([{ date: "2023-04-18T12:05:00Z", text: "Un mot." }], published, ZONE, FILE).problems).toEqual(
      [],
    );
  });

  it("refuses a correction dated before the article, naming which one", () => {
    const { corrections, problems } = correctionsOf(
      [
        { date: "2023-04-18T16:30:00+02:00", text: "Bonne date." },
        { date: "2023-04-18T10:00:00+02:00", text: "Avant la publication." },
      ],
      published,
      ZONE,
      FILE,
    );
    expect(problems).toEqual([
      {
        file: FILE,
        field: "corrections.1.date",
        message:
          '"2023-04-18T10:00:00+02:00" is before the publication date "2023-04-18T14:05:00+02:00"; expected the same time or later',
      },
    ]);
    expect(corrections).toHaveLength(1);
  });

  it("has nothing to say about an article never corrected", () => {
    expect(correctionsOf([], published, ZONE, FILE)).toEqual({ corrections: [], latest: null, problems: [] });
  });
});

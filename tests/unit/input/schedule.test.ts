import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { applySchedule, isScheduled } from "../../../scripts/input/schedule.ts";
import { fakeArticle } from "../../helpers/fake-article.ts";

const buildTime = DateTime.fromISO("2024-03-06T12:00:00Z");
// Newest first, as articles are loaded.
const later = fakeArticle("plus-tard", "2024-03-08T09:00:00+01:00", "culture");
const soon = fakeArticle("bientot", "2024-03-06T13:30:00+01:00", "culture");
const draft = { ...fakeArticle("brouillon", "2024-03-07T09:00:00+01:00", "culture"), draft: true };
const now = fakeArticle("maintenant", "2024-03-06T13:00:00+01:00", "culture");
const past = fakeArticle("hier", "2024-03-05T10:00:00+01:00", "culture");
const articles = [later, draft, soon, now, past];

describe("applySchedule", () => {
  it("leaves out of a build every article dated after the build time", () => {
    const { articles: shown, scheduled } = applySchedule(articles, buildTime, false);
    expect(shown.map((a) => a.slug)).toEqual(["maintenant", "hier"]);
    // Soonest first; a draft is not waiting to be published.
    expect(scheduled.map((a) => a.slug)).toEqual(["bientot", "plus-tard"]);
  });

  it("publishes an article dated exactly at the build time", () => {
    expect(isScheduled(now, buildTime)).toBe(false);
    expect(isScheduled(soon, buildTime)).toBe(true);
  });

  it("keeps them for the preview, marked, in their place in the list", () => {
    const { articles: shown } = applySchedule(articles, buildTime, true);
    expect(shown.map((a) => [a.slug, a.scheduled])).toEqual([
      ["plus-tard", true],
      ["brouillon", true],
      ["bientot", true],
      ["maintenant", false],
      ["hier", false],
    ]);
    // The loaded article itself is not changed (the preview's cache keeps it).
    expect(later.scheduled).toBe(false);
  });
});

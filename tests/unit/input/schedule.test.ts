import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { applySchedule, isScheduled, linksNotYetPublished } from "../../../scripts/input/schedule.ts";
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

describe("linksNotYetPublished", () => {
  const linking = (slug: string, iso: string, ...links: string[]) => ({
    ...fakeArticle(slug, iso, "culture"),
    siteLinks: links,
  });
  const brouillon = { ...fakeArticle("brouillon", "2024-03-07T09:00:00+01:00", "culture"), draft: true };

  it("names a published article's link to a scheduled one, both articles and when the link will work", () => {
    const from = linking("hier", "2024-03-05T10:00:00+01:00", "/culture/plus-tard/");
    expect(linksNotYetPublished([from, later], [], buildTime)).toEqual([
      {
        file: "culture/2024-03-05-hier.md",
        field: "body",
        message:
          "links to /culture/plus-tard/ (culture/2024-03-08-plus-tard.md), scheduled for 2024-03-08T09:00:00+01:00: the page would hold a broken link until then; expected the link added once it is published, or this article scheduled at 2024-03-08T09:00:00+01:00 or later",
      },
    ]);
  });

  it("finds the link written without its final slash, or to the page's file", () => {
    for (const link of ["/culture/plus-tard", "/culture/plus-tard/index.html"]) {
      const body = linking("hier", "2024-03-05T10:00:00+01:00", link);
      expect(linksNotYetPublished([body, later], [], buildTime), link).toHaveLength(1);
    }
  });

  it("names a link to a draft, and one from a scheduled article to another due later", () => {
    const toDraft = linking("hier", "2024-03-05T10:00:00+01:00", "/culture/brouillon/");
    const early = linking("bientot", "2024-03-06T13:30:00+01:00", "/culture/plus-tard/");
    const late = linking("plus-tard", "2024-03-08T09:00:00+01:00", "/culture/bientot/");
    const problems = linksNotYetPublished([toDraft, early, late], [brouillon], buildTime);
    expect(problems.map((problem) => problem.message)).toEqual([
      "links to /culture/brouillon/ (culture/2024-03-07-brouillon.md), a draft: the page would hold a broken link until it is published; expected a link to a published article",
      expect.stringMatching(
        /^links to \/culture\/plus-tard\/ .*, scheduled for 2024-03-08T09:00:00\+01:00: this article, scheduled for 2024-03-06T13:30:00\+01:00, would hold a broken link until then/,
      ),
    ]);
  });

  it("says nothing of links to published articles, or to one due before the linking article", () => {
    const toPast = linking(
      "maintenant",
      "2024-03-06T13:00:00+01:00",
      "/culture/hier/",
      "/culture/",
      "/assets/logo.svg",
    );
    expect(linksNotYetPublished([toPast, past, later], [], buildTime)).toEqual([]);
  });
});

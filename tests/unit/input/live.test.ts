import { parseHTML } from "linkedom";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { PhotoLookup } from "../../../scripts/input/figures.ts";
import { ENDED_LABEL, LIVE_LABEL, liveAt, liveBody, updateText } from "../../../scripts/input/live.ts";
import { NBSP, NNBSP } from "../../../scripts/text/typography.ts";
import { makeArticle } from "../../helpers/articles.ts";
import { bodyPhotoOf } from "../../helpers/photo-files.ts";

const FILE = "src/articles/international/2024-03-05-direct.md";
const ZONE = "Europe/Paris";
const COVERAGE = { start: "2024-03-05T07:00:00+01:00" };

/** Every photo is found, 1600×1067, beside the article. */
const lookup: PhotoLookup = (src) => ({ ok: true, photo: bodyPhotoOf(src) });

const live = (body: string, coverage: { start: string; end?: string } = COVERAGE) =>
  liveBody(body, 10, lookup, coverage, ZONE, FILE);
const messages = (body: string, coverage?: { start: string; end?: string }) =>
  live(body, coverage).problems.map((problem) => `${problem.field}: ${problem.message}`);
const parse = (html: string) => parseHTML(`<!doctype html><body>${html}</body>`).document;

const BODY = [
  "Les cortèges partent à 14 heures; la mobilisation s'annonce forte.", // line 10
  "",
  "## 2024-03-05T09:45+01:00 — Les premiers chiffres: *24 %*", // line 12
  "",
  "Le ministère compte 24 % de grévistes. « C'est énorme! »",
  "",
  "### Dans les lycées",
  "",
  "Moins de grévistes.",
  "",
  "## 2024-03-05T07:30:00+01:00 — Le trafic très perturbé", // line 20
  "",
  "![Un quai de gare désert](quai.jpg)",
  "Le quai de la gare de Lyon, vide.",
  "Photo : Claire Martin",
  "",
  "Un train sur deux.",
].join("\n");

describe("a live article's body", () => {
  it("shows « L'essentiel », then each update newest first with its time, anchor and permalink", () => {
    const { body, updates, problems } = live(BODY);
    expect(problems).toEqual([]);
    const document = parse(body.html);
    const summary = document.querySelector("section.live-summary");
    expect(summary?.querySelector("h2")?.textContent).toBe("L\u2019essentiel");
    expect(summary?.getAttribute("aria-labelledby")).toBe(summary?.querySelector("h2")?.id);
    const articles = [...document.querySelectorAll("article.live-update")];
    expect(articles.map((article) => article.id)).toEqual(["maj-2024-03-05-09h45", "maj-2024-03-05-07h30"]);
    expect(articles.map((article) => article.querySelector("time")?.getAttribute("datetime"))).toEqual([
      "2024-03-05T09:45:00+01:00",
      "2024-03-05T07:30:00+01:00",
    ]);
    // The time, and the day: Google asks for both to be visible.
    expect(articles[0]?.querySelector(".live-time")?.textContent).toBe(`9${NBSP}h${NBSP}45 5${NBSP}mars 2024`);
    for (const article of articles) {
      expect(article.querySelector(".live-time a")?.getAttribute("href")).toBe(`#${article.id}`);
    }
    expect(updates.map((update) => [update.id, update.iso, update.line])).toEqual([
      ["maj-2024-03-05-09h45", "2024-03-05T09:45:00+01:00", 12],
      ["maj-2024-03-05-07h30", "2024-03-05T07:30:00+01:00", 20],
    ]);
  });

  it("typesets the headline without its time, the text, and the photos of an update", () => {
    const { body, updates } = live(BODY);
    const document = parse(body.html);
    const [first, second] = [...document.querySelectorAll("article.live-update")];
    expect(first?.querySelector("h2")?.innerHTML).toBe("Les premiers chiffres&#160;: <em>24 %</em>");
    expect(first?.querySelector("h3")?.id).toBe("dans-les-lycees");
    expect(first?.querySelector("p:not(.live-time)")?.textContent).toBe(
      `Le ministère compte 24 % de grévistes. «${NNBSP}C’est énorme${NNBSP}!${NNBSP}»`,
    );
    expect(document.querySelector(".live-summary p")?.textContent).toBe(
      `Les cortèges partent à 14 heures${NNBSP}; la mobilisation s’annonce forte.`,
    );
    expect(second?.querySelector("figure img")?.getAttribute("alt")).toBe("Un quai de gare désert");
    expect(updates.map((update) => update.headline)).toEqual([
      `Les premiers chiffres${NBSP}: 24 %`,
      "Le trafic très perturbé",
    ]);
    expect(updates[1]?.image).toEqual({ path: "/photos/international/quai-800.jpg", width: 800, height: 534 });
    expect(updates[0]?.image).toBeNull();
    expect(body.photos).toHaveLength(1);
  });

  it("knows where each update's text is in the body, for structured data and feeds", () => {
    const { body, updates } = live(BODY);
    const [newest, oldest] = updates;
    expect(updateText(body.html, newest as (typeof updates)[0])).toBe(
      `Le ministère compte 24 % de grévistes. «${NNBSP}C’est énorme${NNBSP}!${NNBSP}»\n\nDans les lycées\n\nMoins de grévistes.`,
    );
    expect(updateText(body.html, oldest as (typeof updates)[0])).toBe(
      `Le quai de la gare de Lyon, vide. Photo${NBSP}: Claire Martin\n\nUn train sur deux.`,
    );
    // A prefix ending where an update ends is whole updates.
    const prefix = parse(body.html.slice(0, newest?.end));
    expect([...prefix.querySelectorAll("article")].map((article) => article.id)).toEqual(["maj-2024-03-05-09h45"]);
    expect(body.html.slice(0, oldest?.end)).toBe(body.html);
  });

  it("says « En direct » until the front matter gives an end, then « Terminé »", () => {
    expect(live(BODY).coverage).toMatchObject({ label: LIVE_LABEL, ended: false, end: null });
    const ended = live(BODY, { ...COVERAGE, end: "2024-03-05T20:00:00+01:00" }).coverage;
    expect(ended).toMatchObject({ label: ENDED_LABEL, ended: true, end: { iso: "2024-03-05T20:00:00+01:00" } });
    expect(ended.start.iso).toBe("2024-03-05T07:00:00+01:00");
  });

  it("writes a time given in another offset in the publisher's, and adds seconds to the anchor when there are some", () => {
    const { updates } = live("Résumé.\n\n## 2024-03-05T13:05:30Z — Une mise à jour\n\nTexte.\n");
    expect(updates.map((update) => [update.id, update.iso])).toEqual([
      ["maj-2024-03-05-14h05m30", "2024-03-05T14:05:30+01:00"],
    ]);
  });

  it("keeps subheadings off the ids of « L'essentiel » and of the updates", () => {
    const { body } = live("Résumé.\n\n## 2024-03-05T09:00+01:00 — Une\n\n### L'essentiel\n\nTexte.\n");
    expect(parse(body.html).querySelector("h3")?.id).toBe("l-essentiel-2");
  });
});

describe("what a live article's body may not be, one line each", () => {
  const update = (heading: string, text = "Texte.") => `## ${heading}\n\n${text}\n`;

  it("an update without a time, with a time that is not one, or without a headline", () => {
    expect(messages(`Résumé.\n\n${update("Contexte")}`)).toEqual([
      'body: line 12: "## Contexte" does not start with its time; expected ## 2024-03-05T14:05+01:00 — Le cortège s\'élance for an update, or ### for a subheading inside one',
    ]);
    expect(messages(`Résumé.\n\n${update("14 h 05 — Le cortège")}`)).toEqual([
      'body: line 12: "14" is not an ISO 8601 date-time with offset (e.g. 2023-04-18T14:05:00+02:00)',
    ]);
    expect(messages(`Résumé.\n\n${update("2024-03-05T14:05 — Le cortège")}`)).toEqual([
      'body: line 12: "2024-03-05T14:05" has no UTC offset; expected a date-time ending in Z or ±hh:mm (e.g. 2023-04-18T14:05:00+02:00)',
    ]);
    expect(messages(`Résumé.\n\n${update("2024-03-05T14:05+01:00")}`)).toEqual([
      "body: line 12: the update of 2024-03-05T14:05+01:00 has no headline; expected ## 2024-03-05T14:05+01:00 — Le cortège s'élance",
    ]);
  });

  it("the slips made writing a time: a space for the T, a time without its day, a dash touching the time", () => {
    expect(messages(`Résumé.\n\n${update("2024-03-05 14:05+01:00 — Le cortège")}`)).toEqual([
      'body: line 12: "2024-03-05 14:05+01:00" has a space between the day and the time; expected a T (2024-03-05T14:05+01:00)',
    ]);
    expect(messages(`Résumé.\n\n${update("9h05 — Le cortège")}`)).toEqual([
      'body: line 12: "9h05" is a time without its day; expected the day, the time and the offset (e.g. 2024-03-05T09:05+01:00)',
    ]);
    const touching = live(`Résumé.\n\n${update("2024-03-05T14:05+01:00—Le cortège")}`);
    expect(touching.problems).toEqual([]);
    expect(touching.updates.map((u) => u.headline)).toEqual(["Le cortège"]);
  });

  it("updates out of order, or at one time", () => {
    const body = `Résumé.\n\n${update("2024-03-05T09:00+01:00 — Avant")}\n${update("2024-03-05T10:00+01:00 — Après")}`;
    expect(messages(body)).toEqual([
      "body: line 16: 2024-03-05T10:00+01:00 is not earlier than the update above it (line 12, 2024-03-05T09:00+01:00); expected the newest update first, each one earlier than the one above it",
    ]);
    const same = `Résumé.\n\n${update("2024-03-05T09:00+01:00 — Une")}\n${update("2024-03-05T08:00Z — Deux")}`;
    expect(messages(same)).toHaveLength(1);
  });

  it("an update outside the coverage", () => {
    expect(messages(`Résumé.\n\n${update("2024-03-05T06:59+01:00 — Trop tôt")}`)).toEqual([
      "body: line 12: 2024-03-05T06:59+01:00 is before live.start (2024-03-05T07:00:00+01:00); expected a time within the coverage",
    ]);
    const ended = { ...COVERAGE, end: "2024-03-05T20:00:00+01:00" };
    expect(messages(`Résumé.\n\n${update("2024-03-05T20:01+01:00 — Trop tard")}`, ended)).toEqual([
      "body: line 12: 2024-03-05T20:01+01:00 is after live.end (2024-03-05T20:00:00+01:00); expected a time within the coverage",
    ]);
  });

  it("no « L'essentiel », no update at all, an update with nothing under it, an update with ###", () => {
    expect(messages(update("2024-03-05T09:00+01:00 — Une"))).toEqual([
      "body: has nothing before its first update (line 10); expected « L'essentiel »: a few lines that sum up the story so far",
    ]);
    expect(messages("Résumé seul.\n")).toEqual([
      "body: has no update; expected updates after « L'essentiel », each a heading such as ## 2024-03-05T14:05+01:00 — Le cortège s'élance",
    ]);
    expect(messages(`Résumé.\n\n## 2024-03-05T09:00+01:00 — Une\n`)).toEqual([
      "body: line 12: the update of 2024-03-05T09:00+01:00 has no text; expected a paragraph or a photo under its heading",
    ]);
    expect(
      messages(`Résumé.\n\n${update("2024-03-05T09:00+01:00 — Une")}\n### 2024-03-05T08:00+01:00 — Deux\n\nTexte.\n`),
    ).toEqual(["body: line 16: a level-3 heading starts with a time; expected ## for an update"]);
  });

  it("reports every problem of a body at once", () => {
    const body = `${update("Contexte")}\n${update("2024-03-05T09:00+01:00 — Une")}\n${update("2024-03-05T06:00+01:00")}`;
    expect(messages(body)).toHaveLength(4);
  });
});

describe("live coverage and the build time", () => {
  const planned = makeArticle({
    date: "2024-03-05T07:00:00+01:00",
    live: { start: "2024-03-05T07:00:00+01:00", end: "2024-03-05T20:00:00+01:00" },
    body: "Résumé.\n\n## 2024-03-05T09:45+01:00 — Une\n\nTexte.\n",
  });
  const at = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });

  it("is « En direct » until its planned end has come, then « Terminé »", () => {
    expect(planned.live).toMatchObject({ ended: true, label: ENDED_LABEL });
    const before = liveAt(planned, at("2024-03-05T18:59:59Z"));
    expect(before.live).toMatchObject({ ended: false, label: LIVE_LABEL, end: planned.live?.end });
    expect(planned.live?.ended).toBe(true);
    expect(liveAt(planned, at("2024-03-05T19:00:00Z"))).toBe(planned);
  });

  it("leaves coverage without an end, and articles that are not live, as they are", () => {
    const running = makeArticle({
      live: { start: "2023-04-18T14:05:00+02:00" },
      body: "R.\n\n## 2023-04-18T15:00+02:00 — U\n\nT.\n",
    });
    expect(liveAt(running, at("2000-01-01T00:00:00Z"))).toBe(running);
    const article = makeArticle();
    expect(liveAt(article, at("2000-01-01T00:00:00Z"))).toBe(article);
  });
});

/**
 * Live coverage in a build of the newsroom (tests/fixtures/newsroom: a strike followed live,
 * four updates): the page, its label, order, anchors and permalinks, its structured data field
 * by field against what the page shows, the lists, feeds and sitemaps; then the same coverage
 * ended, with a planned end, and with a photo in an update.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { parseAtomFeed } from "feedsmith";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticPhoto } from "../../scripts/bench/synthetic-photo.ts";
import { type BuiltSite, buildSite, jsonLdOf, makeTempDir, normalizeText, ROOT, readPage } from "../helpers/build.ts";

const LIVE = "/economie/greve-en-direct/";
const SOURCE = "articles/economie/2024-03-05-greve-en-direct.md";
const SITE = "https://www.quotidien-essai.example";
const ENV = { SOURCE_DATE_EPOCH: String(Date.parse("2024-03-08T12:00:00Z") / 1000) };
const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "url" });

let fixture: string;
let site: BuiltSite;

/** A copy of the newsroom, changed by `edit`, built. */
function buildCopy(edit: (dir: string) => void | Promise<void>, env: NodeJS.ProcessEnv = ENV) {
  const dir = makeTempDir("news-live-");
  cpSync(path.join(ROOT, "tests/fixtures/newsroom"), dir, { recursive: true });
  return Promise.resolve(edit(dir)).then(() => ({
    dir,
    site: buildSite({ articles: path.join(dir, "articles"), data: path.join(dir, "data"), env }),
  }));
}

const editSource = (dir: string, change: (text: string) => string) => {
  const file = path.join(dir, SOURCE);
  writeFileSync(file, change(readFileSync(file, "utf8")));
};

beforeAll(() => {
  fixture = makeTempDir("news-live-fixture-");
  cpSync(path.join(ROOT, "tests/fixtures/newsroom"), fixture, { recursive: true });
  site = buildSite({ articles: path.join(fixture, "articles"), data: path.join(fixture, "data"), env: ENV });
});
afterAll(() => {
  site?.cleanup();
  if (fixture) rmSync(fixture, { recursive: true, force: true });
});

/** What the live page shows a reader of each update. */
function shownUpdates(document: Document) {
  return [...document.querySelectorAll("article.live-update")].map((update) => ({
    id: update.id,
    time: update.querySelector(".live-time time")?.getAttribute("datetime"),
    shown: normalizeText(update.querySelector(".live-time")?.textContent),
    permalink: update.querySelector(".live-time a")?.getAttribute("href"),
    headline: normalizeText(update.querySelector("h2")?.textContent),
  }));
}

describe("a live page", () => {
  it("says « En direct », sums up, then shows the updates newest first, each with its time, day, anchor and permalink", () => {
    const page = readPage(site.outDir, LIVE);
    expect(normalizeText(page.querySelector(".kicker .live-label")?.textContent)).toBe("En direct");
    const body = page.querySelector(".article-body");
    const blocks = [...(body?.children ?? [])].map(
      (child) => child.tagName.toLowerCase() + (child.className ? `.${child.className}` : ""),
    );
    expect(blocks).toEqual(["section.live-summary", ...Array(4).fill("article.live-update")]);
    expect(normalizeText(body?.querySelector(".live-summary h2")?.textContent)).toBe("L’essentiel");
    expect(shownUpdates(page)).toEqual([
      {
        id: "maj-2024-03-05-12h40",
        time: "2024-03-05T12:40:00+01:00",
        shown: "12 h 40 5 mars 2024",
        permalink: "#maj-2024-03-05-12h40",
        headline: "Le ministère annonce 24 % de grévistes dans les écoles",
      },
      {
        id: "maj-2024-03-05-11h15",
        time: "2024-03-05T11:15:00+01:00",
        shown: "11 h 15 5 mars 2024",
        permalink: "#maj-2024-03-05-11h15",
        headline: "Les cortèges se forment place de la République",
      },
      {
        id: "maj-2024-03-05-09h05",
        time: "2024-03-05T09:05:00+01:00",
        shown: "9 h 05 5 mars 2024",
        permalink: "#maj-2024-03-05-09h05",
        headline: "Un train sur deux en Île-de-France",
      },
      {
        id: "maj-2024-03-05-07h30",
        time: "2024-03-05T07:30:00+01:00",
        shown: "7 h 30 5 mars 2024",
        permalink: "#maj-2024-03-05-07h30",
        headline: "Bienvenue dans ce direct",
      },
    ]);
    // Dated at its latest update; no reading time, which every update would change.
    const dates = [...page.querySelectorAll(".dates time")].map((time) => time.getAttribute("datetime"));
    expect(dates).toEqual(["2024-03-05T07:30:00+01:00", "2024-03-05T12:40:00+01:00"]);
    expect(page.querySelector(".reading-time")).toBeNull();
  });

  it("sets French typography inside updates", () => {
    const page = readPage(site.outDir, LIVE);
    const text = page.querySelector("#maj-2024-03-05-12h40 p:not(.live-time)")?.textContent ?? "";
    expect(text).toContain("plus élevé\u00a0: «\u202fplus d’un sur trois\u202f», dit l’un d’eux.");
    expect(page.querySelector(".live-summary p")?.textContent).toContain("interprofessionnelle\u202f; le trafic");
  });

  it("is a LiveBlogPosting whose updates are the page's, field by field", () => {
    const page = readPage(site.outDir, LIVE);
    const [ld] = jsonLdOf(page);
    const canonical = `${SITE}${LIVE}`;
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "LiveBlogPosting",
      headline: page.querySelector("h1")?.textContent,
      datePublished: "2024-03-05T07:30:00+01:00",
      dateModified: "2024-03-05T12:40:00+01:00",
      coverageStartTime: "2024-03-05T07:30:00+01:00",
      url: canonical,
      mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
      author: [{ "@type": "Person", name: "Jean Dupont" }],
      publisher: { "@type": "NewsMediaOrganization", name: "Le Quotidien d’essai" },
    });
    expect(ld).not.toHaveProperty("coverageEndTime");
    const shown = shownUpdates(page);
    expect(ld.liveBlogUpdate).toHaveLength(shown.length);
    ld.liveBlogUpdate.forEach((update: Record<string, string>, index: number) => {
      const visible = shown[index];
      expect(update["@type"]).toBe("BlogPosting");
      expect(update.headline).toBe(visible?.headline);
      expect(update.datePublished).toBe(visible?.time);
      expect(update.url).toBe(`${canonical}${visible?.permalink}`);
      const text = normalizeText(
        [...page.querySelectorAll(`#${visible?.id} > :not(.live-time):not(h2)`)].map((el) => el.textContent).join(" "),
      );
      expect(normalizeText(update.articleBody)).toBe(text);
    });
  });

  it("carries its label in every list that shows it: home, section, topic, author", () => {
    for (const list of ["/", "/economie/", "/sujets/greve/", "/auteurs/jean-dupont/"]) {
      const teaser = [...readPage(site.outDir, list).querySelectorAll(".teaser")].find(
        (item) => item.querySelector(".teaser-title a")?.getAttribute("href") === LIVE,
      );
      expect(normalizeText(teaser?.querySelector(".live-label")?.textContent), list).toBe("En direct");
    }
    // And no other teaser has one.
    expect(readPage(site.outDir, "/").querySelectorAll(".teaser .live-label")).toHaveLength(1);
  });

  it("is dated at its latest update in the feeds and the sitemap", () => {
    const entry = parseAtomFeed(readFileSync(path.join(site.outDir, "economie/atom.xml"), "utf8")).entries?.find(
      (candidate) => candidate.id === `${SITE}${LIVE}`,
    );
    expect(entry?.updated).toBe("2024-03-05T12:40:00+01:00");
    const urls = xml.parse(readFileSync(path.join(site.outDir, "sitemap.xml"), "utf8")).urlset.url;
    expect(urls.find((url: { loc: string }) => url.loc === `${SITE}${LIVE}`)?.lastmod).toBe(
      "2024-03-05T12:40:00+01:00",
    );
  });
});

describe("live coverage, changed", () => {
  it("says « Terminé » once it has an end, in the page, the lists and its structured data", async () => {
    const { dir, site: ended } = await buildCopy((d) =>
      editSource(d, (t) => t.replace("  start: 2024-03-05T07:30:00+01:00\n", "$&  end: 2024-03-05T18:00:00+01:00\n")),
    );
    try {
      const page = readPage(ended.outDir, LIVE);
      expect(normalizeText(page.querySelector(".kicker .live-label")?.textContent)).toBe("Terminé");
      expect(normalizeText(page.querySelector(".dates")?.textContent)).toContain(
        "Direct terminé le mardi 5 mars 2024 à 18 h 00",
      );
      expect(jsonLdOf(page)[0]?.coverageEndTime).toBe("2024-03-05T18:00:00+01:00");
      const home = readPage(ended.outDir, "/");
      expect(normalizeText(home.querySelector(".teaser .live-label")?.textContent)).toBe("Terminé");
    } finally {
      ended.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("shows a photo inside an update, and gives it to that update's structured data", async () => {
    const { dir, site: withPhoto } = await buildCopy(async (d) => {
      writeFileSync(path.join(d, "articles/economie/2024-03-05-cortege.jpg"), await syntheticPhoto(5, 1600, 1067));
      editSource(d, (t) =>
        t.replace(
          "Les premiers manifestants arrivent",
          "![Des manifestants sous des banderoles](2024-03-05-cortege.jpg)\nLe cortège place de la République.\nPhoto : Claire Martin\n\nLes premiers manifestants arrivent",
        ),
      );
    });
    try {
      const page = readPage(withPhoto.outDir, LIVE);
      const figure = page.querySelector("#maj-2024-03-05-11h15 figure.photo");
      expect(figure?.querySelector("img")?.getAttribute("alt")).toBe("Des manifestants sous des banderoles");
      expect(normalizeText(figure?.querySelector("figcaption")?.textContent)).toBe(
        "Le cortège place de la République. Photo : Claire Martin",
      );
      const update = jsonLdOf(page)[0]?.liveBlogUpdate[1];
      expect(update.image).toEqual({
        "@type": "ImageObject",
        url: `${SITE}/photos/economie/2024-03-05-cortege-800.jpg`,
        width: 800,
        height: 534,
      });
      expect(
        readFileSync(path.join(withPhoto.outDir, "photos/economie/2024-03-05-cortege-800.jpg")).length,
      ).toBeGreaterThan(0);
    } finally {
      withPhoto.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("with a planned end, says « En direct » until the first build after it", async () => {
    const plan = (d: string) =>
      editSource(d, (t) => t.replace("  start: 2024-03-05T07:30:00+01:00\n", "$&  end: 2024-03-08T18:00:00+01:00\n"));
    // 8 March, 17:59 in Paris; then 18:00 (after the newsroom's corrections of 6 March: no date of
    // an article's history may come after the build).
    const before = await buildCopy(plan, { SOURCE_DATE_EPOCH: String(Date.parse("2024-03-08T16:59:00Z") / 1000) });
    const after = await buildCopy(plan, { SOURCE_DATE_EPOCH: String(Date.parse("2024-03-08T17:00:00Z") / 1000) });
    try {
      const running = readPage(before.site.outDir, LIVE);
      expect(normalizeText(running.querySelector(".kicker .live-label")?.textContent)).toBe("En direct");
      expect(normalizeText(running.querySelector(".dates")?.textContent)).not.toContain("Direct terminé");
      // The planned end is in its structured data already.
      expect(jsonLdOf(running)[0]?.coverageEndTime).toBe("2024-03-08T18:00:00+01:00");
      const ended = readPage(after.site.outDir, LIVE);
      expect(normalizeText(ended.querySelector(".kicker .live-label")?.textContent)).toBe("Terminé");
      expect(normalizeText(readPage(after.site.outDir, "/economie/").querySelector(".live-label")?.textContent)).toBe(
        "Terminé",
      );
    } finally {
      for (const { dir, site: built } of [before, after]) {
        built.cleanup();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

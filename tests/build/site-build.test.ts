/** The real site, built from src/ and _data/ into a temporary folder. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildSite, linksOf, normalizeText, ROOT, readPage, SEED_WARNINGS } from "../helpers/build.ts";

const ARTICLE_URL = "/international/li-shangfu-moscou-cooperation-militaire/";
const SEED = path.join(ROOT, "../shared/seed/000_120417579168021d.txt");
const SEED_COPY = path.join(ROOT, "tests/fixtures/seed/000_120417579168021d.txt");

/** Compares prose while ignoring typography: apostrophes, and spaces around French punctuation. */
function comparable(text: string): string {
  return normalizeText(text)
    .replace(/[’']/g, "'")
    .replace(/\s*([;:!?»])/g, "$1")
    .replace(/«\s*/g, "«");
}

function seedParagraphs(): string[] {
  let text: string;
  try {
    text = readFileSync(SEED, "utf8");
  } catch {
    text = readFileSync(SEED_COPY, "utf8");
  }
  return text.split("\n").filter((line) => line.trim() !== "");
}

let site: BuiltSite;
beforeAll(() => {
  site = buildSite();
});
afterAll(() => site?.cleanup());

describe("the seed article page", () => {
  it("has the seed's article paragraphs, in order, word for word, inside the article body", () => {
    const seed = seedParagraphs();
    const articleText = seed.slice(0, 7);
    const document = readPage(site.outDir, ARTICLE_URL);
    const blocks = [...document.querySelectorAll("article .article-body > p, article .article-body > h2")];
    expect(blocks.map((block) => comparable(block.textContent ?? ""))).toEqual(articleText.map(comparable));
  });

  it("makes « Nous avons des liens très forts » a subheading with an ASCII id", () => {
    const document = readPage(site.outDir, ARTICLE_URL);
    const headings = [...document.querySelectorAll(".article-body h2")];
    expect(headings).toHaveLength(1);
    expect(comparable(headings[0]?.textContent ?? "")).toBe("«Nous avons des liens très forts»");
    expect(headings[0]?.getAttribute("id")).toMatch(/^[a-z0-9-]+$/);
  });

  it("renders the support appeal after the article, outside it", () => {
    const seed = seedParagraphs();
    const document = readPage(site.outDir, ARTICLE_URL);
    const article = document.querySelector("main article");
    const aside = document.querySelector("main aside.appeal");
    expect(article).not.toBeNull();
    expect(aside).not.toBeNull();
    expect(article?.contains(aside as Node)).toBe(false);
    expect(comparable(aside?.querySelector("h2")?.textContent ?? "")).toBe(comparable(seed[7] ?? ""));
    expect(comparable(aside?.querySelector("p")?.textContent ?? "")).toBe(comparable(seed[8] ?? ""));
    expect(article?.textContent).not.toContain("Epoch Times est un média libre");
    // The aside comes after the article in reading order.
    expect(article?.compareDocumentPosition(aside as Node)).toBe(4);
  });

  it("shows headline, standfirst, byline, dates, reading time and tags", () => {
    const document = readPage(site.outDir, ARTICLE_URL);
    expect(document.querySelectorAll("h1")).toHaveLength(1);
    const h1 = normalizeText(document.querySelector("article h1")?.textContent);
    expect(h1.length).toBeGreaterThan(20);
    expect(h1.length).toBeLessThanOrEqual(110);
    expect(document.querySelector("title")?.textContent).toContain(h1);
    expect(normalizeText(document.querySelector(".standfirst")?.textContent)).not.toBe("");
    expect(normalizeText(document.querySelector(".byline .author")?.textContent)).toBe("Par La Rédaction");
    const times = [...document.querySelectorAll("article time")];
    expect(times[0]?.getAttribute("datetime")).toBe("2023-04-18T14:05:00+02:00");
    expect(normalizeText(times[0]?.textContent)).toBe("mardi 18 avril 2023 à 14 h 05");
    expect(times[1]?.getAttribute("datetime")).toMatch(/^2023-04-18T\d\d:\d\d:00\+02:00$/);
    expect(normalizeText(document.querySelector(".reading-time")?.textContent)).toMatch(/^\d+ min de lecture$/);
    const tags = [...document.querySelectorAll(".tags li")].map((li) => normalizeText(li.textContent));
    expect(tags).toEqual(expect.arrayContaining(["Chine", "Russie", "Défense", "Guerre en Ukraine"]));
  });

  it("has a breadcrumb Accueil › International and French typography", () => {
    const document = readPage(site.outDir, ARTICLE_URL);
    const crumbs = linksOf(document, ".breadcrumb a");
    expect(crumbs).toEqual([
      ["Accueil", "/"],
      ["International", "/international/"],
    ]);
    const body = document.querySelector(".article-body")?.textContent ?? "";
    expect(body).toContain("«\u202Fdétermination\u202F»");
    expect(body).toContain("l\u2019armée");
    expect(body).not.toMatch(/[\p{L}]'[\p{L}]/u);
    expect(document.documentElement.getAttribute("lang")).toBe("fr");
  });
});

describe("the section index and the home page", () => {
  it("lists the article on /international/", () => {
    const document = readPage(site.outDir, "/international/");
    const links = [...document.querySelectorAll("main .teaser-title a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual([ARTICLE_URL]);
    expect(normalizeText(document.querySelector("main h1")?.textContent)).toBe("International");
    expect(document.querySelector("main .teaser time")?.getAttribute("datetime")).toBe("2023-04-18T14:05:00+02:00");
  });

  it("links the home page to the article and to its section", () => {
    const document = readPage(site.outDir, "/");
    const mainLinks = [...document.querySelectorAll("main a")].map((a) => a.getAttribute("href"));
    expect(mainLinks).toContain(ARTICLE_URL);
    expect(mainLinks).toContain("/international/");
  });

  it("publishes only what is served: no sources, no synthetic articles", () => {
    const document = readPage(site.outDir, "/");
    expect(document.querySelectorAll("main .teaser")).toHaveLength(1);
    expect(site.run.stdout).toBe("");
    expect(site.run.stderr).toMatch(SEED_WARNINGS);
  });
});

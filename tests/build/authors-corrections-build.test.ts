/**
 * Who signs and what was corrected, on a build of the synthetic newsroom (tests/fixtures/
 * newsroom: authors.yaml, articles signed by one or two authors, one corrected twice): what the
 * pages show, and the JSON-LD and feeds that must say the same.
 */
import { cpSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseAtomFeed, parseJsonFeed } from "feedsmith";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BuiltSite,
  buildSite,
  jsonLdOf,
  linksOf,
  makeTempDir,
  normalizeText,
  ROOT,
  readPage,
} from "../helpers/build.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
const SITE = "https://www.quotidien-essai.example/";
const CORRECTED = "/international/elections-au-bresil/";
const SIGNED_TWICE = "/international/sommet-a-geneve/";

let copy: string;
let site: BuiltSite;
beforeAll(() => {
  // A copy outside git: modification dates come from the front matter and the corrections only.
  copy = makeTempDir("news-signed-");
  cpSync(FIXTURE, copy, { recursive: true });
  site = buildSite({ articles: path.join(copy, "articles"), data: path.join(copy, "data") });
});
afterAll(() => {
  site?.cleanup();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

const absolute = (href: string | null) => new URL(href ?? "", SITE).href;

describe("bylines", () => {
  it("link each named author to their page, in French, then the free byline", () => {
    const page = readPage(site.outDir, SIGNED_TWICE);
    expect(normalizeText(page.querySelector(".byline .author")?.textContent)).toBe(
      "Par Claire Martin et Jean Dupont avec AFP",
    );
    expect(linksOf(page, ".byline .author a")).toEqual([
      ["Claire Martin", "/auteurs/claire-martin/"],
      ["Jean Dupont", "/auteurs/jean-dupont/"],
    ]);
    // Desk copy keeps its free byline, unlinked.
    const desk = readPage(site.outDir, "/culture/un-roman-prime/");
    expect(normalizeText(desk.querySelector(".byline .author")?.textContent)).toBe("Par Rédaction d’essai");
    expect(desk.querySelectorAll(".byline .author a")).toHaveLength(0);
  });

  it("name in JSON-LD the authors the byline links, each with their page and links elsewhere", () => {
    const page = readPage(site.outDir, SIGNED_TWICE);
    const [article] = jsonLdOf(page);
    expect(article.author).toEqual([
      {
        "@type": "Person",
        name: "Claire Martin",
        url: `${SITE}auteurs/claire-martin/`,
        sameAs: ["https://x.example/claire_martin", "https://www.claire-martin.example/"],
      },
      { "@type": "Person", name: "Jean Dupont", url: `${SITE}auteurs/jean-dupont/` },
    ]);
    expect(article.author.map((a: { name: string; url: string }) => [a.name, a.url])).toEqual(
      linksOf(page, ".byline .author a").map(([name, href]) => [name, absolute(href)]),
    );
    // The author's page lists the same links elsewhere as sameAs.
    const profile = readPage(site.outDir, "/auteurs/claire-martin/");
    expect(article.author[0].sameAs).toEqual(linksOf(profile, ".profile-links a").map(([, href]) => href));
  });

  it("reach the feeds: every author, with their page", () => {
    const atom = parseAtomFeed(readFileSync(path.join(site.outDir, "international/atom.xml"), "utf8"));
    const entry = atom.entries?.find((e) => e.id === `${SITE}international/sommet-a-geneve/`);
    expect(entry?.authors?.map((a) => [a.name, a.uri])).toEqual([
      ["Claire Martin", `${SITE}auteurs/claire-martin/`],
      ["Jean Dupont", `${SITE}auteurs/jean-dupont/`],
    ]);
    const json = parseJsonFeed(JSON.parse(readFileSync(path.join(site.outDir, "feed.json"), "utf8")));
    const item = json.items?.find((i) => i.url === `${SITE}culture/un-roman-prime/`);
    expect(item?.authors).toEqual([{ name: "Rédaction d’essai" }]);
  });
});

describe("authors' pages", () => {
  it("show who the author is, their links and their articles, newest first", () => {
    const page = readPage(site.outDir, "/auteurs/claire-martin/");
    expect(normalizeText(page.querySelector("main h1")?.textContent)).toBe("Claire Martin");
    expect(normalizeText(page.querySelector(".profile-role")?.textContent)).toBe("Journaliste, service International");
    expect(normalizeText(page.querySelector(".profile-bio")?.textContent)).toContain(
      "Claire Martin suit la diplomatie",
    );
    expect(linksOf(page, ".profile-links a")).toEqual([
      ["x.example/claire_martin", "https://x.example/claire_martin"],
      ["claire-martin.example", "https://www.claire-martin.example/"],
    ]);
    expect(linksOf(page, "main .teaser-title a").map(([, href]) => href)).toEqual([CORRECTED, SIGNED_TWICE]);
    expect(linksOf(page, "nav.breadcrumb a")).toEqual([
      ["Accueil", "/"],
      ["Auteurs", "/auteurs/"],
    ]);
  });

  it("are ProfilePages whose mainEntity says what the page shows", () => {
    const page = readPage(site.outDir, "/auteurs/claire-martin/");
    const [profile, trail] = jsonLdOf(page);
    expect(profile).toMatchObject({ "@type": "ProfilePage", url: `${SITE}auteurs/claire-martin/` });
    expect(profile.mainEntity).toEqual({
      "@type": "Person",
      name: normalizeText(page.querySelector("main h1")?.textContent),
      url: `${SITE}auteurs/claire-martin/`,
      jobTitle: normalizeText(page.querySelector(".profile-role")?.textContent),
      description: page.querySelector(".profile-bio")?.textContent,
      sameAs: linksOf(page, ".profile-links a").map(([, href]) => href),
    });
    expect(trail["@type"]).toBe("BreadcrumbList");
    const newsroom = jsonLdOf(readPage(site.outDir, "/auteurs/la-redaction/"))[0];
    expect(newsroom.mainEntity).toMatchObject({ "@type": "Organization", name: "La Rédaction" });
    expect(newsroom.mainEntity).not.toHaveProperty("jobTitle");
  });

  it("exist for an author with no article yet, saying so", () => {
    const page = readPage(site.outDir, "/auteurs/la-redaction/");
    expect(page.querySelectorAll("main .teaser")).toHaveLength(0);
    expect(normalizeText(page.querySelector("main")?.textContent)).toContain("Aucun article publié pour l’instant.");
  });

  it("are listed on /auteurs/ with their role and number of articles, linked from the footer", () => {
    const index = readPage(site.outDir, "/auteurs/");
    expect(linksOf(index, ".author-list a")).toEqual([
      ["Claire Martin", "/auteurs/claire-martin/"],
      ["Jean Dupont", "/auteurs/jean-dupont/"],
      ["La Rédaction", "/auteurs/la-redaction/"],
    ]);
    expect([...index.querySelectorAll(".author-list .author-role")].map((role) => role.textContent)).toEqual([
      "Journaliste, service International",
      "Journaliste, service Économie",
      "Signature collective",
    ]);
    expect([...index.querySelectorAll(".author-list .count")].map((count) => count.textContent)).toEqual([
      "(2 articles)",
      "(3 articles)",
      "(0 article)",
    ]);
    expect(linksOf(readPage(site.outDir, "/"), ".site-footer a")).toContainEqual(["Auteurs", "/auteurs/"]);
  });
});

describe("a corrected article", () => {
  it("ends with a dated notice per correction, oldest first, in French typography", () => {
    const page = readPage(site.outDir, CORRECTED);
    const notices = [...page.querySelectorAll("article .corrections p")];
    expect(notices.map((p) => p.textContent)).toEqual([
      "Correction du 6\u00A0mars 2024 à 8\u00A0h\u00A000\u00A0: Le nom du candidat arrivé second était mal orthographié.",
      "Correction du 6\u00A0mars 2024 à 11\u00A0h\u00A045\u00A0: Le second tour a lieu le 27 mars, et non le 20 mars.",
    ]);
    // After the text, inside the article.
    const body = page.querySelector("article .article-body");
    expect(body?.compareDocumentPosition(page.querySelector("article .corrections") as Node)).toBe(4);
  });

  it("is updated at its latest correction, and its JSON-LD says what the notices say", () => {
    const page = readPage(site.outDir, CORRECTED);
    const [article] = jsonLdOf(page);
    const times = [...page.querySelectorAll("article .corrections time")];
    expect(article.correction).toEqual(
      [...page.querySelectorAll("article .corrections p")].map((p, index) => ({
        "@type": "CorrectionComment",
        datePublished: times[index]?.getAttribute("datetime"),
        text: normalizeText(p.textContent?.replace(/^[^:]*:/, "")),
      })),
    );
    const modified = page.querySelectorAll("article .dates time")[1]?.getAttribute("datetime");
    expect(modified).toBe("2024-03-06T11:45:00+01:00");
    expect(article.dateModified).toBe(modified);
    const atom = parseAtomFeed(readFileSync(path.join(site.outDir, "atom.xml"), "utf8"));
    expect(atom.entries?.find((e) => e.id === `${SITE}international/elections-au-bresil/`)?.updated).toBe(modified);
    expect(readFileSync(path.join(site.outDir, "sitemap.xml"), "utf8")).toContain(
      `<loc>${SITE}international/elections-au-bresil/</loc><lastmod>${modified}</lastmod>`,
    );
  });

  it("has no notice and no correction in JSON-LD when never corrected", () => {
    const page = readPage(site.outDir, SIGNED_TWICE);
    expect(page.querySelector(".corrections")).toBeNull();
    expect(jsonLdOf(page)[0]).not.toHaveProperty("correction");
  });
});

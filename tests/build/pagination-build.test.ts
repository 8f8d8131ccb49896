/** Pagination, topics, the archive and « À lire aussi » on a real build of the synthetic newsroom. */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildSite, linksOf, makeTempDir, normalizeText, ROOT, readPage } from "../helpers/build.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
let site: BuiltSite;
beforeAll(() => {
  // The newsroom with one article per list page, so every list has several pages.
  const data = makeTempDir("news-data-");
  cpSync(path.join(FIXTURE, "data"), data, { recursive: true });
  const siteYaml = path.join(data, "settings.yaml");
  writeFileSync(siteYaml, `${readFileSync(siteYaml, "utf8")}\npageSize: 1\n`);
  site = buildSite({ articles: path.join(FIXTURE, "articles"), data });
});
afterAll(() => site?.cleanup());

const title = (urlPath: string) => normalizeText(readPage(site.outDir, urlPath).querySelector("title")?.textContent);
const teasers = (urlPath: string) =>
  [...readPage(site.outDir, urlPath).querySelectorAll("main .teasers .teaser-title a")].map((a) =>
    a.getAttribute("href"),
  );
const relLink = (urlPath: string, rel: string) =>
  readPage(site.outDir, urlPath).querySelector(`.pagination a[rel="${rel}"]`)?.getAttribute("href") ?? null;

describe("paginated lists", () => {
  it("splits a section into pages linked by previous and next, numbered in the title", () => {
    expect(teasers("/international/")).toEqual(["/international/elections-au-bresil/"]);
    expect(teasers("/international/page/2/")).toEqual(["/international/sommet-a-geneve/"]);
    expect(relLink("/international/", "next")).toBe("/international/page/2/");
    expect(relLink("/international/", "prev")).toBeNull();
    expect(relLink("/international/page/2/", "prev")).toBe("/international/");
    expect(relLink("/international/page/2/", "next")).toBeNull();
    expect(title("/international/")).toBe("International – Le Quotidien d’essai");
    expect(title("/international/page/2/")).toBe("International – page 2 – Le Quotidien d’essai");
  });

  it("paginates the home page by the home page's own count", () => {
    expect(teasers("/")).toHaveLength(4);
    expect(teasers("/page/2/")).toEqual([
      "/economie/la-bourse-recule/",
      "/culture/un-roman-prime/",
      "/international/sommet-a-geneve/",
    ]);
    expect(relLink("/page/2/", "prev")).toBe("/");
    expect(title("/page/2/")).toBe("Dernières informations – page 2 – Le Quotidien d’essai");
  });
});

describe("authors' pages", () => {
  it("split an author's articles into pages linked by previous and next, below the author's page", () => {
    expect(teasers("/auteurs/claire-martin/")).toEqual(["/international/elections-au-bresil/"]);
    expect(teasers("/auteurs/claire-martin/page/2/")).toEqual(["/international/sommet-a-geneve/"]);
    expect(relLink("/auteurs/claire-martin/", "next")).toBe("/auteurs/claire-martin/page/2/");
    expect(relLink("/auteurs/claire-martin/page/2/", "prev")).toBe("/auteurs/claire-martin/");
    expect(title("/auteurs/claire-martin/page/2/")).toBe("Claire Martin – page 2 – Le Quotidien d’essai");
    // Who the author is, on their first page only.
    expect(readPage(site.outDir, "/auteurs/claire-martin/").querySelector(".profile-bio")).not.toBeNull();
    expect(readPage(site.outDir, "/auteurs/claire-martin/page/2/").querySelector(".profile-bio")).toBeNull();
  });
});

describe("topics", () => {
  it("links an article's tags to topic pages at ASCII URLs that list the tagged articles", () => {
    const page = readPage(site.outDir, "/economie/inflation-en-baisse/");
    const tags = linksOf(page, ".tags a");
    expect(tags).toEqual([
      ["Prix", "/sujets/prix/"],
      ["Europe", "/sujets/europe/"],
    ]);
    expect(teasers("/sujets/prix/")[0]).toBe("/economie/inflation-en-baisse/");
    expect(normalizeText(readPage(site.outDir, "/sujets/prix/").querySelector("main h1")?.textContent)).toBe("Prix");
  });

  it("lists every topic on /sujets/", () => {
    const links = [...readPage(site.outDir, "/sujets/").querySelectorAll(".topic-list a")].map((a) =>
      a.getAttribute("href"),
    );
    expect(links).toContain("/sujets/prix/");
    expect(links).toContain("/sujets/europe/");
  });
});

describe("« À lire aussi »", () => {
  it("shows articles sharing a tag first, then the same section's, never the article itself", () => {
    const page = readPage(site.outDir, "/economie/inflation-en-baisse/");
    const related = [...page.querySelectorAll(".related .teaser-title a")].map((a) => a.getAttribute("href"));
    expect(related).toEqual([
      "/international/sommet-a-geneve/",
      "/economie/greve-en-direct/",
      "/economie/la-bourse-recule/",
    ]);
    expect(normalizeText(page.querySelector(".related h2")?.textContent)).toBe("À lire aussi");
  });
});

describe("the archive", () => {
  it("lists months on /archives/ and each month's articles on its page", () => {
    const months = [...readPage(site.outDir, "/archives/").querySelectorAll(".archive-year a")].map((a) =>
      a.getAttribute("href"),
    );
    expect(months).toEqual(["/archives/2024/03/"]);
    expect(teasers("/archives/2024/03/")).toEqual(["/economie/inflation-en-baisse/"]);
    expect(title("/archives/2024/03/page/2/")).toBe("Mars 2024 – page 2 – Le Quotidien d’essai");
  });
});

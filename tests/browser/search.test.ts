/**
 * The search page in Chromium, on the synthetic newsroom with an article written for search
 * (tests/helpers/search-site.ts): results as the reader types and for ?q=, French forms and
 * accents, a query with no result, filters and order, the count announced, axe with results
 * shown, keyboard only, and without JavaScript.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import axe from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSite, openBrowserSite } from "../helpers/browser.ts";
import { makeTempDir } from "../helpers/build.ts";
import { SEARCH_ARTICLE_TITLE, SEARCH_ARTICLE_URL, writeSearchSite } from "../helpers/search-site.ts";

let dir: string;
let site: BrowserSite;
beforeAll(async () => {
  dir = makeTempDir("search-site-");
  const { articlesDir, dataDir } = writeSearchSite(path.join(dir, "site"));
  site = await openBrowserSite({ articles: articlesDir, data: dataDir });
}, 180_000);
afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

const status = (page: Page) => page.locator("#recherche-etat");
const resultLinks = (page: Page) =>
  page.$$eval("#recherche-resultats li h2 a", (links) =>
    links.map((a) => ({ href: new URL((a as HTMLAnchorElement).href).pathname, text: a.textContent })),
  );

/** Types a query as a reader would and waits for the page to say what it found. */
async function typeQuery(page: Page, query: string): Promise<string> {
  await page.fill("#recherche-q", "");
  await page.type("#recherche-q", query);
  // The status region notes which search (the URL's) its text is about: not the one of a word half typed.
  await page.waitForFunction(
    (typed) =>
      new URL(location.href).searchParams.get("q") === typed &&
      document.getElementById("recherche-etat")?.dataset.for === location.search,
    query,
  );
  return (await status(page).textContent()) ?? "";
}

describe("with JavaScript", () => {
  it("lists the article as the reader types, for its other forms and without accents, with the words marked", async () => {
    const { page, errors } = await site.open("/recherche/", { width: 1280 });
    for (const query of ["militaire", "defense", "l'armee"]) {
      expect(await typeQuery(page, query), query).toBe("1 article trouvé, les plus pertinents d’abord.");
      expect(await resultLinks(page)).toEqual([{ href: SEARCH_ARTICLE_URL, text: SEARCH_ARTICLE_TITLE }]);
    }
    await typeQuery(page, "militaire");
    const marked = await page.$$eval("#recherche-resultats mark", (marks) => marks.map((m) => m.textContent));
    expect(marked).toContain("militaires");
    const meta = await page.textContent("#recherche-resultats .search-result-meta");
    expect(meta).toBe("International · 4\u00A0mars 2024");
    expect(new URL(page.url()).search).toBe("?q=militaire");
    await page.close();
    expect(errors).toEqual([]);
  });

  it("says so when nothing matches", async () => {
    const { page } = await site.open("/recherche/", { width: 390 });
    expect(await typeQuery(page, "zorglub")).toBe("Aucun article ne correspond à « zorglub ».");
    expect(await resultLinks(page)).toEqual([]);
    await page.close();
  });

  it("searches the ?q= of its URL, and keeps the filters and the order there", async () => {
    const { page } = await site.open("/recherche/?q=Gen%C3%A8ve", { width: 1280 });
    await page.waitForFunction(() => document.getElementById("recherche-etat")?.textContent !== "");
    expect(await page.inputValue("#recherche-q")).toBe("Genève");
    expect(await resultLinks(page)).toEqual([{ href: "/international/sommet-a-geneve/", text: "Sommet à Genève" }]);
    await page.close();
  });

  it("filters by section and by year, counts each choice, and orders newest first on request", async () => {
    const { page } = await site.open("/recherche/", { width: 1280 });
    // Every article of the newsroom has « Premier paragraphe » (the scheduled ones are published: no SOURCE_DATE_EPOCH).
    const all = await typeQuery(page, "paragraphe");
    expect(all).toMatch(/^6 articles trouvés/);
    const sections = await page.$$eval("#recherche-rubrique option", (options) =>
      options.map((o) => [(o as HTMLOptionElement).value, o.textContent]),
    );
    expect(sections).toEqual([
      ["", "Toutes les rubriques"],
      ["international", "International (2)"],
      ["economie", "Économie (2)"],
      ["culture", "Culture (2)"],
    ]);
    await page.selectOption("#recherche-rubrique", "culture");
    await page.waitForFunction(() => document.getElementById("recherche-etat")?.textContent?.startsWith("2 "));
    const culture = await resultLinks(page);
    expect(culture.map((link) => link.href.split("/")[1])).toEqual(["culture", "culture"]);
    expect(new URL(page.url()).searchParams.get("rubrique")).toBe("culture");
    await page.selectOption("#recherche-tri", "date");
    await page.waitForFunction(() => document.getElementById("recherche-etat")?.textContent?.includes("plus récent"));
    const dates = await page.$$eval("#recherche-resultats time", (times) =>
      times.map((t) => t.getAttribute("datetime")),
    );
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new URL(page.url()).searchParams.get("tri")).toBe("date");
    const years = await page.$$eval("#recherche-annee option", (options) => options.map((o) => o.textContent));
    expect(years).toEqual(["Toutes les années", "2024 (2)"]);
    await page.close();
  });

  it("announces the count in a status region", async () => {
    const { page } = await site.open("/recherche/", { width: 390 });
    expect(await status(page).getAttribute("role")).toBe("status");
    await typeQuery(page, "militaires");
    expect(await status(page).textContent()).toBe("1 article trouvé, les plus pertinents d’abord.");
    await page.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no axe violations with results shown (${colorScheme})`, async () => {
      const { page } = await site.open("/recherche/?q=paragraphe", { width: 390, colorScheme });
      await page.waitForFunction(() => document.querySelectorAll("#recherche-resultats li").length > 0);
      await page.evaluate(axe.source);
      const violations = await page.evaluate(async () => {
        const results = await window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
          resultTypes: ["violations"],
        });
        return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      await page.screenshot({
        path: path.join("test-results/screenshots", `search-results-${colorScheme}.png`),
        fullPage: true,
      });
      await page.close();
      expect(violations).toEqual([]);
    });
  }

  it("works with the keyboard alone: to the field, a query, the filters, a result", async () => {
    const { page } = await site.open("/recherche/", { width: 1280 });
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || "");
    let steps = 0;
    while ((await focused()) !== "recherche-q" && steps < 40) {
      await page.keyboard.press("Tab");
      steps += 1;
    }
    expect(await focused()).toBe("recherche-q");
    await page.keyboard.type("militaires");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll("#recherche-resultats li").length === 1);
    // The field, the button, three filters, then the result.
    for (const expected of ["Rechercher", "recherche-rubrique", "recherche-annee", "recherche-tri"]) {
      await page.keyboard.press("Tab");
      expect(await focused()).toBe(expected);
    }
    await page.keyboard.press("Tab");
    expect(await focused()).toBe(SEARCH_ARTICLE_TITLE);
    await Promise.all([page.waitForURL(`**${SEARCH_ARTICLE_URL}`), page.keyboard.press("Enter")]);
    await page.close();
  });
});

describe("when the index cannot be loaded", () => {
  it("says search is unavailable, hides the filters and keeps the links", async () => {
    const page = await site.context.newPage();
    await page.route("**/recherche-index/manifest.bin", (route) => route.abort());
    await page.goto(`${site.origin}/recherche/?q=militaires`);
    await page.waitForFunction(() => document.getElementById("recherche-etat")?.textContent !== "");
    expect(await status(page).textContent()).toMatch(/^La recherche est indisponible pour le moment\./);
    expect(await page.isVisible(".search-options")).toBe(false);
    expect(await page.locator(".search-browse a").count()).toBeGreaterThan(5);
    await page.close();
  });
});

describe("without JavaScript", () => {
  it("says live search needs it, and offers the sections, topics and monthly archives", async () => {
    const context = await site.context.browser()?.newContext({ javaScriptEnabled: false });
    // A persistent context has no browser object: a page of its own with scripts off, through the protocol.
    const page = context ? await context.newPage() : await site.context.newPage();
    if (!context) {
      const devtools = await site.context.newCDPSession(page);
      await devtools.send("Emulation.setScriptExecutionDisabled", { value: true });
    }
    await page.goto(`${site.origin}/recherche/?q=militaires`);
    expect(await page.isVisible(".search-needs-js")).toBe(true);
    expect(await page.textContent(".search-needs-js")).toContain("JavaScript");
    expect(await page.isVisible(".search-options")).toBe(false);
    expect(await page.locator("#recherche-resultats li").count()).toBe(0);
    const links = await page.$$eval(".search-browse a", (anchors) =>
      anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
    );
    expect(links).toEqual(
      expect.arrayContaining(["/international/", "/culture/", "/economie/", "/sujets/", "/archives/"]),
    );
    expect(links.some((link) => /^\/sujets\/.+/.test(link))).toBe(true);
    expect(links.some((link) => /^\/archives\/\d{4}\/\d{2}\/$/.test(link))).toBe(true);
    await page.screenshot({ path: "test-results/screenshots/search-without-javascript.png", fullPage: true });
    await page.close();
    await context?.close();
  });
});

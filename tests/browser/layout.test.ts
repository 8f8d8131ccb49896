/**
 * What a reader sees: full-page screenshots of every page type for people to look at
 * (test-results/screenshots/, git-ignored), no horizontal scrolling down to 320 px, a readable
 * measure and line height for the article text, and a clean printed article.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSites, openBrowserSites } from "../helpers/browser.ts";
import { ROOT } from "../helpers/build.ts";
import { ARTICLE_PATH, COLOR_SCHEMES, PAGE_TYPES, WIDTHS } from "../helpers/page-types.ts";
import { PHOTO_PAGE_TYPES } from "../helpers/photo-site.ts";

const OUTPUT = path.join(ROOT, "test-results", "screenshots");

let sites: BrowserSites;
beforeAll(async () => {
  sites = await openBrowserSites();
  mkdirSync(OUTPUT, { recursive: true });
});
afterAll(async () => {
  await sites?.close();
});

describe.each([...PAGE_TYPES, ...PHOTO_PAGE_TYPES])("$name page ($path)", (pageType) => {
  it.each(WIDTHS)("is screenshotted at %ipx", async (width) => {
    // Articles and the pages with photos in both schemes; other pages in light only.
    const both = pageType.path === ARTICLE_PATH || pageType.name === "corrected-article" || pageType.site === "photos";
    const schemes = both ? COLOR_SCHEMES : (["light"] as const);
    for (const colorScheme of schemes) {
      const { page } = await sites.of(pageType).open(pageType.path, { width, colorScheme });
      // A full-page screenshot shows what is below the fold: photos there are loaded first.
      const photos = await page.evaluate(async () => {
        const images = [...document.querySelectorAll("img")];
        for (const img of images) img.loading = "eager";
        await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
        return images.filter((img) => img.closest("picture")).map((img) => img.naturalWidth);
      });
      if (pageType.site === "photos") expect(photos.length > 0 && photos.every((width) => width > 0)).toBe(true);
      const file = path.join(OUTPUT, `${pageType.name}-${width}-${colorScheme}.png`);
      const png = await page.screenshot({ path: file, fullPage: true });
      await page.close();
      expect(png.length).toBeGreaterThan(1000);
    }
  });

  it("does not scroll sideways at 320px", async () => {
    const { page } = await sites.of(pageType).open(pageType.path, { width: 320 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.close();
    expect(scrollWidth).toBeLessThanOrEqual(320);
  });
});

describe("article text", () => {
  it.each(WIDTHS)("has a comfortable measure and line height at %ipx", async (width) => {
    const { page } = await sites.seed.open(ARTICLE_PATH, { width });
    const text = await page.evaluate(() => {
      const paragraphs = [...document.querySelectorAll<HTMLElement>(".article-body p")];
      const style = getComputedStyle(paragraphs[0]!);
      const fontSize = parseFloat(style.fontSize);
      // Characters per line: a paragraph's length over its number of rendered lines.
      const perLine = paragraphs
        .filter((p) => p.getClientRects().length > 0 && p.textContent!.length > 200)
        .map(
          (p) =>
            p.textContent!.length /
            Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)),
        );
      return {
        fontSize,
        lineHeight: parseFloat(style.lineHeight) / fontSize,
        perLine: perLine.reduce((a, b) => a + b, 0) / perLine.length,
      };
    });
    await page.close();
    console.log(
      `Article text at ${width}px: ${text.fontSize}px, line height ${text.lineHeight.toFixed(2)}, ${Math.round(text.perLine)} characters per line`,
    );
    expect(text.fontSize).toBeGreaterThanOrEqual(16);
    expect(text.lineHeight).toBeGreaterThanOrEqual(1.4);
    expect(text.perLine).toBeLessThanOrEqual(80);
    if (width >= 1000) expect(text.perLine).toBeGreaterThanOrEqual(55);
  });

  it("prints the article without navigation or the support appeal", async () => {
    const { page } = await sites.seed.open(ARTICLE_PATH, { width: 1280, media: "print" });
    const shown = await page.evaluate(() =>
      Object.fromEntries(
        [".site-nav", ".breadcrumb", ".appeal", ".skip-link", ".article h1", ".article-body"].map((selector) => {
          const el = document.querySelector(selector);
          return [selector, !!el && getComputedStyle(el).display !== "none"];
        }),
      ),
    );
    const pdf = await page.pdf({ path: path.join(OUTPUT, "article-print.pdf"), format: "A4", printBackground: false });
    await page.close();
    expect(shown).toEqual({
      ".site-nav": false,
      ".breadcrumb": false,
      ".appeal": false,
      ".skip-link": false,
      ".article h1": true,
      ".article-body": true,
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });
});

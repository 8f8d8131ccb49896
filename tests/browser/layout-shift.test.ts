/**
 * Nothing moves while photos arrive: every photo has its box before its file loads (width and
 * height on every <img>, CSS that keeps their proportions), so Chromium reports no layout shift
 * (the Layout Instability API, what Core Web Vitals' CLS adds up) on the pages with photos, even
 * with photo files held back and the page scrolled to its end so that the lazy ones load too.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSite, openPhotoSite } from "../helpers/browser.ts";
import { WIDTHS } from "../helpers/page-types.ts";
import { PHOTO_PAGE_TYPES } from "../helpers/photo-site.ts";

/** How long each photo file is held back: long enough for the page to lay out without it. */
const PHOTO_DELAY_MS = 400;

let site: BrowserSite;
beforeAll(async () => {
  site = await openPhotoSite();
  await site.context.route("**/photos/**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, PHOTO_DELAY_MS));
    await route.continue();
  });
});
afterAll(async () => {
  await site?.close();
});

/** Scrolls to the end by half screens, waiting each time for the photos in view to load. */
async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const inView = (img: HTMLImageElement) => {
      const box = img.getBoundingClientRect();
      return box.bottom > 0 && box.top < innerHeight;
    };
    for (let y = 0; y <= document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const loading = [...document.images].filter((img) => inView(img) && !img.complete);
      await Promise.all(loading.map((img) => img.decode().catch(() => undefined)));
    }
  });
}

/** The layout shifts Chromium recorded since the page started, not caused by input, with what moved. */
function layoutShifts(page: Page): Promise<{ value: number; sources: string[] }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        interface Shift extends PerformanceEntry {
          value: number;
          hadRecentInput: boolean;
          sources: { node?: Node }[];
        }
        const describe = (node: Node | undefined) =>
          node instanceof Element ? `${node.tagName.toLowerCase()}.${node.className}` : String(node?.nodeName);
        // Buffered: the entries recorded before this observer, delivered at once; none, no call.
        new PerformanceObserver((list) =>
          resolve(
            (list.getEntries() as Shift[])
              .filter((shift) => !shift.hadRecentInput)
              .map((shift) => ({ value: shift.value, sources: shift.sources.map((source) => describe(source.node)) })),
          ),
        ).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve([]), 500);
      }),
  );
}

describe.each(PHOTO_PAGE_TYPES)("$name page ($path)", (pageType) => {
  it.each(WIDTHS)("shifts nothing while its photos load, at %ipx", async (width) => {
    const { page } = await site.open(pageType.path, { width });
    await scrollThrough(page);
    const loaded = await page.evaluate(() =>
      [...document.querySelectorAll("picture img")].map((img) => (img as HTMLImageElement).naturalWidth > 0),
    );
    const shifts = await layoutShifts(page);
    await page.close();
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every(Boolean)).toBe(true);
    expect(shifts).toEqual([]);
  });
});

it("would see a photo without a box: the measure can fail", async () => {
  const { page } = await site.open(PHOTO_PAGE_TYPES[2]!.path, { width: 390 });
  // The same photo file again, without width and height, above the text.
  await page.evaluate(async () => {
    const source = document.querySelector("picture img") as HTMLImageElement;
    const img = document.createElement("img");
    img.src = `${source.currentSrc}?sans-dimensions`;
    img.alt = "";
    document.querySelector("main")?.prepend(img);
    await img.decode();
  });
  const shifts = await layoutShifts(page);
  await page.close();
  expect(shifts.reduce((sum, shift) => sum + shift.value, 0)).toBeGreaterThan(0.05);
});

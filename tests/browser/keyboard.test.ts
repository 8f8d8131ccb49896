/**
 * Keyboard readers: the first Tab reaches a visible skip link that leads to the content, and
 * every focusable element shows where focus is, with enough contrast (WCAG 2.4.1, 2.4.7, 1.4.11).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSites, openBrowserSites } from "../helpers/browser.ts";
import { COLOR_SCHEMES, PAGE_TYPES, WIDTHS } from "../helpers/page-types.ts";
import { PHOTO_PAGE_TYPES } from "../helpers/photo-site.ts";

let sites: BrowserSites;
beforeAll(async () => {
  sites = await openBrowserSites();
});
afterAll(async () => {
  await sites?.close();
});

const FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])";

interface FocusState {
  description: string;
  inViewport: boolean;
  outline: string;
  /** Width in px of a solid focus outline, 0 when there is none. */
  outlineWidth: number;
  boxShadow: string;
  /** Contrast between the outline colour and the page background, WCAG formula. */
  outlineContrast: number;
}

/** What the focused element looks like, read from the browser's computed styles. */
async function focusState(page: Page): Promise<FocusState | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (color: string) => {
      const [r = 0, g = 0, b = 0] = channels(color).map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const background = getComputedStyle(document.body).backgroundColor;
    const solid = style.outlineStyle !== "none" && style.outlineStyle !== "hidden";
    return {
      description: `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}" ${el.getAttribute("href") ?? ""}`,
      // Chrome scrolls focus into view by whole pixels, while layout has fractions (a footer
      // link's bottom at 800.2 px in an 800 px viewport, scrolled by 13 px): half a pixel is in view.
      inViewport:
        rect.width > 0 &&
        rect.height > 0 &&
        rect.top >= -0.5 &&
        rect.left >= -0.5 &&
        rect.bottom <= innerHeight + 0.5 &&
        rect.right <= innerWidth + 0.5,
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      outlineWidth: solid ? parseFloat(style.outlineWidth) : 0,
      boxShadow: style.boxShadow,
      outlineContrast: contrast(style.outlineColor, background),
    };
  });
}

function expectVisibleFocus(state: FocusState | null): void {
  expect(state, "something has focus").not.toBeNull();
  const s = state!;
  expect(s.inViewport, `${s.description} is scrolled into view`).toBe(true);
  const hasOutline = s.outlineWidth >= 2 && s.outlineContrast >= 3;
  expect(
    hasOutline || s.boxShadow !== "none",
    `${s.description} shows focus (outline ${s.outline}, contrast ${s.outlineContrast.toFixed(2)}, box-shadow ${s.boxShadow})`,
  ).toBe(true);
}

describe.each([...PAGE_TYPES, ...PHOTO_PAGE_TYPES])("$name page ($path)", (pageType) => {
  for (const width of WIDTHS) {
    for (const colorScheme of COLOR_SCHEMES) {
      it(`first Tab reaches a visible skip link that moves to the content, at ${width}px, ${colorScheme}`, async () => {
        const { page } = await sites.of(pageType).open(pageType.path, { width, colorScheme });
        await page.keyboard.press("Tab");
        const skip = await focusState(page);
        expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("#contenu");
        expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Aller au contenu");
        expectVisibleFocus(skip);
        await page.keyboard.press("Enter");
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("contenu");
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("MAIN");
        await page.close();
      });

      it(`shows focus on every focusable element, in reading order, at ${width}px, ${colorScheme}`, async () => {
        const { page } = await sites.of(pageType).open(pageType.path, { width, colorScheme });
        // Elements not rendered (hidden, as the search page's « Afficher plus » until there is more) take no focus.
        const count = await page.evaluate(
          (selector) => [...document.querySelectorAll(selector)].filter((el) => el.getClientRects().length > 0).length,
          FOCUSABLE,
        );
        expect(count).toBeGreaterThan(1);
        const order: number[] = [];
        for (let i = 0; i < count; i++) {
          await page.keyboard.press("Tab");
          expectVisibleFocus(await focusState(page));
          order.push(
            await page.evaluate(
              (selector) =>
                [...document.querySelectorAll(selector)]
                  .filter((el) => el.getClientRects().length > 0)
                  .indexOf(document.activeElement as Element),
              FOCUSABLE,
            ),
          );
        }
        // Tab visits every focusable element once, in document order (RGAA 12.8).
        expect(order).toEqual([...Array(count).keys()]);
        await page.close();
      });
    }
  }
});

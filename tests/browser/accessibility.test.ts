/**
 * WCAG 2.2 AA with axe-core on every page type, at phone and laptop widths, in light and dark,
 * plus the RGAA structure checks automation can make: one h1, no skipped heading level, the
 * header/nav/main/footer landmarks, lang="fr", and link texts that say where they go.
 */
import axe from "axe-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSites, openBrowserSites } from "../helpers/browser.ts";
import { COLOR_SCHEMES, PAGE_TYPES, WIDTHS } from "../helpers/page-types.ts";
import { PHOTO_PAGE_TYPES } from "../helpers/photo-site.ts";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// Link texts that say nothing out of context (RGAA 6.1).
const GENERIC_LINK_TEXTS = [
  "ici",
  "cliquez ici",
  "cliquer ici",
  "lire la suite",
  "la suite",
  "en savoir plus",
  "plus",
  "lien",
  "voir",
  "suite",
];

let sites: BrowserSites;
beforeAll(async () => {
  sites = await openBrowserSites();
});
afterAll(async () => {
  await sites?.close();
});

interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

describe.each([...PAGE_TYPES, ...PHOTO_PAGE_TYPES])("$name page ($path)", (pageType) => {
  for (const width of WIDTHS) {
    for (const colorScheme of COLOR_SCHEMES) {
      it(`has no axe violations at ${width}px, ${colorScheme}`, async () => {
        const { page, response } = await sites.of(pageType).open(pageType.path, { width, colorScheme });
        expect(response.status()).toBe(pageType.status);
        // Evaluated through the DevTools protocol, so the page's own CSP does not block it.
        await page.evaluate(axe.source);
        const violations = await page.evaluate(async (tags) => {
          const results = await window.axe.run(document, {
            runOnly: { type: "tag", values: tags },
            resultTypes: ["violations"],
          });
          return results.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.map((node) => node.target.join(" ")),
          }));
        }, WCAG_TAGS);
        await page.close();
        expect(violations as Violation[]).toEqual([]);
      });
    }
  }

  it("has the structure a screen reader user relies on (RGAA)", async () => {
    const { page } = await sites.of(pageType).open(pageType.path, { width: 1280 });
    const facts = await page.evaluate(() => {
      const visibleName = (el: Element): string => {
        const label = el.getAttribute("aria-label");
        if (label) return label;
        const images = [...el.querySelectorAll("img[alt]")].map((img) => img.getAttribute("alt") ?? "");
        // biome-ignore lint/performance/useDomNodeTextContent: the visible name is the rendered text, as innerText gives it.
        return [(el as HTMLElement).innerText, ...images].join(" ");
      };
      return {
        lang: document.documentElement.lang,
        title: document.title,
        h1Count: document.querySelectorAll("h1").length,
        headingLevels: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1])),
        // Landmarks at the top level of the page, not the header/footer of an <article>.
        banner: document.querySelectorAll("body > header, [role=banner]").length,
        navigation: document.querySelectorAll("nav").length,
        main: document.querySelectorAll("main").length,
        contentinfo: document.querySelectorAll("body > footer, [role=contentinfo]").length,
        navLabels: [...document.querySelectorAll("nav")].map((nav) => nav.getAttribute("aria-label") ?? ""),
        linkTexts: [...document.querySelectorAll("a[href]")].map((a) => visibleName(a).replace(/\s+/g, " ").trim()),
      };
    });
    await page.close();

    expect(facts.lang).toBe("fr");
    expect(facts.title.trim()).not.toBe("");
    expect(facts.h1Count).toBe(1);
    expect(facts.headingLevels[0]).toBe(1);
    // A heading is at most one level deeper than the one before it.
    facts.headingLevels.forEach((level, i) => {
      if (i > 0)
        expect(level, `heading ${i + 1} after h${facts.headingLevels[i - 1]}`).toBeLessThanOrEqual(
          facts.headingLevels[i - 1]! + 1,
        );
    });
    expect(facts.banner).toBe(1);
    expect(facts.navigation).toBeGreaterThanOrEqual(1);
    expect(facts.main).toBe(1);
    expect(facts.contentinfo).toBe(1);
    // Several navigation landmarks must be told apart by their names, and each must have one.
    expect(facts.navLabels.every((label) => label.trim() !== "")).toBe(true);
    expect(new Set(facts.navLabels).size).toBe(facts.navLabels.length);
    expect(facts.linkTexts.length).toBeGreaterThan(0);
    for (const text of facts.linkTexts) {
      expect(text).not.toBe("");
      expect(GENERIC_LINK_TEXTS).not.toContain(text.toLowerCase());
    }
  });
});

declare global {
  interface Window {
    axe: typeof axe;
  }
}

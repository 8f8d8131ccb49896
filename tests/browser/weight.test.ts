/**
 * Tiny pages, nothing from elsewhere: the article page's HTML plus its CSS fits in the first TCP
 * round trip once gzipped, no JavaScript runs, and every request stays on the site's own origin.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSite, type BrowserSites, openBrowserSites, openSiteIn } from "../helpers/browser.ts";
import { makeTempDir, ROOT } from "../helpers/build.ts";
import { liveSource } from "../helpers/live-article.ts";
import { ARTICLE_PATH, PAGE_TYPES, WIDTHS } from "../helpers/page-types.ts";
import { LEAD_PHOTO, PHOTO_ARTICLE_PATH, PHOTO_PAGE_TYPES } from "../helpers/photo-site.ts";

// A server's initial congestion window is 10 segments of ~1460 bytes (RFC 6928): about 14 KB
// arrive before the first acknowledgement. Counted here in KiB, the stricter reading.
const FIRST_ROUND_TRIP_BYTES = 14 * 1024;

/** The AVIF a phone 390 px wide (at 3 device pixels per CSS pixel) gets of the test photo. */
const PHONE_PHOTO_BYTES = 60 * 1024;

/** Gzip at level 9, what static hosts and `gzip_static`/precompressed files use at most. */
const gzipped = (body: Buffer) => gzipSync(body, { level: 9 }).length;

/** Live coverage with 30 updates of 70 words (two short paragraphs each, as live updates are). */
const LIVE_UPDATES = 30;
const LIVE_PATH = "/international/direct/";

let sites: BrowserSites;
let live: BrowserSite;
let liveSources: string;
beforeAll(async () => {
  sites = await openBrowserSites();
  // The real site, with live coverage beside its article.
  liveSources = makeTempDir("news-live-weight-");
  cpSync(path.join(ROOT, "src/articles"), liveSources, { recursive: true });
  writeFileSync(
    path.join(liveSources, "international/2024-03-05-direct.md"),
    liveSource({ updates: LIVE_UPDATES, words: 70 }),
  );
  live = await openSiteIn(sites.seed.context, { articles: liveSources });
});
afterAll(async () => {
  await live?.close();
  await sites?.close();
  if (liveSources) rmSync(liveSources, { recursive: true, force: true });
});

it.each([
  ["the article page", () => sites.seed, ARTICLE_PATH],
  ["an article page with photos", () => sites.photos, PHOTO_ARTICLE_PATH],
  [`live coverage with ${LIVE_UPDATES} updates`, () => live, LIVE_PATH],
])("%s: HTML plus CSS is at most 14 KB gzipped", async (name, siteOf, urlPath) => {
  const { page, requests } = await siteOf().open(urlPath, { width: 390 });
  if (urlPath === LIVE_PATH) expect(await page.locator("article.live-update").count()).toBe(LIVE_UPDATES);
  const rows: { url: string; type: string; raw: number; gzip: number }[] = [];
  for (const request of requests) {
    const response = await request.response();
    if (!response) continue;
    const body = await response.body();
    rows.push({
      url: new URL(request.url()).pathname,
      type: request.resourceType(),
      raw: body.length,
      gzip: gzipped(body),
    });
  }
  await page.close();

  const critical = rows.filter((row) => row.type === "document" || row.type === "stylesheet");
  expect(critical.map((row) => row.type).sort()).toEqual(["document", "stylesheet"]);
  const total = critical.reduce((sum, row) => sum + row.gzip, 0);
  const lines = rows.map(
    (row) =>
      `  ${row.type.padEnd(10)} ${String(row.raw).padStart(6)} B raw ${String(row.gzip).padStart(6)} B gzip -9  ${row.url}`,
  );
  console.log(
    `Weight of ${name}:\n${lines.join("\n")}\n  HTML + CSS: ${total} B gzipped (budget ${FIRST_ROUND_TRIP_BYTES} B)`,
  );
  expect(total).toBeLessThanOrEqual(FIRST_ROUND_TRIP_BYTES);
});

it("a phone 390 px wide gets the lead photo as one AVIF of at most 60 KB, and no other version of it", async () => {
  const { page, requests } = await sites.photos.open(PHOTO_ARTICLE_PATH, { width: 390, deviceScaleFactor: 3 });
  const lead = path.basename(LEAD_PHOTO.src, ".jpg");
  const fetched = requests.filter((request) => new URL(request.url()).pathname.includes(`/${lead}-`));
  const rows = [];
  for (const request of fetched) {
    rows.push({ url: new URL(request.url()).pathname, bytes: (await (await request.response())?.body())?.length ?? 0 });
  }
  await page.close();
  console.log(`Lead photo on a 390 px phone at 3×: ${rows.map((row) => `${row.url} ${row.bytes} B`).join(", ")}`);
  expect(rows.map((row) => row.url)).toEqual([`/photos/international/${lead}-1200.avif`]);
  expect(rows[0]?.bytes).toBeLessThanOrEqual(PHONE_PHOTO_BYTES);
});

it("no page of dist/ carries JavaScript, apart from JSON-LD data and the search page's own script", () => {
  const files = readdirSync(sites.seed.outDir, { recursive: true, encoding: "utf8" });
  expect(files.filter((file) => /\.(m?js|cjs)$/.test(file))).toEqual(["recherche-index/recherche.js"]);
  const pages = files.filter((file) => file.endsWith(".html"));
  expect(pages.length).toBeGreaterThanOrEqual(PAGE_TYPES.length);
  for (const file of pages) {
    const { document } = parseHTML(readFileSync(path.join(sites.seed.outDir, file), "utf8"));
    const scripts = [...document.querySelectorAll("script")]
      .filter((script) => script.getAttribute("type") !== "application/ld+json")
      .map((script) => `${script.getAttribute("src")} ${script.hasAttribute("defer") ? "defer" : ""}`);
    expect(scripts, `scripts in ${file}`).toEqual(
      file === "recherche/index.html" ? ["/recherche-index/recherche.js defer"] : [],
    );
    const handlers = [...document.querySelectorAll("*")].flatMap((el) =>
      [...el.attributes]
        .filter((attr) => attr.name.startsWith("on"))
        .map((attr) => `${el.tagName.toLowerCase()} ${attr.name}`),
    );
    expect(handlers, `inline event handlers in ${file}`).toEqual([]);
    const scriptUrls = [...document.querySelectorAll("a[href], iframe[src], form[action]")].filter((el) =>
      /^\s*javascript:/i.test(el.getAttribute("href") ?? el.getAttribute("src") ?? el.getAttribute("action") ?? ""),
    );
    expect(scriptUrls.length, `javascript: URLs in ${file}`).toBe(0);
  }
});

describe.each([...PAGE_TYPES, ...PHOTO_PAGE_TYPES])("$name page ($path)", (pageType) => {
  it.each(WIDTHS)("loads only from its own origin, without errors, at %ipx", async (width) => {
    const { page, requests, errors, response } = await sites.of(pageType).open(pageType.path, { width });
    expect(response.status()).toBe(pageType.status);
    const failed: string[] = [];
    for (const request of requests) {
      if (request.failure()) failed.push(`${request.url()}: ${request.failure()?.errorText}`);
      else if (request !== response.request() && ((await request.response())?.status() ?? 0) >= 400)
        failed.push(request.url());
    }
    await page.close();
    expect(
      requests.map((request) => new URL(request.url()).origin).filter((origin) => origin !== sites.of(pageType).origin),
    ).toEqual([]);
    // Only the search page loads a script: its own.
    expect(
      requests.filter((request) => request.resourceType() === "script").map((r) => new URL(r.url()).pathname),
    ).toEqual(pageType.name === "search" ? ["/recherche-index/recherche.js"] : []);
    expect(failed).toEqual([]);
    // The browser reports a 404 document as a console error; anything else (a CSP violation, a
    // missing file) is a defect.
    const expected = (error: string) => pageType.status === 404 && error.endsWith(response.url());
    expect(errors.filter((error) => !expected(error))).toEqual([]);
  });
});

/**
 * The preview's live reload in a real browser: an article open in Chromium shows a headline saved
 * on disk without any action, and nothing on the page is blocked by its security policy. (The
 * site's policy, which runs no script, blocked the preview's reload script: edits never showed.)
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.ts";
import { makeTempDir, normalizeText, ROOT } from "../helpers/build.ts";
import { type DevServer, startDevServer } from "../helpers/dev-server.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
const ARTICLE = "/international/sommet-a-geneve/";
const SOURCE = "international/2024-03-01-sommet-a-geneve.md";

let dir: string;
let server: DevServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  dir = makeTempDir("news-live-reload-");
  cpSync(FIXTURE, dir, { recursive: true });
  server = startDevServer({
    articles: path.join(dir, "articles"),
    data: path.join(dir, "data"),
    output: path.join(dir, "preview"),
  });
  await server.waitFor("the preview", async () => server.url !== "" && (await server.fetchPage(ARTICLE)) !== null);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens a page of the preview, collecting console errors (CSP violations are reported there). */
async function open(urlPath: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  // The reload script says so in the console once its WebSocket is open.
  const connected = page.waitForEvent("console", {
    predicate: (message) => message.text().includes("Connected"),
    timeout: 30_000,
  });
  await page.goto(server.url + urlPath, { waitUntil: "load" });
  await connected;
  return { page, errors };
}

const headline = (page: Page) => page.locator("h1").textContent().then(normalizeText);

function saveTitle(title: string): void {
  const file = path.join(dir, "articles", SOURCE);
  writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, `title: "${title}"`));
}

describe("live reload in the preview", () => {
  it("shows a saved headline on the open article without any action", async () => {
    const { page, errors } = await open(ARTICLE);
    expect(await headline(page)).toBe("Sommet à Genève");
    saveTitle("Sommet à Genève : accord conclu");
    await page.waitForFunction(() => document.querySelector("h1")?.textContent?.includes("accord conclu"), undefined, {
      timeout: 60_000,
    });
    expect(await headline(page)).toBe("Sommet à Genève : accord conclu");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reloads the 404 page once the article it asked for exists", async () => {
    const { page, errors } = await open("/international/nouvel-article/");
    const source = readFileSync(path.join(dir, "articles", SOURCE), "utf8")
      .replace(/^title: .*$/m, 'title: "Nouvel article"')
      .replace(/^date: .*$/m, "date: 2024-03-09T10:00:00+01:00");
    writeFileSync(path.join(dir, "articles", "international/2024-03-09-nouvel-article.md"), source);
    await page.waitForFunction(() => document.querySelector("h1")?.textContent?.includes("Nouvel article"), undefined, {
      timeout: 60_000,
    });
    // The 404 page's own console error (its status) aside, nothing was blocked.
    expect(errors.filter((error) => !error.includes("404"))).toEqual([]);
    await page.close();
  });
});

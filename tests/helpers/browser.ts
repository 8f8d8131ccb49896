/**
 * The real site in a real browser: builds it into a temporary folder, serves it on 127.0.0.1
 * and drives Debian's Chromium (/usr/bin/chromium) through playwright-core. One per test file;
 * call close() in afterAll. openBrowserSites() also builds the synthetic newsroom, for the page
 * types the real site has no example of (tests/helpers/page-types.ts), in the same browser.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page, type Request, type Response } from "playwright-core";
import { type BuiltSite, buildSite, ROOT } from "./build.ts";
import type { PageType } from "./page-types.ts";
import { type StaticServer, serveDirectory } from "./static-server.ts";

export const CHROMIUM = "/usr/bin/chromium";

// Flags that work on these machines as root, with nothing reaching the network on its own.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface OpenOptions {
  width: number;
  height?: number;
  colorScheme?: "light" | "dark";
  media?: "screen" | "print";
}

export interface OpenedPage {
  page: Page;
  response: Response;
  /** Every request the page made, in order, the document included. */
  requests: Request[];
  /** Console errors, with the URL they concern, and uncaught exceptions (CSP violations show up here). */
  errors: string[];
}

export interface BrowserSite {
  origin: string;
  outDir: string;
  context: BrowserContext;
  /** Opens a path of the site in a new tab at the given width and colour scheme. */
  open(urlPath: string, options: OpenOptions): Promise<OpenedPage>;
  close(): Promise<void>;
}

/** The real site and the synthetic newsroom, served side by side to one browser. */
export interface BrowserSites {
  seed: BrowserSite;
  newsroom: BrowserSite;
  /** The site a page type is on. */
  of(pageType: PageType): BrowserSite;
  close(): Promise<void>;
}

const NEWSROOM = path.join(ROOT, "tests/fixtures/newsroom");

async function launch(): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(path.join(tmpdir(), "chromium-profile-"));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 90_000,
    });
    context.setDefaultTimeout(60_000);
    context.setDefaultNavigationTimeout(60_000);
    return { context, profile };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** Chromium with a fresh profile; close() ends it and removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const { context, profile } = await launch();
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function openBrowserSite(): Promise<BrowserSite> {
  const site = buildSite();
  const server = await serveDirectory(site.outDir);
  let browser: Awaited<ReturnType<typeof launch>>;
  try {
    browser = await launch();
  } catch (error) {
    await server.close();
    site.cleanup();
    throw error;
  }
  const { context, profile } = browser;
  const served = servedSite(site, server, context);
  return {
    ...served,
    async close() {
      await context.close().catch(() => undefined);
      await served.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The real site and the synthetic newsroom (tests/fixtures/newsroom), in one browser. */
export async function openBrowserSites(): Promise<BrowserSites> {
  const seed = await openBrowserSite();
  let newsroom: BrowserSite;
  try {
    const site = buildSite({ articles: path.join(NEWSROOM, "articles"), data: path.join(NEWSROOM, "data") });
    newsroom = servedSite(site, await serveDirectory(site.outDir), seed.context);
  } catch (error) {
    await seed.close();
    throw error;
  }
  return {
    seed,
    newsroom,
    of: (pageType) => (pageType.site === "newsroom" ? newsroom : seed),
    async close() {
      await newsroom.close();
      await seed.close();
    },
  };
}

/** A built site on its server, opened in `context`; close() stops the server and removes the build. */
function servedSite(site: BuiltSite, server: StaticServer, context: BrowserContext): BrowserSite {
  return {
    origin: server.origin,
    outDir: site.outDir,
    context,
    async open(urlPath, options) {
      const page = await context.newPage();
      const requests: Request[] = [];
      const errors: string[] = [];
      page.on("request", (request) => requests.push(request));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(`${message.text()} ${message.location().url}`);
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await page.setViewportSize({ width: options.width, height: options.height ?? 800 });
      await page.emulateMedia({ colorScheme: options.colorScheme ?? "light", media: options.media ?? "screen" });
      const response = await page.goto(server.origin + urlPath, { waitUntil: "load" });
      if (!response) throw new Error(`no response for ${urlPath}`);
      return { page, response, requests, errors };
    },
    async close() {
      await server.close().catch(() => undefined);
      site.cleanup();
    },
  };
}

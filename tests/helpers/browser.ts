/**
 * The real site in a real browser: builds it into a temporary folder, serves it on 127.0.0.1
 * and drives Debian's Chromium (/usr/bin/chromium) through playwright-core. One per test file;
 * call close() in afterAll. openBrowserSites() also builds the synthetic newsroom and the photo
 * site, for the page types the real site has no example of (tests/helpers/page-types.ts), in the
 * same browser.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page, type Request, type Response } from "playwright-core";
import { type BuiltSite, buildSite, makeTempDir, ROOT } from "./build.ts";
import type { PageType } from "./page-types.ts";
import { writePhotoSite } from "./photo-site.ts";
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
  /** Device pixels per CSS pixel (a phone's is 3): which photo files the browser picks depends on it. */
  deviceScaleFactor?: number;
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
  photos: BrowserSite;
  /** The site a page type is on. */
  of(pageType: PageType): BrowserSite;
  close(): Promise<void>;
}

const NEWSROOM = path.join(ROOT, "tests/fixtures/newsroom");

/** What a browser's pages see of where they run. */
export interface LaunchOptions {
  timezoneId?: string;
  locale?: string;
}

async function launch(options: LaunchOptions = {}): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(path.join(tmpdir(), "chromium-profile-"));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 90_000,
      ...options,
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
export async function launchChromium(
  options: LaunchOptions = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const { context, profile } = await launch(options);
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The real site, or the one made of `sources` (folders of articles and publisher data). */
export async function openBrowserSite(sources: { articles?: string; data?: string } = {}): Promise<BrowserSite> {
  const site = buildSite(sources);
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

/**
 * The real site, the synthetic newsroom (tests/fixtures/newsroom) and the photo site
 * (tests/helpers/photo-site.ts), in one browser.
 */
export async function openBrowserSites(): Promise<BrowserSites> {
  const seed = await openBrowserSite();
  const opened: BrowserSite[] = [seed];
  const photoSources = makeTempDir("photo-site-");
  const closeAll = async () => {
    for (const site of opened.reverse()) await site.close();
    rmSync(photoSources, { recursive: true, force: true });
  };
  try {
    const newsroomSite = buildSite({ articles: path.join(NEWSROOM, "articles"), data: path.join(NEWSROOM, "data") });
    const newsroom = servedSite(newsroomSite, await serveDirectory(newsroomSite.outDir), seed.context);
    opened.push(newsroom);
    const { articlesDir, dataDir } = await writePhotoSite(photoSources);
    const photoSite = buildSite({ articles: articlesDir, data: dataDir });
    const photos = servedSite(photoSite, await serveDirectory(photoSite.outDir), seed.context);
    opened.push(photos);
    const bySite = { newsroom, photos };
    return {
      seed,
      newsroom,
      photos,
      of: (pageType) => (pageType.site ? bySite[pageType.site] : seed),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** A site built from `sources`, served, and opened in the browser of `context` (another site's). */
export async function openSiteIn(
  context: BrowserContext,
  sources: { articles?: string; data?: string },
): Promise<BrowserSite> {
  const site = buildSite(sources);
  try {
    return servedSite(site, await serveDirectory(site.outDir), context);
  } catch (error) {
    site.cleanup();
    throw error;
  }
}

/** The photo site alone, built and served for a browser (its sources removed on close). */
export async function openPhotoSite(): Promise<BrowserSite> {
  const dir = makeTempDir("photo-site-");
  try {
    const { articlesDir, dataDir } = await writePhotoSite(dir);
    const site = await openBrowserSite({ articles: articlesDir, data: dataDir });
    return {
      ...site,
      async close() {
        await site.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
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
      if (options.deviceScaleFactor) {
        const devtools = await context.newCDPSession(page);
        await devtools.send("Emulation.setDeviceMetricsOverride", {
          width: options.width,
          height: options.height ?? 800,
          deviceScaleFactor: options.deviceScaleFactor,
          mobile: true,
        });
      }
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

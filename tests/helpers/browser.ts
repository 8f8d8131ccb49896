/**
 * The real site in a real browser: builds it into a temporary folder, serves it on 127.0.0.1
 * and drives Debian's Chromium (/usr/bin/chromium) through playwright-core. One per test file;
 * call close() in afterAll.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page, type Request, type Response } from "playwright-core";
import { buildSite } from "./build.ts";
import { serveDirectory } from "./static-server.ts";

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

/** The real site, or the one made of `sources` (folders of articles and publisher data). */
export async function openBrowserSite(sources: { articles?: string; data?: string } = {}): Promise<BrowserSite> {
  const site = buildSite(sources);
  const server = await serveDirectory(site.outDir);
  const profile = mkdtempSync(path.join(tmpdir(), "chromium-profile-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 90_000,
    });
  } catch (error) {
    await server.close();
    site.cleanup();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);

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
      await context.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      site.cleanup();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

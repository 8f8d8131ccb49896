/**
 * What search costs a reader, measured in Chromium (Debian's /usr/bin/chromium through
 * playwright-core) on a built site served as static hosts serve it (HTML, CSS and JavaScript
 * gzipped on the fly; the index's files are gzipped already): the bytes the first query
 * transfers and the time from the last keystroke to the results on screen.
 */
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Serves `root` on 127.0.0.1, gzipping text as hosts do. */
async function host(root: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    void (async () => {
      const { pathname } = new URL(request.url ?? "/", "http://localhost");
      let file = path.join(root, decodeURIComponent(pathname));
      if (!file.startsWith(root)) throw new Error("outside");
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      let body = await readFile(file);
      const type = TYPES[path.extname(file)];
      const headers: Record<string, string> = { "content-type": type ?? "application/octet-stream" };
      if (type && !type.startsWith("image/png")) {
        body = gzipSync(body);
        headers["content-encoding"] = "gzip";
      }
      response.writeHead(200, { ...headers, "content-length": String(body.length) }).end(body);
    })().catch(() => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export interface QueryCost {
  query: string;
  results: number;
  /** Bytes on the wire for the search: the script, the manifest, shards and the shown articles' files. */
  searchBytes: number;
  /** The same by kind. */
  bytes: { script: number; manifest: number; shards: number; documents: number };
  requests: number;
  /** The page's own HTML and CSS, for scale. */
  pageBytes: number;
  /** From the last keystroke's input event to the count on screen (the 120 ms pause after typing included). */
  resultsMs: number;
}

/** Opens /recherche/ in a fresh browser profile per query and types it. */
export async function measureQueries(outDir: string, queries: readonly string[]): Promise<QueryCost[]> {
  const { chromium } = await import("playwright-core");
  const { origin, server } = await host(path.resolve(outDir));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"],
  });
  try {
    const costs: QueryCost[] = [];
    for (const query of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const devtools = await context.newCDPSession(page);
      await devtools.send("Network.enable");
      const urls = new Map<string, string>();
      const sizes = new Map<string, number>();
      devtools.on("Network.requestWillBeSent", (event) => urls.set(event.requestId, event.request.url));
      devtools.on("Network.loadingFinished", (event) => sizes.set(event.requestId, event.encodedDataLength));
      await page.goto(`${origin}/recherche/`, { waitUntil: "load" });
      await page.waitForFunction(() => document.body.classList.contains("search-ready"));
      await page.evaluate(() => {
        const timing = { lastInput: 0, shown: 0 };
        (window as unknown as { searchTiming: typeof timing }).searchTiming = timing;
        document.getElementById("recherche-q")?.addEventListener("input", () => {
          timing.lastInput = performance.now();
        });
        const status = document.getElementById("recherche-etat") as HTMLElement;
        new MutationObserver(() => {
          if (status.textContent) timing.shown = performance.now();
        }).observe(status, { childList: true, characterData: true, subtree: true });
      });
      await page.type("#recherche-q", query, { delay: 40 });
      await page.waitForFunction(
        () => {
          const timing = (window as unknown as { searchTiming: { lastInput: number; shown: number } }).searchTiming;
          return timing.shown > timing.lastInput;
        },
        undefined,
        { timeout: 30_000 },
      );
      // Let the last responses finish being counted.
      await page.waitForTimeout(200);
      const timing = await page.evaluate(
        () => (window as unknown as { searchTiming: { lastInput: number; shown: number } }).searchTiming,
      );
      const results = await page.locator("#recherche-resultats li").count();
      const bytes = { script: 0, manifest: 0, shards: 0, documents: 0 };
      let pageBytes = 0;
      let requests = 0;
      for (const [id, url] of urls) {
        const size = sizes.get(id) ?? 0;
        const { pathname } = new URL(url);
        if (pathname.endsWith("/recherche.js")) bytes.script += size;
        else if (pathname.endsWith("/manifest.bin")) bytes.manifest += size;
        else if (pathname.includes("/shards/")) bytes.shards += size;
        else if (pathname.includes("/documents/")) bytes.documents += size;
        else {
          pageBytes += size;
          continue;
        }
        requests += 1;
      }
      costs.push({
        query,
        results,
        searchBytes: bytes.script + bytes.manifest + bytes.shards + bytes.documents,
        bytes,
        requests,
        pageBytes,
        resultsMs: timing.shown - timing.lastInput,
      });
      await context.close();
    }
    return costs;
  } finally {
    await browser.close();
    server.close();
  }
}

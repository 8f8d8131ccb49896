/**
 * A small static file server over a built site, like the static hosts the site is deployed to:
 * "/x/" serves x/index.html, "/x" redirects to "/x/" when x is a folder, and anything missing
 * gets 404.html with status 404. Listens on 127.0.0.1 on an ephemeral port.
 */

import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".bin": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
};

export interface StaticServer {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export async function serveDirectory(root: string): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = createServer((request, response) => {
    void (async () => {
      const { pathname } = new URL(request.url ?? "/", "http://localhost");
      const decoded = decodeURIComponent(pathname);
      const target = path.resolve(base, `.${decoded}`);
      // Never serve anything outside the site folder.
      const inside = target === base || target.startsWith(base + path.sep);
      let file = inside && decoded.endsWith("/") ? path.join(target, "index.html") : target;
      if (inside && !decoded.endsWith("/") && (await isDirectory(target))) {
        response.writeHead(301, { location: `${pathname}/` }).end();
        return;
      }
      let status = 200;
      if (!inside || !(await isFile(file))) {
        status = 404;
        file = path.join(base, "404.html");
      }
      const body = await readFile(file);
      const type = CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
      response.writeHead(status, { "content-type": type, "content-length": body.length });
      response.end(request.method === "HEAD" ? undefined : body);
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

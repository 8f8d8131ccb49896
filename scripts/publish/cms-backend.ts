/**
 * The CMS's local backend for `npm run cms`: Decap's own (the npm package `decap-server`, its
 * file-system mode: it reads and writes the sources in this working copy, commits nothing),
 * run in this process on 127.0.0.1 behind checks of ours:
 *
 * - Only the preview's page may use it: a request naming another Host (DNS rebinding: a web
 *   page whose name leads to 127.0.0.1) or another Origin is refused. decap-server alone
 *   listens on every interface and answers any page of localhost.
 * - It writes only editors' sources: article files and photos under the articles' folder,
 *   Markdown pages of the publisher's pages folder, and authors.yaml. decap-server would write
 *   anywhere in the repository (scripts, package.json…).
 * - An article is saved only if the build would accept it: the same check as `npm run build`
 *   (scripts/input/article.ts), its problems sent back as the CMS's error message.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

/** What an editor may write through the CMS, as paths relative to the repository. */
export interface CmsWritable {
  articles: string;
  pages: string;
  authorsFile: string;
}

/** A photo or Markdown file under the articles' folder; a page; authors.yaml. */
export function isWritable(relativePath: string, writable: CmsWritable): boolean {
  const file = path.posix.normalize(relativePath.replaceAll("\\", "/"));
  if (file.startsWith("../") || path.posix.isAbsolute(file) || file.split("/").some((part) => part.startsWith("."))) {
    return false;
  }
  const under = (folder: string) => file.startsWith(`${path.posix.normalize(folder)}/`);
  if (file === path.posix.normalize(writable.authorsFile)) return true;
  if (under(writable.pages)) return /^[^/]+\.md$/.test(file.slice(path.posix.normalize(writable.pages).length + 1));
  return under(writable.articles) && /\.(md|jpe?g|png|webp|avif)$/i.test(file);
}

/** The request's body as decap-server reads it. */
interface BackendRequest {
  action?: string;
  params?: {
    entry?: { path?: string; raw?: string; newPath?: string };
    dataFiles?: { path?: string; raw?: string; newPath?: string }[];
    assets?: { path?: string; content?: string; encoding?: string }[];
    asset?: { path?: string };
    path?: string;
    paths?: string[];
  };
}

/** Every path a request would write or delete. */
export function writtenPaths(body: BackendRequest): string[] {
  const params = body.params ?? {};
  switch (body.action) {
    case "persistEntry":
      return [
        ...(params.dataFiles ?? (params.entry ? [params.entry] : [])).flatMap((file) => [file.path, file.newPath]),
        ...(params.assets ?? []).map((asset) => asset.path),
      ].filter((file): file is string => typeof file === "string");
    case "persistMedia":
      return params.asset?.path ? [params.asset.path] : [];
    case "deleteFile":
      return params.path ? [params.path] : [];
    case "deleteFiles":
      return params.paths ?? [];
    default:
      return [];
  }
}

export interface CmsBackendOptions {
  /** The repository's root: every path the CMS sends is relative to it. */
  root: string;
  port: number;
  /** The preview's origin (http://127.0.0.1:8080): the only page allowed to call. */
  allowedOrigin: string;
  writable: CmsWritable;
  /**
   * The build's problems with an article about to be saved (its path relative to the root, its
   * text), the photos of the same save already on disk; empty when the build would accept it.
   */
  articleProblems: (relativePath: string, raw: string) => string[];
}

export interface CmsBackend {
  /** Decap's `proxy_url`. */
  url: string;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage & { body?: BackendRequest }, res: ServerResponse, next: () => void) => void;

function refuse(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ error }));
}

/** Starts the backend on 127.0.0.1:`port` ("0": any free port); resolves once it listens. */
export async function startCmsBackend(options: CmsBackendOptions): Promise<CmsBackend> {
  // decap-server's own express, and its middleware for the file-system mode.
  const serverRequire = createRequire(createRequire(import.meta.url).resolve("decap-server"));
  const express = serverRequire("express") as ((...args: never[]) => unknown) & {
    json(options: { limit: string }): Handler;
  };
  const { registerLocalFs } = serverRequire("./middlewares.js") as {
    registerLocalFs(app: unknown, options: { logLevel: string }): Promise<void>;
  };
  const app = (express as unknown as () => { use(handler: Handler): void; listen: unknown })();
  let origin = "";
  const guard: Handler = (req, res, next) => {
    if (req.headers.host !== origin) return refuse(res, 403, `Host "${req.headers.host}" refused; expected ${origin}`);
    const from = req.headers.origin;
    if (from !== undefined && from !== options.allowedOrigin) {
      return refuse(res, 403, `Origin "${from}" refused; expected ${options.allowedOrigin}`);
    }
    if (req.method !== "POST") return next();
    const body = req.body ?? {};
    const outside = writtenPaths(body).filter((file) => !isWritable(file, options.writable));
    if (outside.length > 0) {
      return refuse(
        res,
        403,
        `${outside.join(", ")}: not an editor's source; the CMS writes only articles, their photos, pages and authors.yaml`,
      );
    }
    if (body.action === "persistEntry") {
      const files = body.params?.dataFiles ?? (body.params?.entry ? [body.params.entry] : []);
      // The photos of this save first, so that the article's check finds them.
      for (const asset of body.params?.assets ?? []) {
        if (!asset.path || typeof asset.content !== "string") continue;
        const target = path.join(options.root, asset.path);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, Buffer.from(asset.content, asset.encoding === "base64" ? "base64" : "utf8"));
      }
      const problems = files.flatMap((file) =>
        file.raw !== undefined && file.path?.startsWith(`${options.writable.articles}/`) && file.path.endsWith(".md")
          ? options.articleProblems(file.newPath ?? file.path, file.raw)
          : [],
      );
      if (problems.length > 0) {
        return refuse(res, 422, `Le site refuserait ce fichier (rien n’a été enregistré) :\n${problems.join("\n")}`);
      }
    }
    next();
  };
  app.use(express.json({ limit: "60mb" }));
  app.use(guard);
  // decap-server reads the repository's folder from the environment; the working directory is the default.
  await registerLocalFs(app, { logLevel: "warn" });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = (app as unknown as { listen(port: number, host: string, done: () => void): Server }).listen(
      options.port,
      "127.0.0.1",
      () => resolve(listening),
    );
    listening.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  origin = `127.0.0.1:${port}`;
  return {
    url: `http://${origin}/api/v1`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

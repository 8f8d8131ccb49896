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
 *   (scripts/input/article.ts), its problems sent back as the CMS's error message; a refused
 *   save leaves every file as it was, its photos included.
 * - Saves (`persistEntry`, `persistMedia`) are ours: each file is written beside its place and
 *   renamed onto it. decap-server truncates the file and writes it in chunks, so the preview's
 *   watcher could read an empty or half article and flash a problem for a file the editor
 *   saved correctly (a browser test read the seed article as "" after a save).
 */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, realpathSync, renameSync, rmSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { writeWhole } from "../input/write-whole.ts";

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
    asset?: { path?: string; content?: string; encoding?: string };
    path?: string;
    paths?: string[];
    options?: { useWorkflow?: boolean };
  };
}

/**
 * `relativePath` under `root`, or undefined when its deepest existing folder is a link leading
 * out of `root` (decap-server's own rule, kept now that we write).
 */
export function pathInside(root: string, relativePath: string): string | undefined {
  const target = path.resolve(root, relativePath);
  let existing = path.dirname(target);
  while (!existsSync(existing)) existing = path.dirname(existing);
  const from = path.relative(realpathSync(root), realpathSync(existing));
  return from === ".." || from.startsWith(`..${path.sep}`) || path.isAbsolute(from) ? undefined : target;
}

/**
 * Written whole (input/write-whole.ts), aside under a dot name: the articles' folder is read by
 * the preview's rebuilds, which skip dot files.
 */
function writeSource(target: string, data: string | Buffer): void {
  writeWhole(target, data, path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`));
}

/** A save's photos, written before the article's check; put back as they were if it refuses. */
class PhotoWrites {
  private readonly written: { target: string; previous?: string }[] = [];

  write(target: string, data: Buffer): void {
    let previous: string | undefined;
    const first = !this.written.some((write) => write.target === target);
    if (first && existsSync(target) && lstatSync(target).isFile()) {
      previous = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.previous`);
      renameSync(target, previous);
    }
    this.written.push({ target, previous });
    writeSource(target, data);
  }

  /** Every photo as it was before the save, the last one written first. */
  rollBack(): void {
    for (const { target, previous } of this.written.reverse()) {
      rmSync(target, { force: true });
      if (previous) renameSync(previous, target);
    }
  }

  /** Drops the previous versions. */
  keep(): void {
    for (const { previous } of this.written) if (previous) rmSync(previous, { force: true });
  }
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

function assetBytes(asset: { content?: string; encoding?: string }): Buffer {
  return Buffer.from(asset.content ?? "", asset.encoding === "base64" ? "base64" : "utf8");
}

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
  const inside = (file: string | undefined): string => {
    const target = file === undefined ? undefined : pathInside(options.root, file);
    if (target === undefined) throw new Error(`${file}: leads out of the repository`);
    return target;
  };
  // decap-server's persistEntry in its file-system mode, each file written whole.
  const persistEntry = (body: BackendRequest, res: ServerResponse) => {
    const files = body.params?.dataFiles ?? (body.params?.entry ? [body.params.entry] : []);
    const assets = body.params?.assets ?? [];
    if (
      files.length === 0 ||
      files.some((file) => typeof file.path !== "string" || typeof file.raw !== "string") ||
      assets.some((asset) => typeof asset.path !== "string" || typeof asset.content !== "string")
    ) {
      return refuse(res, 422, "persistEntry: every file needs a path and its text, every asset a path and its content");
    }
    let photos: PhotoWrites | undefined;
    try {
      const targets = files.map((file) => ({
        from: inside(file.path),
        to: file.newPath === undefined ? undefined : inside(file.newPath),
        raw: file.raw as string,
      }));
      // The photos of this save first, so that the article's check finds them.
      photos = new PhotoWrites();
      for (const asset of assets) photos.write(inside(asset.path), assetBytes(asset));
      const problems = files.flatMap((file) =>
        file.path?.startsWith(`${options.writable.articles}/`) && file.path.endsWith(".md")
          ? options.articleProblems(file.newPath ?? (file.path as string), file.raw as string)
          : [],
      );
      if (problems.length > 0) {
        photos.rollBack();
        return refuse(res, 422, `Le site refuserait ce fichier (rien n’a été enregistré) :\n${problems.join("\n")}`);
      }
      photos.keep();
      photos = undefined;
      // Renamed (a new date or slug) only when every file is, as decap-server does.
      const renamed = targets.every((target) => target.to !== undefined);
      for (const { from, to, raw } of targets) {
        writeSource(renamed && to ? to : from, raw);
        if (renamed && to && to !== from) rmSync(from, { force: true });
      }
    } catch (error) {
      photos?.rollBack();
      return refuse(res, 422, error instanceof Error ? error.message : String(error));
    }
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ message: "entry persisted" }));
  };
  // decap-server's persistMedia: the photo written whole, answered as its getMediaFile.
  const persistMedia = (body: BackendRequest, res: ServerResponse) => {
    const asset = body.params?.asset;
    if (typeof asset?.path !== "string" || typeof asset.content !== "string") {
      return refuse(res, 422, "persistMedia: the asset needs a path and its content");
    }
    let bytes: Buffer;
    try {
      bytes = assetBytes(asset);
      writeSource(inside(asset.path), bytes);
    } catch (error) {
      return refuse(res, 422, error instanceof Error ? error.message : String(error));
    }
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
    res.end(
      JSON.stringify({
        id: createHash("sha256").update(bytes).digest("hex"),
        content: bytes.toString("base64"),
        encoding: "base64",
        path: asset.path.replaceAll("\\", "/"),
        name: path.basename(asset.path),
      }),
    );
  };
  const guard: Handler = (req, res, next) => {
    if (req.headers.host !== origin) return refuse(res, 403, `Host "${req.headers.host}" refused; expected ${origin}`);
    const from = req.headers.origin;
    if (from !== undefined && from !== options.allowedOrigin) {
      return refuse(res, 403, `Origin "${from}" refused; expected ${options.allowedOrigin}`);
    }
    // The CMS's page is another origin (the preview's port): what we answer ourselves, a
    // refusal included, must be readable there, as decap-server's cors middleware makes its own.
    if (from !== undefined) {
      res.setHeader("Access-Control-Allow-Origin", from);
      res.setHeader("Vary", "Origin");
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
    if (body.action === "persistEntry" && body.params?.options?.useWorkflow !== true) return persistEntry(body, res);
    if (body.action === "persistMedia") return persistMedia(body, res);
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

/**
 * The preview's web server: Eleventy's dev server (live reload, DOM diffing), with what it has no
 * option for.
 *
 * - It listens on the host it is given (127.0.0.1 unless `npm start -- --host` says otherwise):
 *   the dev server passes only a port to listen(), so it answered on every interface
 *   (11ty/dev-server#128).
 * - No request stops it. Its handler is an async function whose errors nobody catches: `/%ff`
 *   (decodeURIComponent throws) or an encoded `..%2f` that leaves the folder ("Invalid path")
 *   ended the process. Requests are checked first (`refusedRequest`: GET and HEAD only, a
 *   decodable path without `..` or NUL, at most MAX_URL_LENGTH long), and anything the handler
 *   still throws becomes a 500 for that request alone.
 * - It serves only files inside the output folder: its own check compared path prefixes, so
 *   `/..%2fpreview-secret/x` reached a sibling folder named like the output (`preview-secret/`).
 * - The live-reload script is always loaded from /.11ty/ (it was inlined on error pages), so the
 *   preview's Content-Security-Policy (`script-src 'self'`) lets it run on the 404 page too.
 * - While the last build failed, every page it serves starts with the problem panel
 *   (preview-problems.ts), and open pages are told when the problems change.
 * - It answers the few extra routes it is given (the CMS at /admin/, for `npm run cms`).
 */
import { readFileSync, realpathSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import {
  PROBLEMS_FOLDER,
  PROBLEMS_MESSAGE,
  type ProblemBoard,
  problemPanel,
  problemPanelHtml,
  waitingPage,
} from "./preview-problems.ts";

/** Longer request targets are refused: no page of the site has a URL near this long. */
export const MAX_URL_LENGTH = 4096;

/** Why a request is refused before it reaches the dev server, or null. */
export function refusedRequest(
  method: string | undefined,
  url: string | undefined,
): { status: number; reason: string } | null {
  // A folder of files to read: nothing else is meant (the live-reload WebSocket opens with a GET).
  if (method !== "GET" && method !== "HEAD") return { status: 405, reason: "only GET and HEAD are answered" };
  if (!url?.startsWith("/")) return { status: 400, reason: "expected a path starting with /" };
  if (url.length > MAX_URL_LENGTH) return { status: 414, reason: `longer than ${MAX_URL_LENGTH} characters` };
  const pathname = url.split(/[?#]/, 1)[0] as string;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400, reason: "malformed percent-encoding" };
  }
  if (decoded.includes("\0")) return { status: 400, reason: "a NUL character in the path" };
  if (decoded.split(/[/\\]/).includes("..")) return { status: 400, reason: "a .. segment in the path" };
  return null;
}

/** True when `file` (links resolved) is inside `dir`. */
function isInside(file: string, dir: string): boolean {
  try {
    const relative = path.relative(realpathSync.native(dir), realpathSync.native(file));
    return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  } catch {
    return false;
  }
}

function answer(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
  res.end(`${status}: ${text}\n`);
}

/** A file the preview serves besides its output folder. */
export interface ExtraFile {
  type: string;
  body: string | Buffer;
  /** Headers besides Content-Type (a page's own Content-Security-Policy…). */
  headers?: Record<string, string>;
}

export interface PreviewServerOptions {
  /** The address to listen on: "127.0.0.1", "::1", "0.0.0.0" (every interface)… */
  host: string;
  /** The last build's problems, shown on every page while there are some. */
  problems?: ProblemBoard;
  /** Files served at a path outside the output folder (`/admin/…`), or null for the output's own. */
  extraFile?: (pathname: string) => ExtraFile | null | Promise<ExtraFile | null>;
  /** Set while the sources are broken at start: a page the output lacks is a page saying so. */
  waiting?: boolean;
  /** Told the origin (http://127.0.0.1:8080) once the server listens. */
  listening?: (origin: string) => void;
}

/** The panel's script and stylesheet, as files of the preview's own origin (its CSP allows no inline script). */
const CLIENT_FILES: Record<string, { file: string; type: string }> = {
  [`${PROBLEMS_FOLDER}problems.js`]: { file: "problems.js", type: "text/javascript; charset=utf-8" },
  [`${PROBLEMS_FOLDER}problems.css`]: { file: "problems.css", type: "text/css; charset=utf-8" },
};
const CLIENT_FOLDER = path.join(path.dirname(new URL(import.meta.url).pathname), "preview-client");

function send(res: ServerResponse, method: string | undefined, file: ExtraFile): void {
  res.writeHead(200, {
    "Content-Type": file.type,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    ...file.headers,
  });
  res.end(method === "HEAD" ? undefined : file.body);
}

export class PreviewServer extends EleventyDevServer {
  /** Eleventy creates its server through this (it is the module's entry point). */
  static override getServer(name: string, dir: string, options: Record<string, unknown>): PreviewServer {
    return new PreviewServer(name, dir, options);
  }

  constructor(name: string, dir: string, options: Record<string, unknown>) {
    super(name, dir, options);
    // Every open page hears of a change at once: the panel comes, changes or goes without a reload.
    this.#options.problems?.onChange((lines) =>
      this.sendUpdateNotification({ type: PROBLEMS_MESSAGE, panel: problemPanel(lines) }),
    );
  }

  get #options(): Partial<PreviewServerOptions> {
    return this.options as Partial<PreviewServerOptions>;
  }

  /**
   * Eleventy calls this when a rebuild fails. The panel shows what failed; the dev server's own
   * message would have its script print the error, stack included, to the browser's console.
   */
  override sendError(event: { error: unknown }): void {
    if (this.#options.problems) this.#options.problems.failed(event.error);
    else super.sendError(event);
  }

  /** The panel's files and state, and the extra routes; null for what the output folder answers. */
  async #extraFile(pathname: string): Promise<ExtraFile | null> {
    const client = CLIENT_FILES[pathname];
    if (client) return { type: client.type, body: readFileSync(path.join(CLIENT_FOLDER, client.file)) };
    if (pathname === `${PROBLEMS_FOLDER}problems.json`) {
      return {
        type: "application/json; charset=utf-8",
        body: JSON.stringify({ panel: problemPanel(this.#options.problems?.lines ?? []) }),
      };
    }
    const extra = await this.#options.extraFile?.(pathname);
    if (extra) return extra;
    if (this.#options.waiting && this.mapUrlToFilePath(pathname).statusCode !== 200) {
      return { type: "text/html; charset=utf-8", body: this.augmentContentWithNotifier(waitingPage(), false, {}) };
    }
    return null;
  }

  override _serverListen(port: number): void {
    const host = this.#options.host ?? "127.0.0.1";
    this.server.once("listening", () => {
      const address = this.server.address();
      if (typeof address === "object" && address) {
        this.#options.listening?.(`http://${host.includes(":") ? `[${host}]` : host}:${address.port}`);
      }
    });
    this.server.listen({ port, host });
  }

  /** The addresses printed when it starts ("Server at http://127.0.0.1:8080/"). */
  override getHosts(): string[] {
    const host = (this.options as Partial<PreviewServerOptions>).host ?? "127.0.0.1";
    if (host === "0.0.0.0" || host === "::") return super.getHosts();
    return [this.getServerUrl(host.includes(":") ? `[${host}]` : host)];
  }

  override async onRequestHandler(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = refusedRequest(req.method, req.url);
    if (refused) {
      if (refused.status === 405) res.setHeader("Allow", "GET, HEAD");
      answer(res, refused.status, refused.reason);
      return;
    }
    try {
      const extra = await this.#extraFile(decodeURIComponent((req.url as string).split(/[?#]/, 1)[0] as string));
      if (extra) return send(res, req.method, extra);
      await super.onRequestHandler(req, res);
    } catch (error) {
      this.logger.error(`Request ${req.method} ${req.url?.slice(0, 200)}: ${(error as Error).message ?? error}`);
      answer(res, 500, "the preview could not answer this request");
    }
  }

  override mapUrlToFilePath(url: string): { statusCode: number; filepath?: string; url?: string } {
    const match = super.mapUrlToFilePath(url);
    if (match.filepath && !isInside(match.filepath, this.dir)) return { statusCode: 404 };
    return match;
  }

  override augmentContentWithNotifier(content: string, _inline: boolean, options: Record<string, unknown>): string {
    const withPanel = super
      .augmentContentWithNotifier(content, false, options)
      .replace(
        "</head>",
        `<link rel="stylesheet" href="${PROBLEMS_FOLDER}problems.css"><script type="module" src="${PROBLEMS_FOLDER}problems.js"></script></head>`,
      );
    const panel = problemPanel(this.#options.problems?.lines ?? []);
    return panel ? withPanel.replace(/<body[^>]*>/, (body) => `${body}${problemPanelHtml(panel)}`) : withPanel;
  }
}

/**
 * Serves the output folder as it is (the last good preview, or nothing yet) while the sources
 * are broken at start, before Eleventy has built anything: the editor's browser shows the
 * problem panel instead of a refused connection. Resolves once it listens, with its port.
 */
export async function serveWhileBroken(
  outDir: string,
  port: number,
  options: PreviewServerOptions,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = PreviewServer.getServer("preview", outDir, { ...options, waiting: true });
  server.serve(port);
  await server.ready();
  const address = server.server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () => server.close(),
  };
}

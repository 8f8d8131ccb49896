/** Starts the editor's preview (scripts/cli/serve.ts) on a free port and talks to it. */
import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { ROOT } from "./build.ts";

export interface DevServer {
  /** Base URL, e.g. http://localhost:43127 (no trailing slash); empty until the server listens. */
  url: string;
  /** Everything the process printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** Resolves once `predicate` holds, polling; rejects after `timeoutMs` with what was printed. */
  waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  /** The page's HTML, or null when the server answers with an error status. */
  fetchPage(urlPath: string): Promise<string | null>;
  stop(): Promise<void>;
}

/** `npm start` as node's arguments, on any free port, for the given folders and extra arguments. */
export function previewCommand(options: { articles: string; data: string; output: string; args?: string[] }): string[] {
  return [
    "--import",
    "tsx",
    "scripts/cli/serve.ts",
    "--port",
    "0",
    "--output",
    options.output,
    "--articles",
    options.articles,
    "--data",
    options.data,
    ...(options.args ?? []),
  ];
}

export function startDevServer(options: {
  articles: string;
  data: string;
  output: string;
  args?: string[];
}): DevServer {
  let printed = "";
  const child: ChildProcess = spawn(process.execPath, previewCommand(options), {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: DevServer = {
    url: "",
    output: () => printed,
    async waitFor(what, predicate, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await predicate())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the server printed:\n${printed}`);
        if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); it printed:\n${printed}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async fetchPage(urlPath) {
      const response = await fetch(`${server.url}${urlPath}`);
      return response.ok ? response.text() : null;
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  const collect = (chunk: Buffer) => {
    printed += chunk.toString("utf8");
    const listening = /Server at (http:\/\/[^\s/]+)\//.exec(printed);
    if (listening?.[1]) server.url = listening[1];
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return server;
}

/**
 * Sends `request` as raw bytes to `origin` (http://host:port), as no browser or fetch() would
 * (unnormalised paths, odd methods, broken encodings); a request should ask for
 * `Connection: close`. Resolves with the status and the whole response, status null when the
 * server closed the connection without answering.
 */
export function rawRequest(origin: string, request: string): Promise<{ status: number | null; text: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(request));
    // An answer that never comes counts as none.
    socket.setTimeout(10_000, () => socket.destroy());
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (text += chunk));
    // Refused: nothing listens there. A reset (the server cut a request it would not read) ends
    // the exchange like a close.
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED") reject(error);
    });
    socket.on("close", () => {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : null, text });
    });
  });
}

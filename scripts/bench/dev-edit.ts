/**
 * Edit → updated page under the dev server: starts it on a free port with the benchmark's
 * content, waits for the first build, then times two kinds of edit of one article until its page
 * serves them: a headline change (every page naming it is rendered again: lists, « À lire
 * aussi », feeds) and a sentence added to the body (the common edit: its page and its feeds).
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export interface DevEditOptions {
  root: string;
  articlesDir: string;
  dataDir: string;
  outDir: string;
  /** The article source to edit (absolute) and its page's URL path. */
  articleFile: string;
  articleUrl: string;
  /** How many successive edits to time. */
  edits?: number;
  timeoutMs?: number;
}

export interface DevEditResult {
  /** From the server's start to its first page. */
  startupMs: number;
  /** For each headline edit, from saving it to the updated page being served. */
  editMs: number[];
  /** For each body-text edit, from saving it to the updated page being served. */
  textEditMs?: number[];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fetchText(url: string): Promise<string | null> {
  try {
    const response = await fetch(url, { headers: { "cache-control": "no-cache" } });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

async function pollUntil(
  url: string,
  test: (body: string) => boolean,
  deadline: number,
  alive: () => boolean,
): Promise<void> {
  while (performance.now() < deadline) {
    if (!alive()) throw new Error("the dev server exited");
    const body = await fetchText(url);
    if (body !== null && test(body)) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${url}`);
}

export async function measureDevEdit(options: DevEditOptions): Promise<DevEditResult> {
  const port = await freePort();
  const timeoutMs = options.timeoutMs ?? 300_000;
  // What `npm start` runs, on our port, writing into a temporary folder.
  const argv = [
    path.join(options.root, "scripts/cli/serve.ts"),
    "--port",
    String(port),
    "--output",
    options.outDir,
    "--articles",
    options.articlesDir,
    "--data",
    options.dataDir,
  ];
  const child = spawn(process.execPath, ["--import", "tsx", ...argv], {
    cwd: options.root,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const pageUrl = `http://127.0.0.1:${port}${options.articleUrl}`;
  const original = readFileSync(options.articleFile, "utf8");
  try {
    const started = performance.now();
    await pollUntil(pageUrl, () => true, started + timeoutMs, alive).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${log.slice(-2000)}`);
    });
    const startupMs = performance.now() - started;
    const editMs: number[] = [];
    // The text edits below start from the last headline edit, so that they change nothing else.
    let current = original;
    for (let edit = 1; edit <= (options.edits ?? 3); edit += 1) {
      // Let the watcher settle so each edit is a separate rebuild.
      await sleep(1000);
      const marker = `Titre modifié numéro ${edit}`;
      const saved = performance.now();
      current = original.replace(/^title: .*$/m, `title: "${marker}"`);
      writeFileSync(options.articleFile, current);
      await pollUntil(pageUrl, (body) => body.includes(marker), saved + 60_000, alive).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${log.slice(-2000)}`);
      });
      editMs.push(performance.now() - saved);
    }
    const textEditMs: number[] = [];
    for (let edit = 1; edit <= (options.edits ?? 3); edit += 1) {
      await sleep(1000);
      const marker = `Phrase ajoutée numéro ${edit}.`;
      const saved = performance.now();
      current = `${current.trimEnd()}\n\n${marker}\n`;
      writeFileSync(options.articleFile, current);
      await pollUntil(pageUrl, (body) => body.includes(marker), saved + 60_000, alive).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${log.slice(-2000)}`);
      });
      textEditMs.push(performance.now() - saved);
    }
    return { startupMs, editMs, textEditMs };
  } finally {
    writeFileSync(options.articleFile, original);
    try {
      // The server and anything it started: its own process group.
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("close", resolve)));
  }
}

/**
 * Minifies built HTML files in place, spread over worker threads (one per core, at most
 * `maxWorkers`): html-minifier-terser is CPU-bound and synchronous at heart, so Promise.all on
 * the main thread used one core. Small sites skip the workers' start-up cost.
 */
import { availableParallelism } from "node:os";
import { readFile, writeFile } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { minifyHtml } from "./minify-html.ts";

/**
 * Workers do not inherit tsx's loader: register it, then import the TypeScript worker module.
 * (A data: URL cannot resolve bare specifiers, hence the resolved URLs.)
 */
const WORKER_BOOTSTRAP = new URL(
  `data:text/javascript,${encodeURIComponent(
    `const { register } = await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))});` +
      `register(); await import(${JSON.stringify(new URL("./minify-worker.ts", import.meta.url).href)});`,
  )}`,
);

/** Below this many pages one thread is faster than starting workers. */
const WORKER_THRESHOLD = 200;

export async function minifyFilesInPlace(files: readonly string[], maxWorkers = availableParallelism()): Promise<void> {
  const workers = Math.min(maxWorkers, Math.ceil(files.length / WORKER_THRESHOLD));
  if (workers <= 1) {
    for (const file of files) await writeFile(file, await minifyHtml(await readFile(file, "utf8")));
    return;
  }
  const slices = Array.from({ length: workers }, (_, k) => files.filter((_, index) => index % workers === k));
  await Promise.all(
    slices.map(
      (slice) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(WORKER_BOOTSTRAP, { workerData: slice });
          worker.once("error", reject);
          worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`minify worker exited with ${code}`))));
        }),
    ),
  );
}

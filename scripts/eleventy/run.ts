/**
 * Running Eleventy: once into a folder (the build), or as the preview's dev server. The only
 * place Eleventy is started; its configuration comes from .eleventy.js through the caller.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type Eleventy from "@11ty/eleventy";
import type { EleventyConfig } from "./plugin.ts";
import type { PreviewServerOptions } from "./preview-server.ts";

/** What Eleventy reports for each page it rendered. */
export interface WrittenOutput {
  /** The template that produced it, e.g. ./src/article.njk. */
  inputPath: string;
  /** The file written, or false for a page with no output (`permalink: false`). */
  outputPath?: string | false;
}

/** What a build wrote: the pages rendered, and the files copied as they are (src/assets/), where they went. */
export interface WrittenSite {
  outputs: WrittenOutput[];
  copied: string[];
}

export interface EleventyRun {
  /** Configures Eleventy (`eleventyConfig(options)` from .eleventy.js). */
  config: (config: EleventyConfig) => void | Promise<void>;
  /** "/" or "/actu/": the HTML base plugin prefixes every root-relative link with it. */
  pathPrefix: string;
  outDir: string;
}

const options = (run: EleventyRun) => ({
  configPath: false as const,
  config: run.config as (config: never) => Promise<void>,
  pathPrefix: run.pathPrefix,
});

/**
 * Eleventy, loaded when first needed. On Node before 22.15, Eleventy registers an ESM loader hook
 * on a worker thread when it loads, to re-import changed JavaScript data files while it watches;
 * every module loaded after it then waits for that thread. A build watches nothing: it asks
 * Eleventy (through the switch Eleventy reads for this, 11ty/eleventy#3371) not to register it.
 * Measured on the seed site: 0.10–0.26 s of a build's CPU time went to that thread.
 */
async function loadEleventy(watching: boolean): Promise<typeof Eleventy> {
  if (!watching) process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
  return (await import("@11ty/eleventy")).default;
}

/**
 * Eleventy keeps its layouts and compiled templates in module-level caches, shared by every
 * Eleventy of the process: a second run in the same process rendered the first run's layouts,
 * bound to the first run's data (its « À lire aussi », its pages). Before each run they are
 * emptied, through the events Eleventy itself sends when a file changes or its configuration is
 * reset (its event bus is not exported, hence the path). Turning the caches off instead
 * (setUseTemplateCache) compiled the templates again for every page: 1.33 × the CPU time at
 * 4000 articles.
 */
async function forgetEarlierRuns(): Promise<void> {
  const source = path.dirname(fileURLToPath(import.meta.resolve("@11ty/eleventy")));
  const { default: eventBus } = (await import(pathToFileURL(path.join(source, "EventBus.js")).href)) as {
    default: { emit(event: string, ...args: unknown[]): Promise<unknown> | unknown };
  };
  // The layout cache is emptied on any change, the compile cache on a configuration reset.
  await eventBus.emit("eleventy.resourceModified", "");
  await eventBus.emit("eleventy.compileCacheReset");
}

/** Renders every page into `outDir` and returns what was written. */
export async function writeSite(run: EleventyRun): Promise<WrittenSite> {
  const Eleventy = await loadEleventy(false);
  await forgetEarlierRuns();
  const eleventy = new Eleventy(undefined, run.outDir, { ...options(run), quietMode: true });
  eleventy.disableLogger();
  await eleventy.init();
  // Eleventy 3.1 creates its configuration benchmark group before quiet mode applies, so a slow
  // (loaded) machine gets "[11ty] Benchmark …" warnings even with --quiet: silence them too.
  eleventy.eleventyConfig.userConfig.benchmarks.config.setIsVerbose(false);
  const [copies, outputs] = (await eleventy.write()) as [{ map?: Record<string, string> }[], WrittenOutput[][]];
  // Eleventy's results carry each page's content too: kept, they held every page a process wrote
  // until the build's end, and a render process sent them all back through its pipe.
  return {
    outputs: outputs.flat().map(({ inputPath, outputPath }) => ({ inputPath, outputPath })),
    copied: copies.flatMap((copy) => Object.values(copy.map ?? {})),
  };
}

/** Renders again after `file` changed (Eleventy queues a change that comes during a build). */
export type Rebuild = (file: string) => Promise<void>;

export interface DevServer {
  rebuild: Rebuild;
  stop(): Promise<void>;
}

/**
 * Builds into `outDir`, then serves it with live reload on `server.host`:`port` ("0": any free
 * port), through the preview's own server class (scripts/eleventy/preview-server.ts).
 */
export async function startDevServer(
  run: EleventyRun & { port: string; server: PreviewServerOptions },
): Promise<DevServer> {
  const serverOptions: PreviewServerOptions = run.server;
  const Eleventy = await loadEleventy(true);
  const { PreviewServer } = await import("./preview-server.ts");
  const eleventy = new Eleventy(undefined, run.outDir, {
    ...options(run),
    config: async (config: EleventyConfig) => {
      await run.config(config);
      config.setServerOptions(serverOptions);
    },
    runMode: "serve",
  });
  await eleventy.init();
  // Eleventy loads its dev server module here; it accepts other modules only from node_modules/.
  eleventy.eleventyServe.getServerModule = async () => PreviewServer;
  // Eleventy 3.1's watch() returns the function its watcher calls on a change.
  const rebuild = (await eleventy.watch()) as unknown as Rebuild;
  // A string, so that "0" (any free port) is not taken for "unset".
  await eleventy.serve(run.port);
  return { rebuild, stop: () => eleventy.stopWatch() };
}

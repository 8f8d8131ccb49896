/**
 * The editor's preview (`npm start`): Eleventy's dev server with live reload, drafts shown.
 *
 *   tsx scripts/cli/serve.ts [--port 8080] [--output _site] [--articles DIR] [--data DIR]
 *
 * Eleventy's own CLI exits when the first build fails; an editor who starts the preview with a
 * broken article would have to fix it blind. Here the problems are printed, the folders are
 * watched, and the preview starts on the next save. Later errors are Eleventy's watch loop's:
 * printed, the server keeps running, the next good save recovers.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import Eleventy from "@11ty/eleventy";
import { findContentValidationError } from "../input/content-error.ts";
import { resolveContentPaths } from "../eleventy/plugin.ts";
import { watchFolders } from "../build/folder-watch.ts";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    // Not dist/: the preview holds drafts and unminified pages, and must never be deployed.
    output: { type: "string", default: "_preview" },
    articles: { type: "string" },
    data: { type: "string" },
  },
});

const paths = resolveContentPaths({ articlesDir: args.articles, dataDir: args.data });
// The Eleventy plugin reads the same paths.
process.env.ARTICLES_DIR = paths.articlesDir;
process.env.DATA_DIR = paths.dataDir;
// Article sources are watched here (watchArticles), not by Eleventy.
process.env.PREVIEW_WATCHES_ARTICLES = "1";

/** What Eleventy's watch() returns (Eleventy 3.1): the rebuild it runs when a watched file changes. */
type Rebuild = (file: string) => Promise<void>;

async function startPreview(): Promise<Eleventy> {
  const eleventy = new Eleventy("src", args.output, { source: "cli", runMode: "serve", configPath: ".eleventy.js" });
  // Watching from before the first build, so that a save during it is not missed.
  const articles = watchArticles();
  try {
    await eleventy.init();
    articles.start((await eleventy.watch()) as unknown as Rebuild);
  } catch (error) {
    articles.close();
    throw error;
  }
  // A string, so that "0" (any free port) is not taken for "unset".
  await eleventy.serve(args.port);
  return eleventy;
}

/**
 * Article sources are watched here, not by Eleventy's chokidar: it reads and stats every file of
 * a section's folder on each save (hundreds), and waits 150 ms for writes to settle. Here a save
 * costs one event; Eleventy's rebuild (its queue: a save during a build runs one more) is the same.
 */
function watchArticles(): { start(rebuild: Rebuild): void; close(): void } {
  let rebuild: Rebuild | undefined;
  const waiting = new Set<string>();
  const changed = (file: string) => {
    if (!rebuild) return void waiting.add(file);
    const inProject = file.startsWith(`${process.cwd()}${path.sep}`);
    console.log(`[11ty] File changed: ${inProject ? path.relative(process.cwd(), file) : file}`);
    void rebuild(file);
  };
  const watch = watchFolders([paths.articlesDir], (files) => files.forEach(changed));
  return {
    start(watching) {
      rebuild = watching;
      waiting.forEach(changed);
    },
    close: () => watch.close(),
  };
}

/** Resolves on the next change below any of the folders (debounced: editors save in bursts). */
function nextChange(folders: string[]): Promise<void> {
  return new Promise((resolve) => {
    const watch = watchFolders(
      folders,
      () => {
        watch.close();
        resolve();
      },
      { quietMs: 200 },
    );
  });
}

let server: Eleventy | undefined;
while (!server) {
  try {
    server = await startPreview();
  } catch (error) {
    // Eleventy has printed the problem (content problems without a stack trace).
    if (!findContentValidationError(error)) console.error(error);
    // Eleventy marks the process as failed; the preview is still running.
    process.exitCode = 0;
    // Watch before saying so, so that a save right after the message is not missed.
    const change = nextChange([paths.articlesDir, paths.dataDir, path.resolve("src"), path.resolve("_includes")]);
    console.error("[preview] Not started yet: fix the problem above and save; the preview starts on the next change.");
    await change;
  }
}

const running = server;
process.on("SIGINT", () => void running.stopWatch().then(() => process.exit(0)));
process.on("SIGTERM", () => void running.stopWatch().then(() => process.exit(0)));

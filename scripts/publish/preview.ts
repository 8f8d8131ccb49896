/**
 * The editor's preview: Eleventy's dev server with live reload and drafts, rendering again after
 * each save only the pages the edit changed (scripts/lists/pages-to-render.ts).
 *
 * Eleventy's own command line exits when the first build fails; an editor who starts the
 * preview with a broken article would have to fix it blind. Here the problems are printed, the
 * folders are watched, and the preview starts on the next save. Later errors are Eleventy's
 * watch loop's: printed, the server keeps running, the next good save recovers.
 */
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { directories, eleventyConfig } from "../../.eleventy.js";
import { ProblemBoard } from "../eleventy/preview-problems.ts";
import type { PreviewServerOptions } from "../eleventy/preview-server.ts";
import { type DevServer, type Rebuild, startDevServer } from "../eleventy/run.ts";
import { ContentValidationError, findContentValidationError, formatProblem } from "../input/content-error.ts";
import type { ContentPaths } from "../input/content-paths.ts";
import type { Environment } from "../input/environment.ts";
import { type Content, ContentLoader, type LoadedContent } from "../lists/content.ts";
import { PreviewRenders } from "../lists/pages-to-render.ts";
import { type PhotoJob, photoJobs } from "../output/photo-crops.ts";
import { shownPath } from "../text/shown-path.ts";
import { watchFolders } from "./folder-watch.ts";
import { outputFolderProblem, projectFolders, writeOutputMarker } from "./output-folder.ts";

export interface PreviewOptions {
  paths: ContentPaths;
  environment: Environment;
  /** Never dist/: the preview holds drafts and must never be deployed. */
  outDir: string;
  /** "0" for any free port. */
  port: string;
  /** The address to listen on: 127.0.0.1 by default, so that only this machine reaches drafts. */
  host: string;
  /** Files served beside the output (the CMS at /admin/, for `npm run cms`). */
  extraFile?: PreviewServerOptions["extraFile"];
  /** Told the preview's origin once it listens. */
  listening?: PreviewServerOptions["listening"];
}

/** The preview's output folder is one it may not write (see output-folder.ts). */
export class PreviewOutputRefused extends Error {
  override name = "PreviewOutputRefused";
}

/**
 * A file or folder of the articles that cannot be read at all (a symbolic link loop, a link to
 * itself, no permission) as one problem line: the preview prints it, keeps serving the last good
 * pages and tries again on the next save. Other errors keep their stack: they are bugs.
 */
function unreadableSourceProblem(error: unknown): ContentValidationError | null {
  const failure = error as NodeJS.ErrnoException;
  if (!(error instanceof Error) || typeof failure.code !== "string" || typeof failure.syscall !== "string") return null;
  const what = failure.message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*$/s, "");
  return new ContentValidationError([
    {
      file: shownPath(failure.path ?? "articles"),
      field: "(file)",
      message: `cannot be read (${failure.code}: ${what}); expected a Markdown file or a folder of them`,
    },
  ]);
}

/** Starts the preview, waiting for fixes while the content is broken; resolves once it serves. */
export async function startPreview(options: PreviewOptions): Promise<DevServer> {
  const refused = outputFolderProblem(
    options.outDir,
    projectFolders({ cwd: process.cwd(), ...directories, ...options.paths }),
    "--output",
  );
  if (refused) throw new PreviewOutputRefused(refused);
  mkdirSync(options.outDir, { recursive: true });
  writeOutputMarker(options.outDir);
  // State of the whole session: parsed articles, and what was last rendered.
  const loader = new ContentLoader();
  let warned: LoadedContent | undefined;
  const renders = new PreviewRenders();
  // What the last build found wrong: every page served shows it until a build succeeds.
  const problems = new ProblemBoard();
  const placePhotos = photosPlacer(options);
  const config = eleventyConfig({
    paths: options.paths,
    environment: options.environment,
    // Drafts, and scheduled articles marked as such; "now" is when the preview started.
    content: () => {
      try {
        const loaded = loader.load(options.paths, {
          includeDrafts: true,
          includeScheduled: true,
          legalGapsShown: true,
          buildTime: options.environment.buildTime,
          cacheDir: options.environment.cacheDir,
        });
        // Said once per change of the content, not at every page that asks for it.
        if (loaded !== warned)
          for (const warning of loaded.warnings) console.warn(`[preview] Warning: ${formatProblem(warning)}`);
        warned = loaded;
        return loaded;
      } catch (error) {
        throw unreadableSourceProblem(error) ?? error;
      }
    },
    preview: renders,
    afterWrite: (content) => {
      problems.succeeded();
      return placePhotos(content);
    },
  });
  const serverOptions: PreviewServerOptions = {
    host: options.host,
    problems,
    extraFile: options.extraFile,
    listening: options.listening,
  };
  let port = options.port;
  for (;;) {
    // Watching from before the first build, so that a save during it is not missed.
    const articles = watchArticles(options.paths.articlesDir);
    try {
      const server = await startDevServer({
        config,
        pathPrefix: options.environment.pathPrefix,
        outDir: options.outDir,
        port,
        server: serverOptions,
      });
      articles.start(server.rebuild);
      return {
        rebuild: server.rebuild,
        stop: () => {
          articles.close();
          return server.stop();
        },
      };
    } catch (error) {
      articles.close();
      // Eleventy has printed the problem (content problems without a stack trace).
      if (!findContentValidationError(error)) console.error(error);
      // Eleventy marks the process as failed; the preview is still running.
      process.exitCode = 0;
      // Watch before saying so, so that a save right after the message is not missed.
      const change = nextChange([
        options.paths.articlesDir,
        options.paths.dataDir,
        ...(options.paths.pagesDir ? [options.paths.pagesDir] : []),
        path.resolve(directories.input),
        path.resolve(directories.includes),
      ]);
      console.error(
        "[preview] Not started yet: fix the problem above and save; the preview starts on the next change.",
      );
      // Meanwhile the browser shows the problems over what the output holds; the preview takes
      // over its port once it starts.
      problems.failed(error);
      const { serveWhileBroken } = await import("../eleventy/preview-server.ts");
      const waiting = await serveWhileBroken(options.outDir, Number(port), serverOptions);
      port = String(waiting.port);
      await change;
      await waiting.close();
    }
  }
}

/**
 * Places the photos into the preview after each build, like the production build does, but only
 * those whose source or versions changed since: a save costs a stat per photo, not a hash.
 */
function photosPlacer(options: PreviewOptions): (content: Content) => Promise<void> {
  const placed = new Map<string, string>();
  const stamp = (job: PhotoJob) => {
    const stats = statSync(job.file, { throwIfNoEntry: false });
    return `${stats?.mtimeMs}:${stats?.size}:${job.renditions.map((rendition) => rendition.path).join(" ")}`;
  };
  return async (content) => {
    const changed = photoJobs(content.articles)
      .map((job) => ({ job, stamp: stamp(job) }))
      .filter(({ job, stamp }) => placed.get(job.file) !== stamp);
    if (changed.length === 0) return;
    // Loaded only now: a preview without photos never loads sharp.
    const { publishPhotos } = await import("./photos.ts");
    await publishPhotos(
      changed.map(({ job }) => job),
      options.outDir,
      options.environment.imageCacheDir,
    );
    for (const { job, stamp } of changed) placed.set(job.file, stamp);
  };
}

/**
 * Article sources are watched here, not by Eleventy's chokidar: it reads and stats every file of
 * a section's folder on each save (hundreds), and waits 150 ms for writes to settle. Here a save
 * costs one event; Eleventy's rebuild (its queue: a save during a build runs one more) is the same.
 */
function watchArticles(articlesDir: string): { start(rebuild: Rebuild): void; close(): void } {
  let rebuild: Rebuild | undefined;
  const waiting = new Set<string>();
  const changed = (file: string) => {
    if (!rebuild) return void waiting.add(file);
    console.log(`[11ty] File changed: ${shownPath(file)}`);
    rebuild(file).catch(reportWatchError);
  };
  const watch = watchFolders([articlesDir], (files) => files.forEach(changed), { onError: reportWatchError });
  return {
    start(watching) {
      rebuild = watching;
      waiting.forEach(changed);
    },
    close: () => watch.close(),
  };
}

/** Something went wrong while following a change: said in one line; the preview goes on. */
function reportWatchError(error: unknown): void {
  console.error(`[preview] ${error instanceof Error ? error.message : String(error)}`);
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
      { quietMs: 200, onError: reportWatchError },
    );
  });
}

/**
 * The production build, from sources to a published folder, in one function:
 *
 *   environment → lock → load and validate the content → Eleventy renders every page into a
 *   staging folder (minified as they are written) → images → swap the staging folder into place
 *
 * A failed or killed build leaves the previous output as it was.
 */
import { readdirSync, rmSync } from "node:fs";
import { eleventyConfig } from "../../.eleventy.js";
import { findContentValidationError, formatProblem } from "../input/content-error.ts";
import type { ContentPaths } from "../input/content-paths.ts";
import { type Environment, readEnvironment } from "../input/environment.ts";
import { type Content, loadContent } from "../lists/content.ts";
import { photoJobs } from "../output/photo-crops.ts";
import { imageJobs } from "../output/social-card.ts";
import { shownPath } from "../text/shown-path.ts";
import {
  acquireBuildLock,
  BuildLockedError,
  recoverInterruptedSwap,
  stagingDir,
  swapIntoPlace,
} from "./output-swap.ts";
import { formatBuildSummary } from "./summary.ts";
import { captureWarnings } from "./warnings.ts";

export interface BuildOptions {
  /** The folder to publish into (absolute). */
  out: string;
  paths: ContentPaths;
  /** Print nothing but problems and warnings. */
  quiet: boolean;
  /** The process environment, read once (scripts/input/environment.ts). */
  env?: NodeJS.ProcessEnv;
}

/** Files (not folders) under `dir`, at any depth; the directory entries say which, without a stat each. */
function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

/** Prints an editor's problems (content, metadata, environment); false when the error is something else. */
function reportProblems(error: unknown): boolean {
  const invalid = findContentValidationError(error);
  if (!invalid) return false;
  console.error(`Build failed: ${invalid.problems.length} problem(s). Nothing was published.`);
  for (const problem of invalid.problems) console.error(formatProblem(problem));
  return true;
}

/** Runs a step that reads the editor's sources; their problems are printed, and give undefined. */
function orReport<T>(step: () => T): T | undefined {
  try {
    return step();
  } catch (error) {
    if (reportProblems(error)) return undefined;
    throw error;
  }
}

/** Builds the site into `options.out`; returns the process's exit status. */
export async function build(options: BuildOptions): Promise<number> {
  const started = performance.now();
  const { out } = options;
  const environment = orReport(() => readEnvironment(options.env));
  if (!environment) return 1;

  let releaseLock: () => void;
  try {
    releaseLock = acquireBuildLock(out);
  } catch (error) {
    if (!(error instanceof BuildLockedError)) throw error;
    console.error(`Build failed: ${error.message}. Nothing was published.`);
    return 1;
  }
  try {
    recoverInterruptedSwap(out);
    // Everything is validated before anything renders: the editor's problems, all at once.
    const content = orReport(() => loadContent(options.paths));
    if (!content) return 1;
    return await renderAndSwap(options, environment, content, started);
  } finally {
    releaseLock();
  }
}

async function renderAndSwap(
  options: BuildOptions,
  environment: Environment,
  content: Content,
  started: number,
): Promise<number> {
  const { out } = options;
  const staging = stagingDir(out);
  const capture = captureWarnings();
  // Photos the cache has are placed while Eleventy renders (in a worker thread, beside the
  // rendering thread); those it lacks are made after, so that encoding does not add its memory to
  // Eleventy's.
  const photos = import("./photos.ts").then(({ placeCachedPhotos }) =>
    placeCachedPhotos(photoJobs(content.articles), staging, environment.imageCacheDir),
  );
  // Its failure is reported below, once Eleventy's render is over.
  const photosPlaced = photos.then(
    () => undefined,
    () => undefined,
  );
  try {
    // Eleventy is loaded only now (half a second): a build that fails validation says so sooner.
    const { writeSite } = await import("../eleventy/run.ts");
    const outputs = await writeSite({
      outDir: staging,
      pathPrefix: environment.pathPrefix,
      config: eleventyConfig({ paths: options.paths, environment, content: () => content }),
    }).finally(() => photosPlaced);
    // Social cards and the PNG logo: drawn outside Eleventy's page renders, cached on disk.
    // Imported only now: satori and resvg load only when a card must be drawn. An article with
    // a lead photo is shared with the photo, and needs no card. Missing photos are made meanwhile.
    const { renderImages } = await import("./render-images.ts");
    const { makeMissingPhotos } = await import("./photos.ts");
    const withoutPhoto = content.articles.filter((article) => !article.leadPhoto);
    const images = await Promise.allSettled([
      renderImages(imageJobs(withoutPhoto, content.publisher), staging, environment.imageCacheDir),
      photos.then(makeMissingPhotos),
    ]);
    for (const outcome of images) if (outcome.status === "rejected") throw outcome.reason;

    const files = countFiles(staging);
    swapIntoPlace(staging, out);
    if (!options.quiet) {
      console.log(
        formatBuildSummary({
          outDir: shownPath(out),
          outputs,
          files,
          warnings: capture.warnings.length,
          seconds: (performance.now() - started) / 1000,
        }),
      );
    }
    return 0;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (reportProblems(error)) return 1;
    console.error("Build failed; the previous output is unchanged.");
    console.error(error);
    return 1;
  } finally {
    capture.stop();
  }
}

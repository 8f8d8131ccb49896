/**
 * The production build, from sources to a published folder, in one function:
 *
 *   environment → lock → load and validate the content (parsed articles cached on disk) →
 *   fingerprint every page → plan: which pages changed since the last build (its manifest) →
 *   the cards the cache lacks start drawing in a process of their own → the unchanged pages
 *   are hard-linked from the last build into a staging folder → Eleventy renders the changed
 *   pages into it (minified as they are written) while cached photos are placed → missing
 *   photos made, cards placed → swap the staging folder into place → write the new manifest
 *
 * A failed or killed build leaves the previous output as it was. When the last build's manifest
 * is missing, unreadable, from other code, templates or settings, or describes a file that is not
 * what is on disk, every page is rendered (a clean build), and the summary says why.
 */
import { createHash } from "node:crypto";
import { directories, eleventyConfig } from "../../.eleventy.js";
import { DiskArticleCache } from "../input/content-cache.ts";
import { findContentValidationError, formatProblem } from "../input/content-error.ts";
import type { ContentPaths } from "../input/content-paths.ts";
import { type Environment, readEnvironment } from "../input/environment.ts";
import { resolveSiteUrl } from "../input/site-url.ts";
import { PHOTOS_FOLDER } from "../input/urls.ts";
import { type LoadedContent, loadContentWithKeys } from "../lists/content.ts";
import { type PagePrint, pageFingerprints } from "../lists/page-fingerprints.ts";
import { allPages, changedPages, type PagesToRender, renderedCount } from "../lists/pages-to-render.ts";
import { photoJobs } from "../output/photo-crops.ts";
import { imageJobs } from "../output/social-card.ts";
import { shownPath } from "../text/shown-path.ts";
import { acquireBuildLock, BuildLockedError } from "./build-lock.ts";
import { codeVersion, templatesVersion } from "./code-version.ts";
import { checkKeptPages, describePage, keptEntry, pageFile } from "./kept-pages.ts";
import {
  type Manifest,
  type ManifestEntry,
  manifestFile,
  readManifest,
  removeManifest,
  writeManifest,
} from "./manifest.ts";
import { projectFolders, writeOutputMarker } from "./output-folder.ts";
import { giveBackStaging, recoverInterruptedSwap, swapIntoPlace, takeStaging } from "./output-swap.ts";
import { copiesRecordFile } from "./place-file.ts";
import type { Drawing } from "./render-images.ts";
import { prepareStaging, removeEmptyFolders } from "./staging.ts";
import { formatBuildSummary } from "./summary.ts";
import { claimSurroundings } from "./surroundings.ts";
import { captureWarnings } from "./warnings.ts";

export interface BuildOptions {
  /** The folder to publish into (absolute). */
  out: string;
  paths: ContentPaths;
  /** Print nothing but problems and warnings. */
  quiet: boolean;
  /** Render every page, whatever the last build's manifest says. */
  clean?: boolean;
  /** The process environment, read once (scripts/input/environment.ts). */
  env?: NodeJS.ProcessEnv;
}

/** What this build renders, and what it takes from the last one. */
interface BuildPlan {
  prints: Map<string, PagePrint>;
  toRender: PagesToRender;
  /** Manifest entries of the kept pages, checked against the files on disk. */
  keptEntries: Map<string, ManifestEntry>;
  /** Why every page is rendered, when it is. */
  cleanBecause?: string;
  global: string;
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
  // Replacing the output deletes what it held: refuse any folder a build did not write, and
  // anything beside it or in the cache that the build did not make (publish/surroundings.ts).
  const folders = projectFolders({ cwd: process.cwd(), ...directories, ...options.paths });
  const refused = claimSurroundings(out, environment, folders);
  for (const line of refused) console.error(`Build failed: ${line}.`);
  if (refused.length > 0) return 1;

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
    const root = process.cwd();
    const code = codeVersion(root);
    const cache = new DiskArticleCache(environment.cacheDir, code, options.paths.articlesDir);
    // Articles dated after the build time wait for a later build (scripts/input/schedule.ts).
    const loaded = orReport(() =>
      loadContentWithKeys(options.paths, { cacheDir: environment.cacheDir, buildTime: environment.buildTime }, cache),
    );
    if (!loaded) return 1;
    cache.save();
    const plan = planBuild(options, environment, loaded, code);
    return await renderAndSwap(options, environment, loaded, plan, started);
  } finally {
    releaseLock();
  }
}

/** Compares every page's fingerprint with the last build's manifest: what to render, what to keep. */
function planBuild(options: BuildOptions, environment: Environment, loaded: LoadedContent, code: string): BuildPlan {
  const { content, articleKeys } = loaded;
  const root = process.cwd();
  // What every page depends on besides its own content: code, templates, where the site lives.
  const global = createHash("sha256")
    .update(
      JSON.stringify([
        code,
        templatesVersion(root, directories, options.paths.articlesDir),
        resolveSiteUrl(content.publisher.url, environment).base,
      ]),
    )
    .digest("hex");
  const prints = pageFingerprints(content, articleKeys);
  const clean = (cleanBecause: string): BuildPlan => ({
    prints,
    toRender: allPages(content),
    keptEntries: new Map(),
    cleanBecause,
    global,
  });
  if (options.clean) return clean("--clean");
  const manifest = readManifest(manifestFile(environment.cacheDir, options.out), { out: options.out, global });
  if ("reason" in manifest) return clean(manifest.reason);
  const toRender = changedPages(
    prints,
    new Map(Object.entries(manifest.pages).map(([url, entry]) => [url, entry.fingerprint])),
  );
  const keptEntries = checkKeptPages(options.out, toRender.kept, manifest);
  if ("reason" in keptEntries) return clean(keptEntries.reason);
  return { prints, toRender, keptEntries, global };
}

async function renderAndSwap(
  options: BuildOptions,
  environment: Environment,
  loaded: LoadedContent,
  plan: BuildPlan,
  started: number,
): Promise<number> {
  const { out } = options;
  const { content } = loaded;
  const capture = captureWarnings();
  for (const warning of loaded.warnings) console.warn(`Warning: ${formatProblem(warning)}`);
  const manifest = manifestFile(environment.cacheDir, out);
  // An article with a lead photo is shared with the photo, and needs no card.
  const images = imageJobs(
    content.articles.filter((article) => !article.leadPhoto),
    content.publisher,
  );
  const photos = photoJobs(content.articles);
  let drawing: Drawing | undefined;
  // Settles once nothing places photos into the staging folder any more.
  let photosPlaced: Promise<unknown> = Promise.resolve();
  const staging = takeStaging(out);
  // The photos folder is the photo worker's: it places the photos the cache has and removes the
  // others, while this thread prepares the rest of the staging folder and Eleventy renders.
  try {
    // Photos the cache has are placed while Eleventy renders (in a worker thread, beside the
    // rendering thread); those it lacks are made after, in a process of their own, so that
    // encoding does not add its memory to Eleventy's.
    const { makeMissingPhotosApart, placeCachedPhotos } = await import("./photos.ts");
    // Copies, never links to the cache: the current output's recorded copies are linked instead.
    const copies = (kind: "cards" | "photos") => ({
      record: copiesRecordFile(environment.cacheDir, out, kind),
      current: out,
    });
    const cachedPhotos = placeCachedPhotos(photos, staging, environment.imageCacheDir, true, copies("photos"));
    // Its failure is reported below, once Eleventy's render is over.
    photosPlaced = cachedPhotos.then(
      () => undefined,
      () => undefined,
    );
    // Social cards and the PNG logo: what they show is known from the content, so what the cache
    // lacks is drawn (in a process of its own, on the other core) while Eleventy renders the pages.
    const { placeImages, startDrawing } = await import("./render-images.ts");
    drawing = startDrawing(images, environment.imageCacheDir);
    const keptFiles = new Set(plan.toRender.kept.map((page) => pageFile(page.url)));
    const linked = new Set<string>();
    const emptied = prepareStaging(
      staging,
      out,
      keptFiles,
      new Set(images.map((job) => job.image.path.slice(1))),
      new Set([PHOTOS_FOLDER]),
      linked,
    );
    // Eleventy is loaded only now (half a second): a build that fails validation says so sooner.
    const { writeSite } = await import("../eleventy/run.ts");
    const { outputs, copiedFiles } = await writeSite({
      outDir: staging,
      pathPrefix: environment.pathPrefix,
      config: eleventyConfig({ paths: options.paths, environment, content: () => loaded, toRender: plan.toRender }),
    }).finally(() => photosPlaced);
    // Missing photos are made while the cards the cache lacked are finished.
    const [cards, photoStats] = await Promise.allSettled([
      drawing.done.then((drawn) => placeImages(drawn, staging, copies("cards"))),
      cachedPhotos.then(makeMissingPhotosApart),
    ]);
    if (cards.status === "rejected") throw cards.reason;
    if (photoStats.status === "rejected") throw photoStats.reason;

    writeOutputMarker(staging);
    const pages: Manifest["pages"] = {};
    for (const print of plan.prints.values())
      pages[print.url] = keptEntry(staging, print, plan.keptEntries, linked) ?? describePage(staging, print);
    removeEmptyFolders(staging, emptied);
    // Counted from what wrote them, not by reading the output's 13,000 folders again: the kept
    // pages, Eleventy's pages and copies, the cards, the photos and the marker.
    const written = outputs.filter((output) => output.outputPath).length;
    const files = keptFiles.size + written + copiedFiles + cards.value + photoStats.value.files + 1;
    // No manifest while the output changes: a build killed during the swap leaves none, and the
    // next build is a clean one.
    removeManifest(manifest);
    swapIntoPlace(staging, out);
    writeManifest(manifest, { out, global: plan.global, pages });
    if (!options.quiet) {
      console.log(
        formatBuildSummary({
          outDir: shownPath(out),
          outputs,
          kept: plan.toRender.kept,
          rendered: { pages: renderedCount(plan.toRender), of: plan.prints.size, cleanBecause: plan.cleanBecause },
          files,
          warnings: capture.warnings.length,
          seconds: (performance.now() - started) / 1000,
          scheduled: content.scheduled.map((article) => article.published.iso),
        }),
      );
    }
    return 0;
  } catch (error) {
    drawing?.cancel();
    // Nothing may write into the staging folder once it is given back.
    await photosPlaced;
    giveBackStaging(staging, out);
    if (reportProblems(error)) return 1;
    console.error("Build failed; the previous output is unchanged.");
    console.error(error);
    return 1;
  } finally {
    capture.stop();
  }
}

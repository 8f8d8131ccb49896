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
import path from "node:path";
import { directories } from "../../.eleventy.js";
import type { SegmentInput } from "../eleventy/plugin.ts";
import { DiskArticleCache } from "../input/content-cache.ts";
import { findContentValidationError, formatProblem } from "../input/content-error.ts";
import type { ContentPaths } from "../input/content-paths.ts";
import { type Environment, readEnvironment } from "../input/environment.ts";
import { resolveSiteUrl } from "../input/site-url.ts";
import { PHOTOS_FOLDER, SEARCH_FILES_FOLDER } from "../input/urls.ts";
import { type Content, type LoadedContent, loadContentWithKeys } from "../lists/content.ts";
import { LIST_KINDS } from "../lists/listings.ts";
import { type PagePrint, pageFingerprints } from "../lists/page-fingerprints.ts";
import { changedPages, type PagesToRender, renderedCount } from "../lists/pages-to-render.ts";
import { splitIntoSegments } from "../lists/segments.ts";
import { cmsFolders, deployedCms } from "../output/cms-config.ts";
import { type SiteFormats, siteFormats, sitemapEntry } from "../output/machine-formats.ts";
import { photoJobs } from "../output/photo-crops.ts";
import { type ImageJob, imageJobs } from "../output/social-card.ts";
import { shownPath } from "../text/shown-path.ts";
import { acquireBuildLock, BuildLockedError } from "./build-lock.ts";
import { changesFile, recordChanges } from "./changes.ts";
import { codeVersion, templatesVersion } from "./code-version.ts";
import { checkKeptFiles, checkKeptPages, describeFile, describePage, keptEntry, pageFile } from "./kept-pages.ts";
import {
  GLOBAL_CHANGED,
  type Journal,
  type Manifest,
  type ManifestEntry,
  manifestFile,
  readManifest,
  removeManifest,
  writeManifest,
} from "./manifest.ts";
import { markerIdentity, OUTPUT_MARKER, projectFolders, writeOutputMarker } from "./output-folder.ts";
import { giveBackStaging, previousDir, recoverInterruptedSwap, swapIntoPlace, takeStaging } from "./output-swap.ts";
import { copiesRecordFile } from "./place-file.ts";
import { type Drawing, imageKeys } from "./render-images.ts";
import { editionOf, owns, ownsSiteFiles, SHARE_RECORD, type Shard, shardName, writeShareRecord } from "./shares.ts";
import { prepareStaging, removeEmptyFolders, syncStaging } from "./staging.ts";
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
  /** How many processes render pages at most (default 1: this one). */
  jobs?: number;
  /** Pages per Eleventy run (default SEGMENT_PAGES). */
  segmentSize?: number;
  /** Build only this share of the site, with its part of the manifest (shares.ts). */
  shard?: Shard;
}

/** What this build renders, and what it takes from the last one. */
interface BuildPlan {
  /** Every page of the site. */
  allPrints: Map<string, PagePrint>;
  /** The pages this build writes: every page, or its share's. */
  prints: Map<string, PagePrint>;
  toRender: PagesToRender;
  /** Manifest entries of the kept pages, checked against the files on disk. */
  keptEntries: Map<string, ManifestEntry>;
  /** Why every page is rendered, when it is. */
  cleanBecause?: string;
  /** What every page depends on: code, templates, where the site lives (and the share built). */
  global: string;
  /** The same for the whole site, as a build on one machine says it: what a share's record carries. */
  siteGlobal: string;
  /** The last build's manifest when readable (even of other code): which files its output has, its journal. */
  previous: Manifest | null;
  /** Every card and logo of this output (its share's), and what each is drawn from, by path. */
  images: ImageJob[];
  imageKeys: Map<string, string>;
  /** The cards kept from the last build (drawn from the same as now), checked on disk, by path. */
  keptImages: Map<string, ManifestEntry>;
  /** The code's version (code-version.ts). */
  code: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

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

/** Pages per segment: an Eleventy run of 2000 pages holds about 200 MB (measured at 20,000 articles). */
export const SEGMENT_PAGES = 2000;

/**
 * What each Eleventy run renders: the plan's pages in segments, the site-wide pages in one of
 * them (the first share's) with the feeds and the sitemap entries of every other page.
 */
function segmentInputs(
  content: Content,
  plan: BuildPlan,
  environment: Environment,
  options: Pick<BuildOptions, "segmentSize" | "shard">,
): SegmentInput[] {
  const publication = { publisher: content.publisher, siteUrl: resolveSiteUrl(content.publisher.url, environment) };
  const site = siteFormats(content, publication, environment.buildTime);
  site.otherPages = [...plan.allPrints.values()].flatMap((print) => sitemapEntry(print) ?? []);
  const elsewhere: SiteFormats = { feedLinks: site.feedLinks, feedFiles: [], news: [], otherPages: [] };
  const segments = splitIntoSegments(content, plan.toRender, options.segmentSize ?? SEGMENT_PAGES, {
    site: ownsSiteFiles(options.shard),
  });
  return segments.map((segment) => ({ segment, formats: segment.site ? site : elsewhere }));
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
  const siteGlobal = sha256(
    JSON.stringify([
      code,
      templatesVersion(root, directories, options.paths.articlesDir),
      resolveSiteUrl(content.publisher.url, environment).base,
    ]),
  );
  const allPrints = pageFingerprints(content, articleKeys);
  const { shard } = options;
  const prints = shard ? new Map([...allPrints].filter(([url]) => owns(shard, url))) : allPrints;
  // A share's pages are another set than the whole site's: its manifest is its own.
  const global = shard ? sha256(JSON.stringify([siteGlobal, shardName(shard)])) : siteGlobal;
  // An article with a lead photo is shared with the photo, and needs no card.
  const images = imageJobs(
    content.articles.filter((article) => !article.leadPhoto && owns(shard, article.url)),
    content.publisher,
    { siteImages: ownsSiteFiles(shard) },
  );
  const keys = imageKeys(images);
  const read = readManifest(manifestFile(environment.cacheDir, options.out), { out: options.out });
  // Even when its pages cannot be kept, the last build's manifest says which files its output has.
  const previous = "reason" in read ? null : read;
  const clean = (cleanBecause: string): BuildPlan => ({
    allPrints,
    prints,
    toRender: changedPages(prints, new Map()),
    keptEntries: new Map(),
    cleanBecause,
    global,
    siteGlobal,
    previous,
    images,
    imageKeys: keys,
    keptImages: new Map(),
    code,
  });
  if (options.clean) return clean("--clean");
  if ("reason" in read) return clean(read.reason);
  if (read.global !== global) return clean(GLOBAL_CHANGED);
  const toRender = changedPages(
    prints,
    new Map(Object.entries(read.pages).map(([url, entry]) => [url, entry.fingerprint])),
  );
  const keptEntries = checkKeptPages(options.out, toRender.kept, read);
  if ("reason" in keptEntries) return clean(keptEntries.reason);
  // A card drawn from what it shows now is kept like a page.
  const sameCards = new Map<string, ManifestEntry>();
  for (const [file, key] of keys) {
    const entry = read.images[file];
    if (entry && entry.fingerprint === key) sameCards.set(file, entry);
  }
  const keptImages = checkKeptFiles(options.out, sameCards);
  if ("reason" in keptImages) return clean(keptImages.reason);
  return {
    allPrints,
    prints,
    toRender,
    keptEntries,
    global,
    siteGlobal,
    previous,
    images,
    imageKeys: keys,
    keptImages,
    code,
  };
}

/**
 * Which files of the staging folder to replace, from the last build's journal, when the staging
 * folder is the output that journal started from (syncStaging); null otherwise.
 */
function stagingChanges(
  plan: BuildPlan,
  stagingMarker: string | null,
  wanted: { pages: ReadonlySet<string>; images: ReadonlySet<string>; written: Iterable<string> },
  kept: ReadonlyMap<string, string>,
): { remove: Set<string>; link: Map<string, string> } | null {
  const journal = plan.previous?.journal;
  if (!plan.previous || !journal || stagingMarker !== journal.previousMarker) return null;
  const remove = new Set([...journal.fresh, ...journal.gone, ...wanted.written]);
  for (const url of Object.keys(plan.previous.pages)) if (!wanted.pages.has(url)) remove.add(pageFile(url));
  for (const file of Object.keys(plan.previous.images)) if (!wanted.images.has(file)) remove.add(file.slice(1));
  const freshBefore = new Set(journal.fresh);
  const link = new Map([...kept].filter(([file]) => freshBefore.has(file)));
  return { remove, link };
}

async function renderAndSwap(
  options: BuildOptions,
  environment: Environment,
  loaded: LoadedContent,
  plan: BuildPlan,
  started: number,
): Promise<number> {
  const { out, shard } = options;
  const { content } = loaded;
  const capture = captureWarnings();
  // The legal notice's placeholders, files left unread: published as they are, and said (counted in the summary).
  for (const warning of loaded.warnings) console.warn(`Warning: ${formatProblem(warning)}`);
  const manifest = manifestFile(environment.cacheDir, out);
  const imagesToPlace = plan.images.filter((job) => !plan.keptImages.has(job.image.path));
  const photos = photoJobs(content.articles).filter((job) => owns(shard, job.renditions[0]?.path ?? job.file));
  let drawing: Drawing | undefined;
  // Settles once nothing places photos into the staging folder any more.
  let photosPlaced: Promise<unknown> = Promise.resolve();
  // Which output the staging folder is, read before takeStaging marks it anew (a new file): a build
  // stopped while it changes the folder leaves none that passes for that output (stagingChanges),
  // and still one the next build knows for its own (surroundings.ts).
  const stagingMarker = markerIdentity(previousDir(out));
  const staging = takeStaging(out);
  // The photos folder is the photo worker's: it places the photos the cache has and removes the
  // others, while this thread prepares the rest of the staging folder and Eleventy renders.
  try {
    // Photos the cache has are placed while Eleventy renders (in a worker thread, beside the
    // rendering thread); those it lacks are made after, in a process of their own, so that
    // encoding does not add its memory to Eleventy's.
    const { makeMissingPhotosApart, placeCachedPhotos } = await import("./photos.ts");
    // Copies, never links to the cache: the current output's recorded copies are linked instead.
    const copies = { record: copiesRecordFile(environment.cacheDir, out, "photos"), current: out };
    const cachedPhotos = placeCachedPhotos(photos, staging, environment.imageCacheDir, true, copies);
    // Its failure is reported below, once Eleventy's render is over.
    photosPlaced = cachedPhotos.then(
      () => undefined,
      () => undefined,
    );
    // Social cards and the PNG logo: what they show is known from the content, so what the cache
    // lacks is drawn (in a process of its own, on the other core) while Eleventy renders the pages.
    const { placeImages, startDrawing } = await import("./render-images.ts");
    drawing = startDrawing(imagesToPlace, environment.imageCacheDir);
    const rendered = [
      ...plan.toRender.articles.map((article) => pageFile(article.url)),
      ...LIST_KINDS.flatMap((kind) => plan.toRender.lists[kind].map((page) => pageFile(page.url))),
    ];
    const placed = imagesToPlace.map((job) => job.image.path.slice(1));
    // The kept pages and cards: the current output's very files.
    const kept = new Map<string, string>();
    for (const page of plan.toRender.kept) kept.set(pageFile(page.url), path.join(out, pageFile(page.url)));
    for (const file of plan.keptImages.keys()) kept.set(file.slice(1), path.join(out, file));
    const changes = stagingChanges(
      plan,
      stagingMarker,
      { pages: new Set(plan.prints.keys()), images: new Set(plan.imageKeys.keys()), written: [...rendered, ...placed] },
      kept,
    );
    // The kept files linked into the staging folder: a link gives them a new status-change time.
    const linked = new Set<string>();
    const emptied = changes
      ? syncStaging(staging, changes.remove, changes.link, linked)
      : // The search index's folder is search-index.ts's, which keeps its unchanged files.
        prepareStaging(staging, kept, new Set(placed), new Set([PHOTOS_FOLDER, SEARCH_FILES_FOLDER]), linked);
    // Eleventy is loaded only now (half a second): a build that fails validation says so sooner.
    const { renderSegments } = await import("./render-segments.ts");
    const { outputs, copied } = await renderSegments(segmentInputs(content, plan, environment, options), {
      staging,
      paths: options.paths,
      environment,
      // A few pages render sooner here than Eleventy starts in another process (about a second).
      jobs: renderedCount(plan.toRender) > (options.segmentSize ?? SEGMENT_PAGES) ? (options.jobs ?? 1) : 1,
    }).finally(() => photosPlaced);
    // Missing photos are made while the cards the cache lacked are finished.
    const [cards, photoStats] = await Promise.allSettled([
      // Only new or changed cards are drawn: always copied (kept cards are the current output's, linked).
      drawing.done.then((drawn) => placeImages(drawn, staging)),
      cachedPhotos.then(makeMissingPhotosApart),
    ]);
    if (cards.status === "rejected") throw cards.reason;
    if (photoStats.status === "rejected") throw photoStats.reason;
    // The search index, from the content (not the pages): the same whatever rendered them. With
    // the site-wide files; its folder is search-index.ts's (not in the journal).
    const { writeSearchIndex } = await import("./search-index.ts");
    const search = await writeSearchIndex({
      outDir: staging,
      cacheDir: environment.cacheDir,
      code: plan.code,
      articlesDir: options.paths.articlesDir,
      articles: content.articles,
      sections: content.publisher.sections,
      articleKeys: loaded.articleKeys,
      enabled: content.publisher.search.enabled && ownsSiteFiles(shard),
      copies: { current: out, record: copiesRecordFile(environment.cacheDir, out, "search") },
    });

    // The CMS, only when settings.yaml deploys it (with the site-wide files).
    const cms = ownsSiteFiles(shard)
      ? deployedCms({
          publisher: content.publisher,
          cms: content.settings.cms,
          folders: cmsFolders(process.cwd(), options.paths),
          siteUrl: resolveSiteUrl(content.publisher.url, environment).absolute("/"),
        })
      : undefined;
    const cmsFiles = cms ? await (await import("./cms-admin.ts")).writeCmsFolder(staging, process.cwd(), cms) : [];
    writeOutputMarker(staging);
    const pages: Manifest["pages"] = {};
    for (const print of plan.prints.values())
      pages[print.url] =
        keptEntry(staging, pageFile(print.url), plan.keptEntries.get(print.url), linked) ??
        describePage(staging, print);
    const images: Manifest["images"] = {};
    for (const [file, key] of plan.imageKeys)
      images[file] =
        keptEntry(staging, file.slice(1), plan.keptImages.get(file), linked) ?? describeFile(staging, file, key);
    if (shard) {
      const edition = editionOf(plan.siteGlobal, plan.allPrints.values());
      writeShareRecord(staging, { edition, global: plan.siteGlobal, ...shard, pages, images });
    }
    // What every build writes again: what Eleventy wrote besides the pages, its copies, the marker.
    const pageFiles = new Set(Object.keys(pages).map(pageFile));
    const others = [
      ...outputs.flatMap((output) =>
        output.outputPath ? [path.relative(staging, output.outputPath).split(path.sep).join("/")] : [],
      ),
      ...copied.map((file) => path.relative(staging, file).split(path.sep).join("/")),
      ...cmsFiles,
    ].filter((file) => !pageFiles.has(file));
    others.push(OUTPUT_MARKER, ...(shard ? [SHARE_RECORD] : []));
    removeEmptyFolders(staging, emptied);
    // Counted from what wrote them, not by reading the output's 13,000 folders again: the pages,
    // the files Eleventy wrote and copied, the cards, the photos, the search index.
    const files = pageFiles.size + others.length + Object.keys(images).length + photoStats.value.files + search.files;
    // No manifest while the output changes: a build killed during the swap leaves none, and the
    // next build is a clean one.
    removeManifest(manifest);
    swapIntoPlace(staging, out);
    writeManifest(manifest, {
      out,
      global: plan.global,
      pages,
      images,
      others,
      journal: journalOf(plan.previous, out, { pages, images, others, fresh: [...rendered, ...placed, ...others] }),
    });
    // What this build changed, for `npm run ping` (changes.ts).
    recordChanges(changesFile(environment.cacheDir, out), {
      out,
      staging,
      outputs,
      manifestPages: Object.keys(pages),
      siteUrl: resolveSiteUrl(content.publisher.url, environment),
      builtAt: environment.buildTime.toISO({ suppressMilliseconds: true }) ?? "",
      ping: content.publisher.ping,
    });
    if (!options.quiet) {
      console.log(
        formatBuildSummary({
          outDir: shownPath(out),
          ...(shard ? { share: shardName(shard) } : {}),
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

/**
 * What the output just swapped into place changed from the one before it, which is now
 * `out.previous`: null when there is none, or when the last build's manifest did not say which
 * files that one had.
 */
function journalOf(
  previous: Manifest | null,
  out: string,
  now: Pick<Manifest, "pages" | "images" | "others"> & { fresh: string[] },
): Journal | null {
  const previousMarker = markerIdentity(previousDir(out));
  if (!previous || !previousMarker) return null;
  const files = (manifest: Pick<Manifest, "pages" | "images" | "others">) => [
    ...Object.keys(manifest.pages).map(pageFile),
    ...Object.keys(manifest.images).map((file) => file.slice(1)),
    ...manifest.others,
  ];
  const current = new Set(files(now));
  return { previousMarker, fresh: now.fresh, gone: files(previous).filter((file) => !current.has(file)) };
}

/**
 * The production build: validate content, let Eleventy write into a staging folder (pages come
 * out of the templates minified: see scripts/eleventy/line-breaks-between-tags.ts), draw the
 * images, then swap the result into place. A failed or killed build leaves the previous output as it was.
 *
 *   node scripts/build/run-compiled.js scripts/build/build.ts [--out dist] [--articles src/articles] [--data _data] [--quiet]
 */
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { findContentValidationError, formatProblem } from "../input/content-error.ts";
import { resolveContentPaths } from "../input/content-paths.ts";
import { type ContentPaths, loadContent } from "../input/load-content.ts";
import { formatBuildSummary, type WrittenOutput } from "./summary.ts";
import { captureWarnings } from "./warnings.ts";
import { imageJobs } from "../output/social-card.ts";
import { acquireBuildLock, BuildLockedError, recoverInterruptedSwap, stagingDir, swapIntoPlace } from "./output-swap.ts";

// Eleventy keeps every page it wrote until the build ends, so the live heap only grows; by
// default V8 lets the heap grow to about twice what is live before collecting it all again.
// Growing it by a fifth keeps the peak near what is live: at 4000 articles 418–427 MB instead
// of 472–538 MB in alternating runs, with no wall-time loss beyond noise.
setFlagsFromString("--heap-growing-percent=20");

const { values: args } = parseArgs({
  options: {
    out: { type: "string", default: "dist" },
    articles: { type: "string" },
    data: { type: "string" },
    quiet: { type: "boolean", default: false },
  },
});

const out = path.resolve(args.out);
const log = (line: string) => {
  if (!args.quiet) console.log(line);
};

function displayPath(file: string): string {
  const relativePath = path.relative(process.cwd(), file);
  return relativePath === "" || relativePath.startsWith("..") ? file : relativePath;
}

/** Files (not folders) under `dir`, at any depth; the directory entries say which, without a stat each. */
function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

/** Prints content problems for the editor; false when the error is something else. */
function reportContentProblems(error: unknown): boolean {
  const invalid = findContentValidationError(error);
  if (!invalid) return false;
  console.error(`Build failed: ${invalid.problems.length} content problem(s). Nothing was published.`);
  for (const problem of invalid.problems) console.error(formatProblem(problem));
  return true;
}

async function main(): Promise<number> {
  const started = performance.now();
  const paths = resolveContentPaths({ articlesDir: args.articles, dataDir: args.data });
  // The Eleventy plugin reads the same paths.
  process.env.ARTICLES_DIR = paths.articlesDir;
  process.env.DATA_DIR = paths.dataDir;

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
    return await buildAndSwap(paths, started);
  } finally {
    releaseLock();
  }
}

async function buildAndSwap(paths: ContentPaths, started: number): Promise<number> {
  // Validate everything first: content errors are the editor's, reported all at once, no stack.
  let content;
  try {
    content = loadContent(paths);
  } catch (error) {
    if (!reportContentProblems(error)) throw error;
    return 1;
  }

  const staging = stagingDir(out);
  const capture = captureWarnings();
  try {
    // Imported only now: a build that fails validation reports in about half the time.
    const { default: Eleventy } = await import("@11ty/eleventy");
    const { renderImages } = await import("./render-images.ts");
    const eleventy = new Eleventy("src", staging, { quietMode: true, configPath: process.env.NEWS_ELEVENTY_CONFIG ?? ".eleventy.js", source: "cli" });
    eleventy.disableLogger();
    // Eleventy 3.1 creates its configuration benchmark group before quiet mode applies, so a slow
    // (loaded) machine gets "[11ty] Benchmark …" warnings even with --quiet: silence them too.
    await eleventy.init();
    eleventy.eleventyConfig.userConfig.benchmarks.config.setIsVerbose(false);
    const [, outputs] = (await eleventy.write()) as [unknown, WrittenOutput[]];
    // Social cards and the PNG logo: drawn outside Eleventy's page renders, cached on disk.
    await renderImages(imageJobs(content.articles, content.publisher), staging, path.resolve(process.env.IMAGE_CACHE_DIR ?? ".cache/images"));

    const files = countFiles(staging);
    swapIntoPlace(staging, out);

    log(
      formatBuildSummary({
        outDir: displayPath(out),
        outputs: outputs.flat(),
        files,
        warnings: capture.warnings.length,
        seconds: (performance.now() - started) / 1000,
      }),
    );
    return 0;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (reportContentProblems(error)) return 1;
    console.error("Build failed; the previous output is unchanged.");
    console.error(error);
    return 1;
  } finally {
    capture.stop();
  }
}

process.exitCode = await main();

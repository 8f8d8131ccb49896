/**
 * The build benchmark, per number of synthetic articles: our clean build on a fresh machine (no
 * cache) and with warm caches, our rebuild after a one-article body edit and after a headline
 * edit, side by side with stock Eleventy and Hugo (when installed) building the same set of
 * pages; the real site's build; and edit → updated page under the preview. Prints progress, then
 * a table; writes it, with the goals it is held to, into docs/performance.md (between two
 * markers) and the chart into docs/build-time.svg.
 *
 *   npm run bench -- [--sizes 4000,5000,10000,50000] [--runs 3] [--dev-size 4000] [--no-stock]
 *                    [--stock-max 10000] [--no-hugo] [--no-photos] [--photo-variants 6]
 *                    [--results docs/performance.md] [--keep]
 *
 * One synthetic article in three has a lead photo (a few distinct 2400×1600 photos, generated
 * once), in our corpus only: the references are text sites. The cost of making the photos, per
 * photo, with an empty and a full cache, is measured apart.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { directories } from "../../.eleventy.js";
import { measureDevEdit } from "../bench/dev-edit.ts";
import { buildCommand, canMeasureMemory, type Measurement, runMeasured } from "../bench/measure.ts";
import { describePhotoWork, generatePhotoVariants, measurePhotoWork, writeCorpusPhotos } from "../bench/photo-work.ts";
import {
  type BenchReport,
  chartSeries,
  medianMs,
  medianPeakMb,
  msPerArticle,
  resultsMarkdown,
  type SizeResult,
  type ToolRuns,
  withResults,
} from "../bench/report.ts";
import { buildTimeChart } from "../bench/svg-chart.ts";
import { generateCorpus, type SyntheticArticle, toGenericSource, toSiteSource } from "../bench/synthetic-corpus.ts";
import { resolveContentPaths } from "../input/content-paths.ts";
import { readCommandLine, wholeNumber } from "./command-line.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ELEVENTY_CLI = path.join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs");
const BUILD_COMMAND = buildCommand(ROOT);

const USAGE = `Usage: npm run bench -- [--sizes 4000,5000,10000,50000] [--runs 3] [--dev-size 4000] [--no-stock]
                         [--stock-max 10000] [--no-hugo] [--no-photos] [--photo-variants 6]
                         [--results docs/performance.md] [--keep]
  Builds synthetic corpora of each size (ours fresh, warm, after a body and a headline edit;
  stock Eleventy, up to --stock-max articles, and Hugo beside them) and writes the table and
  chart. --dev-size 0 skips the preview.`;

const { values: args } = readCommandLine(USAGE, {
  options: {
    sizes: { type: "string", default: "4000,5000,10000,50000" },
    runs: { type: "string", default: "3" },
    "dev-size": { type: "string", default: "4000" },
    "no-stock": { type: "boolean", default: false },
    // Stock Eleventy holds every page in memory: at 50,000 it takes many minutes and gigabytes.
    "stock-max": { type: "string", default: "10000" },
    "no-hugo": { type: "boolean", default: false },
    "no-photos": { type: "boolean", default: false },
    // Distinct photos among the corpus's (each made once per fresh build).
    "photo-variants": { type: "string", default: "6" },
    results: { type: "string", default: "docs/performance.md" },
    keep: { type: "boolean", default: false },
  },
});

const sizes = args.sizes.split(",").map((size) => wholeNumber(size, "--sizes", USAGE));
const runs = wholeNumber(args.runs, "--runs", USAGE);
const devSize = wholeNumber(args["dev-size"], "--dev-size", USAGE, 0);
const variantCount = wholeNumber(args["photo-variants"], "--photo-variants", USAGE);
const stockMax = wholeNumber(args["stock-max"], "--stock-max", USAGE, 0);
/** Outputs of larger corpora are removed once measured: a 100,000-article site is 4 GB on disk. */
const KEEP_OUTPUTS_UP_TO = 20_000;
const progress = (line: string) => console.error(`[bench] ${line}`);

function hugoVersion(): string | null {
  if (args["no-hugo"]) return null;
  const result = spawnSync("hugo", ["version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim().split(" ").slice(0, 2).join(" ") : null;
}
const hugo = hugoVersion();

interface Workspace {
  dir: string;
  articlesDir: string;
  dataDir: string;
  stockDir: string;
  hugoDir: string;
  corpus: SyntheticArticle[];
}

function writeFiles(baseDir: string, files: { path: string; text: string }[]): void {
  const folders = new Set(files.map((file) => path.dirname(path.join(baseDir, file.path))));
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  for (const file of files) writeFileSync(path.join(baseDir, file.path), file.text);
}

/**
 * A temporary copy of the site's data, the stock Eleventy and Hugo projects, each fed the same
 * corpus (the photos only to ours: the references are text sites).
 */
function prepare(n: number, photoVariants: Buffer[]): Workspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bench-${n}-`));
  const corpus = generateCorpus(n, undefined, { photos: photoVariants.length > 0 });
  const workspace: Workspace = {
    dir,
    articlesDir: path.join(dir, "articles"),
    dataDir: path.join(dir, "data"),
    stockDir: path.join(dir, "stock-eleventy"),
    hugoDir: path.join(dir, "hugo"),
    corpus,
  };
  cpSync(path.join(ROOT, "_data"), workspace.dataDir, { recursive: true });
  const sources = corpus.map(toSiteSource);
  writeFiles(workspace.articlesDir, sources);
  writeCorpusPhotos(
    dir,
    workspace.articlesDir,
    photoVariants,
    sources.flatMap((source) => (source.photo ? [source.photo] : [])),
  );
  if (!args["no-stock"] && n <= stockMax) {
    cpSync(path.join(ROOT, "bench/stock-eleventy"), workspace.stockDir, { recursive: true });
    writeFiles(
      path.join(workspace.stockDir, "src"),
      corpus.map((a) => toGenericSource(a, "eleventy")),
    );
  }
  if (hugo) {
    cpSync(path.join(ROOT, "bench/hugo"), workspace.hugoDir, { recursive: true });
    writeFiles(
      path.join(workspace.hugoDir, "content"),
      corpus.map((a) => toGenericSource(a, "hugo")),
    );
  }
  return workspace;
}

function check(label: string, measurement: Measurement): Measurement {
  if (measurement.status !== 0)
    throw new Error(`${label} failed (exit ${measurement.status}):\n${measurement.output.slice(-4000)}`);
  return measurement;
}

// Each build writes into a folder of its own, and they are all deleted with the workspace:
// creating thousands of files right after deleting thousands costs ext4 seconds of scanning
// for free inodes, and that cost grew from run to run, for both tools, when each build first
// deleted the previous one's output.
const outputOf = (w: Workspace, tool: string, run: string) => path.join(w.dir, "out", `${tool}-${run}`);
/** Our build, as `npm run build` runs it, with the workspace's content and the given cache folder. */
const buildOurs = (w: Workspace, out: string, cacheDir: string) =>
  runMeasured(
    process.execPath,
    [...BUILD_COMMAND, "--quiet", "--out", out, "--articles", w.articlesDir, "--data", w.dataDir],
    {
      cwd: ROOT,
      env: { CACHE_DIR: cacheDir, IMAGE_CACHE_DIR: "" },
    },
  );
/** The warm caches: filled by one unmeasured build, then shared by every warm build and edit. */
const warmCache = (w: Workspace) => path.join(w.dir, "cache-warm");
const buildStock = (w: Workspace, run: string) =>
  runMeasured(process.execPath, [ELEVENTY_CLI, "--quiet", "--output", outputOf(w, "stock", run)], { cwd: w.stockDir });
const buildHugo = (w: Workspace, run: string) => {
  rmSync(path.join(w.hugoDir, "resources"), { recursive: true, force: true });
  return runMeasured(
    "hugo",
    ["--minify", "--quiet", "--source", w.hugoDir, "--destination", outputOf(w, "hugo", run)],
    { cwd: w.hugoDir },
  );
};

/** Removes measured outputs (and caches) of large corpora, which would fill the disk. */
function discard(n: number, ...folders: string[]): void {
  if (n <= KEEP_OUTPUTS_UP_TO) return;
  for (const folder of folders) {
    rmSync(folder, { recursive: true, force: true });
    rmSync(`${folder}.previous`, { recursive: true, force: true });
  }
}

const describe = (m: Measurement) =>
  `${(m.wallMs / 1000).toFixed(2)} s${m.cpuSeconds === null ? "" : ` (CPU ${m.cpuSeconds.toFixed(1)} s)`}${m.peakMb === null ? "" : `, ${Math.round(m.peakMb)} MB`}`;
const emptyRuns = (): ToolRuns => ({ wallMs: [], peakMb: [], cpuSeconds: [] });
const record = (runsOf: ToolRuns, m: Measurement) => {
  runsOf.wallMs.push(m.wallMs);
  runsOf.peakMb.push(m.peakMb);
  runsOf.cpuSeconds.push(m.cpuSeconds);
};

async function main(): Promise<void> {
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ");
  const loadBefore = load();
  const started = performance.now();
  const results: SizeResult[] = [];
  let dev: BenchReport["dev"] = null;
  const notes: string[] = [];
  const measureDev = async (workspace: Workspace) => {
    progress(`N=${workspace.corpus.length}: dev server, edit → updated page…`);
    const article = workspace.corpus[0] as SyntheticArticle;
    try {
      const measured = await measureDevEdit({
        root: ROOT,
        articlesDir: workspace.articlesDir,
        dataDir: workspace.dataDir,
        outDir: path.join(workspace.dir, "dev-out"),
        articleFile: path.join(workspace.articlesDir, toSiteSource(article).path),
        articleUrl: `/${article.section}/${article.slug}/`,
        edits: runs,
      });
      dev = { n: workspace.corpus.length, ...measured };
      progress(
        `dev server up in ${(measured.startupMs / 1000).toFixed(2)} s; headline edits ${measured.editMs.map((ms) => (ms / 1000).toFixed(2)).join(", ")} s; body-text edits ${(measured.textEditMs ?? []).map((ms) => (ms / 1000).toFixed(2)).join(", ")} s`,
      );
    } catch (error) {
      const reason = String(error).split("\n")[0] ?? "";
      notes.push(`The dev server measurement failed: ${reason}`);
      progress(`dev server measurement failed: ${String(error).slice(0, 2000)}`);
    }
  };
  progress(
    `sizes ${sizes.join(", ")}; ${runs} run(s) each; stock Eleventy ${args["no-stock"] ? "off" : "on"}; Hugo ${hugo ?? "off (not installed or --no-hugo)"}; photos ${args["no-photos"] ? "off" : "on"}`,
  );
  if (!args["no-photos"]) progress("generating the corpus's photos…");
  const photoVariants = args["no-photos"] ? [] : await generatePhotoVariants(variantCount);
  for (const n of sizes) {
    progress(`N=${n}: generating the corpus…`);
    const workspace = prepare(n, photoVariants);
    const result: SizeResult = {
      n,
      fresh: emptyRuns(),
      warm: emptyRuns(),
      bodyEdit: emptyRuns(),
      headlineEdit: emptyRuns(),
      stock: args["no-stock"] || n > stockMax ? null : emptyRuns(),
      hugo: hugo ? emptyRuns() : null,
    };
    try {
      progress(`N=${n}: filling the caches (not measured)…`);
      check(
        "our build (caches)",
        await buildOurs(workspace, outputOf(workspace, "ours-caches", "0"), warmCache(workspace)),
      );
      discard(n, outputOf(workspace, "ours-caches", "0"));
      // Interleaved so that load from other processes falls on all of them alike.
      for (let run = 1; run <= runs; run += 1) {
        const fresh = check(
          "our fresh build",
          await buildOurs(
            workspace,
            outputOf(workspace, "fresh", String(run)),
            path.join(workspace.dir, `cache-fresh-${run}`),
          ),
        );
        record(result.fresh, fresh);
        discard(n, outputOf(workspace, "fresh", String(run)), path.join(workspace.dir, `cache-fresh-${run}`));
        const warm = check(
          "our warm build",
          await buildOurs(workspace, outputOf(workspace, "warm", String(run)), warmCache(workspace)),
        );
        record(result.warm, warm);
        discard(n, outputOf(workspace, "warm", String(run)));
        let line = `N=${n} run ${run}/${runs}: ours fresh ${describe(fresh)}; warm ${describe(warm)}`;
        if (result.stock) {
          const stock = check("stock Eleventy", await buildStock(workspace, String(run)));
          record(result.stock, stock);
          discard(n, outputOf(workspace, "stock", String(run)));
          line += `; stock Eleventy ${describe(stock)}`;
        }
        if (result.hugo) {
          const hugoRun = check("Hugo", await buildHugo(workspace, String(run)));
          record(result.hugo, hugoRun);
          discard(n, outputOf(workspace, "hugo", String(run)));
          line += `; Hugo ${describe(hugoRun)}`;
        }
        progress(line);
      }
      // Edits, each followed by npm run build over the previous output.
      const out = outputOf(workspace, "edits", "0");
      check("our build (before the edits)", await buildOurs(workspace, out, warmCache(workspace)));
      // Once more, as an editor's next build finds it: the output before last kept beside it.
      check("our build (before the edits)", await buildOurs(workspace, out, warmCache(workspace)));
      const [edited] = workspace.corpus;
      const file = path.join(workspace.articlesDir, toSiteSource(edited as SyntheticArticle).path);
      for (let run = 1; run <= runs; run += 1) {
        writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()}\n\nUne phrase ajoutée au corps, numéro ${run}.\n`);
        const body = check("our build after a body edit", await buildOurs(workspace, out, warmCache(workspace)));
        record(result.bodyEdit, body);
        writeFileSync(
          file,
          readFileSync(file, "utf8").replace(/^title: .*$/m, `title: "Un titre modifié, numéro ${run}"`),
        );
        const headline = check(
          "our build after a headline edit",
          await buildOurs(workspace, out, warmCache(workspace)),
        );
        record(result.headlineEdit, headline);
        progress(`N=${n} edit ${run}/${runs}: body ${describe(body)}; headline ${describe(headline)}`);
      }
      results.push(result);
      if (photoVariants.length > 0) {
        progress(`N=${n}: photo work, cold then warm cache…`);
        const work = await measurePhotoWork(
          resolveContentPaths({ articles: workspace.articlesDir, data: workspace.dataDir }, directories),
          path.join(workspace.dir, "photo-work"),
        );
        if (work) {
          notes.push(describePhotoWork(n, work));
          progress(describePhotoWork(n, work));
        }
      }
      if (n === devSize) await measureDev(workspace);
    } finally {
      if (!args.keep) rmSync(workspace.dir, { recursive: true, force: true });
      else progress(`kept ${workspace.dir}`);
    }
  }
  const seed = await measureSeed();

  const loadAfter = load();
  const command = `npm run bench -- --sizes ${sizes.join(",")} --runs ${runs} --dev-size ${devSize}${args["no-stock"] ? " --no-stock" : ""}${args["no-hugo"] ? " --no-hugo" : ""}${args["no-photos"] ? " --no-photos" : ` --photo-variants ${variantCount}`}`;
  const report: BenchReport = {
    command,
    date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}${hugo ? `, ${hugo}` : ""}`,
    noise: `${args["no-photos"] ? "No photos" : "One article in three has a lead photo (ours only)"}. Load average (1/5/15 min) ${loadBefore} before, ${loadAfter} after ${((performance.now() - started) / 60000).toFixed(1)} min of benchmark${canMeasureMemory() ? "" : "; peak memory not measured (no /usr/bin/time)"}.`,
    sizes: results,
    seed,
    dev,
    notes,
  };
  const markdown = resultsMarkdown(report);
  const chart = buildTimeChart(chartSeries(report));
  const resultsFile = path.resolve(ROOT, args.results);
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  let document = "";
  try {
    document = readFileSync(resultsFile, "utf8");
  } catch {
    // first run
  }
  writeFileSync(resultsFile, withResults(document, markdown));
  writeFileSync(path.join(path.dirname(resultsFile), "build-time.svg"), chart);
  console.log(markdown);
  for (const r of results) {
    progress(
      `N=${r.n}: ${msPerArticle(r).toFixed(2)} ms/article warm, peak ${Math.round(medianPeakMb(r.warm) ?? 0)} MB`,
    );
  }
  progress(`wrote ${path.relative(ROOT, resultsFile) || resultsFile} and build-time.svg`);
}

/** The real site: a rebuild with nothing changed, and a clean one, into a folder of the benchmark's. */
async function measureSeed(): Promise<BenchReport["seed"]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-seed-"));
  try {
    const out = path.join(dir, "dist");
    const build = (...more: string[]) =>
      runMeasured(process.execPath, [...BUILD_COMMAND, "--quiet", "--out", out, ...more], {
        cwd: ROOT,
        env: { CACHE_DIR: path.join(dir, "cache"), IMAGE_CACHE_DIR: "" },
      });
    check("the seed site's build", await build());
    const seed = { rebuild: emptyRuns(), clean: emptyRuns() };
    for (let run = 1; run <= runs; run += 1) {
      record(seed.rebuild, check("the seed site's build", await build()));
      record(seed.clean, check("the seed site's clean build", await build("--clean")));
    }
    progress(
      `seed site: rebuild ${(medianMs(seed.rebuild) / 1000).toFixed(2)} s, clean ${(medianMs(seed.clean) / 1000).toFixed(2)} s`,
    );
    return seed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

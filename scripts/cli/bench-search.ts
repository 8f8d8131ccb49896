/**
 * The search benchmark: what the index costs the build, and what search costs the reader.
 *
 *   tsx scripts/cli/bench-search.ts [--sizes 4000,10000] [--runs 3] [--edit-size 4000] [--reader-size 10000]
 *
 *  - the index step alone (writeSearchIndex, in this process, on content already loaded): with an
 *    empty search cache (every record made, every file compressed), warm into a new folder (a
 *    clean build with caches), and after a one-article body edit over the previous output;
 *  - `npm run build` after a body edit with search on and off, alternating, at --edit-size;
 *  - in Chromium, at --reader-size: the bytes the first query transfers and the time from the
 *    last keystroke to the results on screen (scripts/bench/search-reader.ts).
 * Synthetic articles only (scripts/bench/synthetic-corpus.ts), in temporary folders.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildCommand, median, runMeasured } from "../bench/measure.ts";
import { measureQueries, type QueryCost } from "../bench/search-reader.ts";
import { generateCorpus, type SyntheticArticle, toSiteSource } from "../bench/synthetic-corpus.ts";
import { DiskArticleCache } from "../input/content-cache.ts";
import type { ContentPaths } from "../input/content-paths.ts";
import { loadContentWithKeys } from "../lists/content.ts";
import { codeVersion } from "../publish/code-version.ts";
import { writeSearchIndex } from "../publish/search-index.ts";
import { readCommandLine, wholeNumber } from "./command-line.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const USAGE = `Usage: tsx scripts/cli/bench-search.ts [--sizes 4000,10000] [--runs 3] [--edit-size 4000] [--reader-size 10000] [--keep]
  Times the search index step (empty cache, warm, after a body edit), npm run build after a body edit
  with search on and off, and the first query's transfer and time to results in Chromium.`;
const { values: args } = readCommandLine(USAGE, {
  options: {
    sizes: { type: "string", default: "4000,10000" },
    runs: { type: "string", default: "3" },
    "edit-size": { type: "string", default: "4000" },
    "reader-size": { type: "string", default: "10000" },
    keep: { type: "boolean", default: false },
  },
});
const sizes = args.sizes.split(",").map((size) => wholeNumber(size, "--sizes", USAGE));
const runs = wholeNumber(args.runs, "--runs", USAGE);
const editSize = wholeNumber(args["edit-size"], "--edit-size", USAGE, 0);
const readerSize = wholeNumber(args["reader-size"], "--reader-size", USAGE, 0);
const progress = (line: string) => console.error(`[bench-search] ${line}`);
/** Queries of the synthetic vocabulary: every article has some of its words, so these are the heavy kind. */
const QUERIES = ["défense", "budget inflation", "énergie clim", "festival cinéma"];

interface Workspace {
  dir: string;
  paths: ContentPaths;
  corpus: SyntheticArticle[];
}

function prepare(n: number): Workspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bench-search-${n}-`));
  const paths = {
    articlesDir: path.join(dir, "articles"),
    dataDir: path.join(dir, "data"),
    pagesDir: path.join(ROOT, "src/pages"),
  };
  cpSync(path.join(ROOT, "_data"), paths.dataDir, { recursive: true });
  const corpus = generateCorpus(n);
  for (const article of corpus) {
    const source = toSiteSource(article);
    const file = path.join(paths.articlesDir, source.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, source.text);
  }
  return { dir, paths, corpus };
}

/** Appends a sentence to the corpus's first article: a body edit. */
function editBody(w: Workspace, run: number): void {
  const file = path.join(w.paths.articlesDir, toSiteSource(w.corpus[0] as SyntheticArticle).path);
  writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()}\n\nUne phrase ajoutée au corps, numéro ${run}.\n`);
}

interface StepTime {
  wallMs: number;
  cpuMs: number;
  made: number;
}

/** The index step alone, on the content as a warm build loads it. */
async function indexStep(w: Workspace, out: string, searchCache: string): Promise<StepTime> {
  const code = codeVersion(ROOT);
  const contentCache = path.join(w.dir, "content-cache");
  const cache = new DiskArticleCache(contentCache, code, w.paths.articlesDir);
  const { content, articleKeys } = loadContentWithKeys(w.paths, { cacheDir: contentCache }, cache);
  cache.save();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await writeSearchIndex({
    outDir: out,
    cacheDir: searchCache,
    code,
    articlesDir: w.paths.articlesDir,
    articles: content.articles,
    sections: content.publisher.sections,
    articleKeys,
    enabled: true,
  });
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, made: result.made };
}

const describe = (times: StepTime[]) =>
  `${(median(times.map((t) => t.wallMs)) / 1000).toFixed(3)} s (CPU ${(median(times.map((t) => t.cpuMs)) / 1000).toFixed(3)} s)`;

async function main(): Promise<void> {
  const lines: string[] = [];
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ");
  lines.push(`Load average before: ${load()}; Node ${process.version}; ${os.cpus().length} cores.`, "");
  lines.push("| articles | index, empty cache | index, warm, new folder | index after a body edit | files |");
  lines.push("| ---: | ---: | ---: | ---: | ---: |");
  const command = buildCommand(ROOT);
  let editLine = "";
  let reader: QueryCost[] = [];
  for (const n of [...new Set([...sizes, editSize, readerSize].filter((size) => size > 0))].sort((a, b) => a - b)) {
    const w = prepare(n);
    try {
      if (sizes.includes(n)) {
        progress(`N=${n}: loading the content once…`);
        await indexStep(w, path.join(w.dir, "out-first"), path.join(w.dir, "search-first"));
        const cold: StepTime[] = [];
        const warm: StepTime[] = [];
        const edit: StepTime[] = [];
        const editOut = path.join(w.dir, "out-edit");
        await indexStep(w, editOut, path.join(w.dir, "search-warm"));
        for (let run = 1; run <= runs; run += 1) {
          cold.push(await indexStep(w, path.join(w.dir, `out-cold-${run}`), path.join(w.dir, `search-cold-${run}`)));
          warm.push(await indexStep(w, path.join(w.dir, `out-warm-${run}`), path.join(w.dir, "search-warm")));
          editBody(w, run);
          edit.push(await indexStep(w, editOut, path.join(w.dir, "search-warm")));
          progress(
            `N=${n} run ${run}: empty cache ${describe([cold.at(-1) as StepTime])}, warm ${describe([warm.at(-1) as StepTime])}, edit ${describe([edit.at(-1) as StepTime])} (${edit.at(-1)?.made} record made)`,
          );
        }
        const files = readFileSync(path.join(editOut, "recherche-index", "manifest.bin")).length;
        lines.push(`| ${n} | ${describe(cold)} | ${describe(warm)} | ${describe(edit)} | manifest ${files} B |`);
      }
      if (n === editSize) {
        progress(`N=${n}: npm run build after a body edit, search on and off…`);
        const off = path.join(w.dir, "data-off");
        cpSync(w.paths.dataDir, off, { recursive: true });
        writeFileSync(
          path.join(off, "publisher.yaml"),
          `${readFileSync(path.join(off, "publisher.yaml"), "utf8")}\nsearch:\n  enabled: false\n`,
        );
        const buildWith = (data: string, name: string) =>
          runMeasured(
            process.execPath,
            [
              ...command,
              "--quiet",
              "--out",
              path.join(w.dir, `site-${name}`),
              "--articles",
              w.paths.articlesDir,
              "--data",
              data,
            ],
            { cwd: ROOT, env: { CACHE_DIR: path.join(w.dir, `cache-${name}`), IMAGE_CACHE_DIR: "" } },
          );
        for (const [data, name] of [
          [w.paths.dataDir, "on"],
          [off, "off"],
        ] as const) {
          const first = await buildWith(data, name);
          if (first.status !== 0) throw new Error(first.output);
        }
        const on: number[] = [];
        const offTimes: number[] = [];
        const onCpu: number[] = [];
        const offCpu: number[] = [];
        for (let run = 1; run <= runs; run += 1) {
          editBody(w, 100 + run);
          const a = await buildWith(w.paths.dataDir, "on");
          const b = await buildWith(off, "off");
          if (a.status !== 0 || b.status !== 0) throw new Error(a.output + b.output);
          on.push(a.wallMs);
          offTimes.push(b.wallMs);
          onCpu.push(a.cpuSeconds ?? Number.NaN);
          offCpu.push(b.cpuSeconds ?? Number.NaN);
          progress(
            `N=${n} edit ${run}: search on ${(a.wallMs / 1000).toFixed(2)} s, off ${(b.wallMs / 1000).toFixed(2)} s`,
          );
        }
        editLine = `npm run build after a body edit at ${n} articles: search on ${(median(on) / 1000).toFixed(2)} s (CPU ${median(onCpu).toFixed(2)} s), off ${(median(offTimes) / 1000).toFixed(2)} s (CPU ${median(offCpu).toFixed(2)} s); medians of ${runs}, alternating.`;
      }
      if (n === readerSize) {
        progress(`N=${n}: building the site for the reader's measurement…`);
        const out = path.join(w.dir, "site-reader");
        const built = await runMeasured(
          process.execPath,
          [...command, "--quiet", "--out", out, "--articles", w.paths.articlesDir, "--data", w.paths.dataDir],
          { cwd: ROOT, env: { CACHE_DIR: path.join(w.dir, "cache-reader"), IMAGE_CACHE_DIR: "" } },
        );
        if (built.status !== 0) throw new Error(built.output);
        reader = await measureQueries(out, QUERIES);
        for (const cost of reader) progress(`${cost.query}: ${cost.searchBytes} B, ${cost.resultsMs.toFixed(0)} ms`);
      }
    } finally {
      if (!args.keep) rmSync(w.dir, { recursive: true, force: true });
      else progress(`kept ${w.dir}`);
    }
  }
  if (editLine) lines.push("", editLine);
  if (reader.length > 0) {
    lines.push(
      "",
      `First query in Chromium at ${readerSize} articles (a fresh profile each; HTML, CSS and JavaScript gzipped as hosts serve them):`,
      "",
      "| query | results | transfer for search | script | manifest | shards | 10 articles' text | requests | keystroke → results |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...reader.map(
        (c) =>
          `| ${c.query} | ${c.results} shown | ${(c.searchBytes / 1024).toFixed(1)} KB | ${(c.bytes.script / 1024).toFixed(1)} KB | ${(c.bytes.manifest / 1024).toFixed(1)} KB | ${(c.bytes.shards / 1024).toFixed(1)} KB | ${(c.bytes.documents / 1024).toFixed(1)} KB | ${c.requests} | ${c.resultsMs.toFixed(0)} ms |`,
      ),
    );
  }
  lines.push("", `Load average after: ${load()}.`);
  console.log(lines.join("\n"));
}

await main();

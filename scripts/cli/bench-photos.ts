/**
 * Prints what photos cost a warm build: the same synthetic corpus built with and without lead
 * photos (one article in three), caches filled by one unmeasured build each, then alternating
 * runs; and the photo work per photo, cold and warm. In a temporary folder.
 *
 *   tsx scripts/cli/bench-photos.ts [articles=4000] [runs=3]
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { directories } from "../../.eleventy.js";
import { buildCommand, type Measurement, median, runMeasured } from "../bench/measure.ts";
import { describePhotoWork, generatePhotoVariants, measurePhotoWork, writeCorpusPhotos } from "../bench/photo-work.ts";
import { generateCorpus, toSiteSource } from "../bench/synthetic-corpus.ts";
import { resolveContentPaths } from "../input/content-paths.ts";
import { readCommandLine, wholeNumber } from "./command-line.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BUILD_COMMAND = buildCommand(ROOT);

const USAGE = `Usage: tsx scripts/cli/bench-photos.ts [articles=4000] [runs=3]
  Warm builds of the same synthetic corpus with and without lead photos, side by side.`;
const { positionals } = readCommandLine(USAGE, { allowPositionals: true }, 2);
const count = wholeNumber(positionals[0] ?? "4000", "articles", USAGE);
const runs = wholeNumber(positionals[1] ?? "3", "runs", USAGE);
const dir = mkdtempSync(path.join(os.tmpdir(), "bench-photos-"));
const log = (line: string) => console.error(`[bench-photos] ${line}`);

function writeCorpus(name: string, photos: Buffer[]): string {
  const articlesDir = path.join(dir, name);
  const sources = generateCorpus(count, undefined, { photos: photos.length > 0 }).map(toSiteSource);
  for (const source of sources) {
    mkdirSync(path.dirname(path.join(articlesDir, source.path)), { recursive: true });
    writeFileSync(path.join(articlesDir, source.path), source.text);
  }
  writeCorpusPhotos(
    path.join(dir, `${name}-variants`),
    articlesDir,
    photos,
    sources.flatMap((source) => (source.photo ? [source.photo] : [])),
  );
  return articlesDir;
}

const build = (name: string, run: string): Promise<Measurement> =>
  runMeasured(
    process.execPath,
    [
      ...BUILD_COMMAND,
      "--quiet",
      "--out",
      path.join(dir, "out", `${name}-${run}`),
      "--articles",
      path.join(dir, name),
      "--data",
      path.join(dir, "data"),
    ],
    { cwd: ROOT, env: { IMAGE_CACHE_DIR: path.join(dir, `cache-${name}`) } },
  );

try {
  const load = () => os.loadavg()[0]?.toFixed(2);
  log(`${count} articles, ${runs} runs each; load average ${load()}`);
  cpSync(path.join(ROOT, "_data"), path.join(dir, "data"), { recursive: true });
  writeCorpus("without", []);
  writeCorpus("with", await generatePhotoVariants());
  for (const name of ["without", "with"]) {
    const fill = await build(name, "fill");
    if (fill.status !== 0) throw new Error(fill.output);
    log(`${name} photos: caches filled in ${(fill.wallMs / 1000).toFixed(2)} s`);
  }
  const times: Record<string, Measurement[]> = { without: [], with: [] };
  for (let run = 1; run <= runs; run += 1) {
    for (const name of ["without", "with"]) {
      const measured = await build(name, String(run));
      if (measured.status !== 0) throw new Error(measured.output);
      times[name]?.push(measured);
      log(
        `run ${run}, ${name} photos: ${(measured.wallMs / 1000).toFixed(2)} s (CPU ${measured.cpuSeconds?.toFixed(1)} s), ${Math.round(measured.peakMb ?? 0)} MB`,
      );
    }
  }
  const summary = (name: string) => {
    const measured = times[name] ?? [];
    return {
      wall: median(measured.map((m) => m.wallMs)) / 1000,
      cpu: median(measured.map((m) => m.cpuSeconds ?? Number.NaN)),
      peak: median(measured.map((m) => m.peakMb ?? Number.NaN)),
    };
  };
  const [without, withPhotos] = [summary("without"), summary("with")];
  console.log(
    `Warm builds of ${count} articles, medians of ${runs}: without photos ${without.wall.toFixed(2)} s (CPU ${without.cpu.toFixed(1)} s, ${Math.round(without.peak)} MB); ` +
      `with photos ${withPhotos.wall.toFixed(2)} s (CPU ${withPhotos.cpu.toFixed(1)} s, ${Math.round(withPhotos.peak)} MB); ` +
      `ratio ${(withPhotos.wall / without.wall).toFixed(2)} (CPU ${(withPhotos.cpu / without.cpu).toFixed(2)}); load average ${load()}.`,
  );
  const work = await measurePhotoWork(
    resolveContentPaths({ articles: path.join(dir, "with"), data: path.join(dir, "data") }, directories),
    path.join(dir, "photo-work"),
  );
  if (work) console.log(describePhotoWork(count, work));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

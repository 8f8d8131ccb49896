/**
 * What social cards cost, renderer against renderer, on the site's own card design
 * (scripts/output/social-card.ts) and synthetic headlines: per card, wall and CPU time (medians
 * of the rounds, which alternate between the candidates so that load from other processes falls
 * on all alike), bytes per card, and whether every round drew the same bytes.
 *
 *   tsx scripts/cli/bench-cards.ts [--count 1000] [--rounds 3]
 *
 * Candidates: takumi as the build runs it (scripts/publish/render-images.ts: drawn into an empty
 * cache, 1, 2 and 4 renders in flight), the same placed from a warm cache, and, when installed
 * (`npm install --no-save satori @resvg/resvg-js`), satori + resvg as the build drew cards
 * before (layout by satori on the main thread, resvg on libuv's pool, 4 in flight).
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { median } from "../bench/measure.ts";
import { generateCorpus } from "../bench/synthetic-corpus.ts";
import { readMetadata } from "../input/load-sources.ts";
import { CARD_SIZE } from "../output/image-paths.ts";
import { type CardNode, cardTree, type ImageJob } from "../output/social-card.ts";
import { cardFonts, placeImages, startDrawing } from "../publish/render-images.ts";
import { readCommandLine, wholeNumber } from "./command-line.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

const USAGE = `Usage: tsx scripts/cli/bench-cards.ts [--count 1000] [--rounds 3]
  Social cards, renderer against renderer: time and bytes per card.`;
const { values: args } = readCommandLine(USAGE, {
  options: { count: { type: "string", default: "1000" }, rounds: { type: "string", default: "3" } },
});
const count = wholeNumber(args.count, "--count", USAGE);
const rounds = wholeNumber(args.rounds, "--rounds", USAGE);

const { publisher } = readMetadata(path.join(ROOT, "_data"));
const sectionName = new Map(publisher.sections.map((section) => [section.slug, section.name]));
const jobs: ImageJob[] = generateCorpus(count).map((article) => ({
  image: { path: `/${article.section}/${article.slug}/social.png`, ...CARD_SIZE },
  tree: cardTree(sectionName.get(article.section) ?? article.section, article.title, publisher.name),
}));

/** Draws every job into `outDir` (one PNG per job, at its path). */
type Draw = (outDir: string) => Promise<void>;

interface Candidate {
  name: string;
  draw: Draw;
  /** Runs before each round, unmeasured. */
  prepare?: () => Promise<void> | void;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
  bytes: number;
  /** A hash of every card's bytes, in job order. */
  digest: string;
}

const dir = mkdtempSync(path.join(tmpdir(), "bench-cards-"));
let fresh = 0;
function freshDir(name: string): string {
  fresh += 1;
  return path.join(dir, `${name}-${fresh}`);
}

function takumi(inFlight: number): Candidate {
  return {
    name: `takumi, ${inFlight} in flight`,
    draw: async (outDir) => {
      placeImages(await startDrawing(jobs, freshDir("cache"), inFlight).done, outDir);
    },
  };
}

function takumiWarm(): Candidate {
  const cache = path.join(dir, "warm-cache");
  return {
    name: "takumi, from a warm cache",
    prepare: async () => {
      await startDrawing(jobs, cache).done;
    },
    draw: async (outDir) => {
      placeImages(await startDrawing(jobs, cache).done, outDir);
    },
  };
}

// satori's and resvg's own types are not needed: these are the calls the build made.
type Satori = (tree: unknown, options: { width: number; height: number; fonts: unknown[] }) => Promise<string>;
type RenderAsync = (svg: string, options: unknown) => Promise<{ asPng(): Uint8Array }>;

/** The tree as satori reads it: React-like { type, props } elements, text as a child string. */
function satoriElement(node: CardNode): unknown {
  if (node.type === "text") return { type: "div", props: { style: node.style, children: node.text } };
  return { type: "div", props: { style: node.style, children: node.children.map(satoriElement) } };
}

/** satori + resvg when both are installed, else null. */
async function satoriResvg(): Promise<Candidate | null> {
  let satori: Satori;
  let renderAsync: RenderAsync;
  try {
    const names = ["satori", "@resvg/resvg-js"];
    const [satoriModule, resvgModule] = (await Promise.all(names.map((name) => import(name)))) as [
      { default: Satori },
      { renderAsync: RenderAsync },
    ];
    satori = satoriModule.default;
    renderAsync = resvgModule.renderAsync;
  } catch {
    return null;
  }
  // satori reads TTF, OTF and WOFF, not WOFF2.
  const fonts = cardFonts("woff").map(({ file, ...font }) => ({ ...font, data: readFileSync(file) }));
  const drawOne = async (job: ImageJob, outDir: string) => {
    const { width, height } = job.image;
    const svg = await satori(satoriElement(job.tree), { width, height, fonts });
    const png = await renderAsync(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false } });
    const target = path.join(outDir, job.image.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, png.asPng());
  };
  return {
    name: "satori + resvg, 4 in flight",
    draw: async (outDir) => {
      const queue = [...jobs];
      const worker = async () => {
        for (let job = queue.shift(); job; job = queue.shift()) await drawOne(job, outDir);
      };
      await Promise.all(Array.from({ length: 4 }, worker));
    },
  };
}

/**
 * CPU milliseconds used so far by this process and by its children that have ended (the drawing
 * process), from /proc where there is one; elsewhere this process's alone.
 */
function cpuMs(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // Fields 16 and 17 of /proc/self/stat (after the command name in parentheses): cutime and
    // cstime, in hundredths of a second (USER_HZ).
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    children = ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    // No /proc.
  }
  return (own.user + own.system) / 1000 + (Number.isFinite(children) ? children : 0);
}

async function measure(candidate: Candidate): Promise<Sample> {
  await candidate.prepare?.();
  const outDir = freshDir("out");
  const cpuBefore = cpuMs();
  const started = performance.now();
  await candidate.draw(outDir);
  const wallMs = performance.now() - started;
  const cpuUsed = cpuMs() - cpuBefore;
  const digest = createHash("sha256");
  let bytes = 0;
  for (const job of jobs) {
    const png = readFileSync(path.join(outDir, job.image.path));
    bytes += png.length;
    digest.update(png);
  }
  rmSync(outDir, { recursive: true, force: true });
  for (const entry of readdirSync(dir))
    if (entry.startsWith("cache-")) rmSync(path.join(dir, entry), { recursive: true });
  return { wallMs, cpuMs: cpuUsed, bytes, digest: digest.digest("hex") };
}

try {
  const before = await satoriResvg();
  const candidates = [...(before ? [before] : []), takumi(1), takumi(2), takumi(4), takumiWarm()];
  if (!before) console.error("satori + resvg: not installed, left out (npm install --no-save satori @resvg/resvg-js)");
  const samples = new Map<Candidate, Sample[]>(candidates.map((candidate) => [candidate, []]));
  for (let round = 1; round <= rounds; round += 1) {
    for (const candidate of candidates) {
      const sample = await measure(candidate);
      samples.get(candidate)?.push(sample);
      console.error(
        `[bench-cards] round ${round}/${rounds}: ${candidate.name}: ${(sample.wallMs / count).toFixed(2)} ms/card`,
      );
    }
  }
  console.log(`${count} cards of ${CARD_SIZE.width}×${CARD_SIZE.height}, medians of ${rounds} rounds`);
  console.log("");
  console.log("| renderer | ms/card (wall) | ms/card (CPU) | KB/card | same bytes every round |");
  console.log("| --- | ---: | ---: | ---: | --- |");
  for (const [candidate, list] of samples) {
    const perCard = (values: number[]) => (median(values) / count).toFixed(2);
    const same = new Set(list.map((sample) => sample.digest)).size === 1;
    console.log(
      `| ${candidate.name} | ${perCard(list.map((s) => s.wallMs))} | ${perCard(list.map((s) => s.cpuMs))} | ${(median(list.map((s) => s.bytes)) / count / 1024).toFixed(1)} | ${same ? "yes" : "no"} |`,
    );
  }
  const takumiDigests = new Set(
    [...samples]
      .filter(([candidate]) => candidate.name.startsWith("takumi"))
      .flatMap(([, l]) => l.map((s) => s.digest)),
  );
  console.log("");
  console.log(`takumi drew ${takumiDigests.size === 1 ? "the same bytes" : "DIFFERENT bytes"} at every concurrency.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

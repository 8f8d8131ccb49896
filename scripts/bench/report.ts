/**
 * The benchmark's results as Markdown: medians with their spread, memory, ratios, and the
 * goals they are held to (issue 13). Written into docs/performance.md between two markers.
 */
import { median } from "./measure.ts";
import type { ChartSeries } from "./svg-chart.ts";

export interface ToolRuns {
  wallMs: number[];
  peakMb: (number | null)[];
  cpuSeconds: (number | null)[];
}

export interface SizeResult {
  n: number;
  /** Ours, clean, on a fresh machine: no cache at all (every article parsed, every card drawn). */
  fresh: ToolRuns;
  /** Ours, clean (a new output folder), with the caches of an earlier build. */
  warm: ToolRuns;
  /** Ours over the previous output, after one article's body was edited. */
  bodyEdit: ToolRuns;
  /** Ours over the previous output, after one article's headline was edited. */
  headlineEdit: ToolRuns;
  stock: ToolRuns | null;
  hugo: ToolRuns | null;
}

export interface BenchReport {
  command: string;
  date: string;
  machine: string;
  noise: string;
  sizes: SizeResult[];
  /** The real site (the seed article): a rebuild with nothing changed, and a clean build. */
  seed: { rebuild: ToolRuns; clean: ToolRuns } | null;
  dev: { n: number; startupMs: number; editMs: number[]; textEditMs?: number[] } | null;
  notes: string[];
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const known = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
const mb = (values: (number | null)[]) => (known(values).length > 0 ? `${Math.round(median(known(values)))}` : "n/a");
const ratio = (a: number, b: number) => (a / b).toFixed(2);

export function medianMs(runs: ToolRuns): number {
  return median(runs.wallMs);
}

export function medianPeakMb(runs: ToolRuns): number | null {
  return known(runs.peakMb).length > 0 ? median(known(runs.peakMb)) : null;
}

/**
 * The chart's lines: ours warm and after a body edit, and each peer at the sizes it built
 * (stock Eleventy stops at --stock-max: a size it skipped is left out, not drawn at zero).
 */
export function chartSeries(report: BenchReport): ChartSeries[] {
  const peer = (name: string, color: string, runs: (size: SizeResult) => ToolRuns | null): ChartSeries[] => {
    const points = report.sizes.flatMap((size) => {
      const built = runs(size);
      return built && built.wallMs.length > 0 ? [{ n: size.n, seconds: medianMs(built) / 1000 }] : [];
    });
    return points.length > 0 ? [{ name, color, points }] : [];
  };
  return [
    ...peer("ce site, à chaud", "#b3001b", (size) => size.warm),
    ...peer("ce site, modif. du corps", "#e07b00", (size) => size.bodyEdit),
    ...peer("Eleventy de base", "#1f5fbf", (size) => size.stock),
    ...peer("Hugo --minify", "#2e7d32", (size) => size.hugo),
  ];
}

export function msPerArticle(result: SizeResult): number {
  return medianMs(result.warm) / result.n;
}

/** « 1.23 [1.10–1.40] »: the median and the spread of the runs, in seconds. */
function spread(runs: ToolRuns): string {
  if (runs.wallMs.length === 0) return "–";
  return `${seconds(medianMs(runs))} [${seconds(Math.min(...runs.wallMs))}–${seconds(Math.max(...runs.wallMs))}]`;
}

interface Goal {
  text: string;
  result: string;
  met: boolean;
}

/** The size nearest `n` among `sizes`. */
function nearest(sizes: readonly SizeResult[], n: number): SizeResult | undefined {
  return [...sizes].sort((a, b) => Math.abs(a.n - n) - Math.abs(b.n - n))[0];
}

function goals(report: BenchReport): Goal[] {
  const at = (n: number) => report.sizes.find((size) => size.n === n);
  const list: Goal[] = [];
  const add = (text: string, value: number, limit: number, shown: string) =>
    list.push({ text, result: shown, met: value <= limit });
  const times = (value: number) => `${value.toFixed(2)} ×`;
  const underHugo = (size: SizeResult, what: "warm" | "fresh" | "bodyEdit", limit: number, text: string) => {
    if (size.hugo)
      add(text, medianMs(size[what]) / medianMs(size.hugo), limit, times(medianMs(size[what]) / medianMs(size.hugo)));
  };
  const peakUnder = (size: SizeResult, what: "warm" | "fresh", limitMb: number, text: string) => {
    const peak = medianPeakMb(size[what]);
    if (peak !== null) add(text, peak, limitMb, `${Math.round(peak)} MB`);
  };
  const mid = at(4000);
  if (mid) {
    add(
      "body edit → build finished ≤ 1.5 s at 4000",
      medianMs(mid.bodyEdit),
      1500,
      `${seconds(medianMs(mid.bodyEdit))} s`,
    );
    underHugo(mid, "bodyEdit", 0.5, "… and ≤ 0.5 × Hugo's full build");
    add(
      "headline edit → build finished ≤ 3 s at 4000",
      medianMs(mid.headlineEdit),
      3000,
      `${seconds(medianMs(mid.headlineEdit))} s`,
    );
    add(
      "fresh machine ≤ 2 × the warm clean build at 4000",
      medianMs(mid.fresh) / medianMs(mid.warm),
      2,
      times(medianMs(mid.fresh) / medianMs(mid.warm)),
    );
    peakUnder(mid, "fresh", 450, "fresh machine peak memory ≤ 450 MB at 4000");
    if (mid.stock) {
      const share = medianMs(mid.warm) / medianMs(mid.stock);
      add(
        "warm clean build (a process per core) ≤ 0.6 × stock Eleventy (same pages) at 4000",
        share,
        0.6,
        times(share),
      );
    }
  }
  const big = at(10000);
  if (big) {
    add(
      "body edit → build finished ≤ 2.5 s at 10000",
      medianMs(big.bodyEdit),
      2500,
      `${seconds(medianMs(big.bodyEdit))} s`,
    );
    peakUnder(big, "warm", 1024, "warm clean build ≤ 1 GB at 10000");
  }
  const archive = at(50000);
  if (archive) {
    underHugo(archive, "warm", 1, "warm clean build ≤ 1.0 × Hugo's full build at 50000");
    underHugo(archive, "fresh", 3, "no cache at all ≤ 3 × Hugo's full build at 50000");
    peakUnder(archive, "warm", 1536, "warm clean build ≤ 1.5 GB in any one process at 50000");
    peakUnder(archive, "fresh", 1536, "no cache at all ≤ 1.5 GB in any one process at 50000");
  }
  const whole = at(100000);
  if (whole) {
    add(
      "body edit → build finished ≤ 2.5 s at 100000",
      medianMs(whole.bodyEdit),
      2500,
      `${seconds(medianMs(whole.bodyEdit))} s`,
    );
    add(
      "headline edit → build finished ≤ 5 s at 100000",
      medianMs(whole.headlineEdit),
      5000,
      `${seconds(medianMs(whole.headlineEdit))} s`,
    );
    underHugo(whole, "warm", 1, "warm clean build ≤ 1.0 × Hugo's full build at 100000");
    peakUnder(whole, "warm", 1536, "warm clean build ≤ 1.5 GB in any one process at 100000");
  }
  // Costs that grow faster than the archive show here: the largest size against the one nearest 5000.
  const last = [...report.sizes].sort((a, b) => a.n - b.n).at(-1);
  const small =
    last &&
    nearest(
      report.sizes.filter((size) => size.n < last.n),
      5000,
    );
  if (small && last) {
    const growth = msPerArticle(last) / msPerArticle(small);
    add(`linear: ms per article at ${last.n} ≤ 1.2 × that at ${small.n}`, growth, 1.2, times(growth));
  }
  if (report.seed) {
    add(
      "the seed site: npm run build ≤ 1.0 s",
      medianMs(report.seed.rebuild),
      1000,
      `${seconds(medianMs(report.seed.rebuild))} s`,
    );
  }
  return list;
}

export function resultsMarkdown(report: BenchReport): string {
  const lines = [
    `Produced by \`${report.command}\` on ${report.date}.`,
    "",
    `Machine: ${report.machine}. ${report.noise}`,
    "",
    "Synthetic French articles (500–900 words, subheadings, quotes, 5 sections, tags, two years of",
    "dates). Times are wall-clock medians of the runs, in seconds, with their spread in brackets;",
    "memory is the median peak resident set size of the largest process. *Fresh* is `npm run build`",
    "with no cache at all (every article parsed, every social card drawn) into a new folder; *warm*",
    "the same with the caches of an earlier build; *stock* is `bench/stock-eleventy/` and *Hugo*",
    "`bench/hugo/` (`hugo --minify`), both building the same set of pages. The edits are",
    "`npm run build` over the previous output after one article's body, then its headline, changed.",
    "Our builds render with a process per core (the default `--jobs`). *ms/article* is the warm",
    "build's median wall time divided by the number of articles.",
    "The build's own compilation (esbuild, once per version of the code) is not counted.",
    "",
    "| articles | fresh (s) | fresh peak (MB) | warm (s) | warm peak (MB) | stock Eleventy (s) | stock peak (MB) | warm ÷ stock | Hugo (s) | Hugo peak (MB) | body edit (s) | headline edit (s) | body edit ÷ Hugo | warm ms/article | warm ÷ Hugo |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const size of report.sizes) {
    const warm = medianMs(size.warm);
    const stock = size.stock ? medianMs(size.stock) : null;
    const hugo = size.hugo ? medianMs(size.hugo) : null;
    lines.push(
      `| ${size.n} | ${spread(size.fresh)} | ${mb(size.fresh.peakMb)} | ${spread(size.warm)} | ${mb(size.warm.peakMb)} | ` +
        `${size.stock ? spread(size.stock) : "–"} | ${size.stock ? mb(size.stock.peakMb) : "–"} | ${stock === null ? "–" : ratio(warm, stock)} | ` +
        `${size.hugo ? spread(size.hugo) : "–"} | ${size.hugo ? mb(size.hugo.peakMb) : "–"} | ` +
        `${spread(size.bodyEdit)} | ${spread(size.headlineEdit)} | ${hugo === null ? "–" : ratio(medianMs(size.bodyEdit), hugo)} | ` +
        `${msPerArticle(size).toFixed(2)} | ${hugo === null ? "–" : ratio(warm, hugo)} |`,
    );
  }
  if (report.seed) {
    lines.push(
      "",
      `The real site (one article): \`npm run build\` with nothing changed ${spread(report.seed.rebuild)} s, ` +
        `\`npm run build -- --clean\` ${spread(report.seed.clean)} s.`,
    );
  }
  if (report.dev) {
    lines.push(
      "",
      `Preview at ${report.dev.n} articles: first page served ${seconds(report.dev.startupMs)} s after start; ` +
        `after a headline edit, the article's page updated in ${seconds(median(report.dev.editMs))} s (median of ${report.dev.editMs.length} edits: ` +
        `${report.dev.editMs.map(seconds).join(", ")} s)` +
        (report.dev.textEditMs && report.dev.textEditMs.length > 0
          ? `; after a body-text edit, in ${seconds(median(report.dev.textEditMs))} s (median of ${report.dev.textEditMs.length}: ` +
            `${report.dev.textEditMs.map(seconds).join(", ")} s).`
          : "."),
    );
  }
  const held = goals(report);
  if (held.length > 0) {
    lines.push("", "| goal | result | met? |", "| --- | ---: | --- |");
    for (const goal of held) lines.push(`| ${goal.text} | ${goal.result} | ${goal.met ? "yes" : "no"} |`);
  }
  if (report.notes.length > 0) lines.push("", ...report.notes.map((note) => `- ${note}`));
  lines.push("", "![Build time against the number of articles](build-time.svg)");
  return lines.join("\n");
}

export const RESULTS_START = "<!-- bench:start (written by npm run bench) -->";
export const RESULTS_END = "<!-- bench:end -->";

/** `document` with the part between the markers replaced by `results` (appended, with the markers, when they are missing). */
export function withResults(document: string, results: string): string {
  const start = document.indexOf(RESULTS_START);
  const end = document.indexOf(RESULTS_END);
  const block = `${RESULTS_START}\n${results}\n${RESULTS_END}`;
  if (start < 0 || end < start) return `${document.trimEnd()}${document.trim() === "" ? "" : "\n\n"}${block}\n`;
  return `${document.slice(0, start)}${block}${document.slice(end + RESULTS_END.length)}`;
}

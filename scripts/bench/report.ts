/** The benchmark's results as a Markdown table (bench/results.md): medians, memory and ratios. */
import { median } from "./measure.ts";

export interface ToolRuns {
  wallMs: number[];
  peakMb: (number | null)[];
  cpuSeconds: (number | null)[];
}

export interface SizeResult {
  n: number;
  ours: ToolRuns;
  stock: ToolRuns | null;
  hugo: ToolRuns | null;
}

export interface BenchReport {
  command: string;
  date: string;
  machine: string;
  noise: string;
  sizes: SizeResult[];
  dev: { n: number; startupMs: number; editMs: number[]; textEditMs?: number[] } | null;
  notes: string[];
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const known = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
const mb = (values: (number | null)[]) => (known(values).length > 0 ? `${Math.round(median(known(values)))}` : "n/a");
const cpu = (values: (number | null)[]) => (known(values).length > 0 ? median(known(values)).toFixed(1) : "n/a");
const ratio = (a: number, b: number) => (a / b).toFixed(2);

export function medianMs(runs: ToolRuns): number {
  return median(runs.wallMs);
}

export function msPerArticle(result: SizeResult): number {
  return medianMs(result.ours) / result.n;
}

export function resultsMarkdown(report: BenchReport): string {
  const lines = [
    "# Build benchmark",
    "",
    `Produced by \`${report.command}\` on ${report.date}.`,
    "",
    `Machine: ${report.machine}. ${report.noise}`,
    "",
    "Clean production builds of synthetic French articles (500–900 words, subheadings, quotes, 5 sections,",
    "tags, two years of dates). Times are medians of the runs (spread in brackets), memory is the median",
    "peak resident set size, CPU is user + system seconds (less sensitive to other load). *Ours* is `npm run build` (`scripts/publish/build.ts`) with everything on; *stock* is",
    "`bench/stock-eleventy/` (Markdown + one Nunjucks layout, no minifier); *Hugo* is `bench/hugo/`",
    "with `hugo --minify`. Both references build one page per article, per section and a home page.",
    "",
    "| articles | ours (s) | ms/article | ours CPU (s) | ours peak (MB) | stock Eleventy (s) | stock CPU (s) | stock peak (MB) | ours ÷ stock | Hugo (s) | Hugo CPU (s) | Hugo peak (MB) | ours ÷ Hugo |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const size of report.sizes) {
    const ours = medianMs(size.ours);
    const spread = `${seconds(Math.min(...size.ours.wallMs))}–${seconds(Math.max(...size.ours.wallMs))}`;
    const stock = size.stock ? medianMs(size.stock) : null;
    const hugo = size.hugo ? medianMs(size.hugo) : null;
    lines.push(
      `| ${size.n} | ${seconds(ours)} [${spread}] | ${msPerArticle(size).toFixed(2)} | ${cpu(size.ours.cpuSeconds)} | ${mb(size.ours.peakMb)} | ` +
        `${stock === null ? "–" : seconds(stock)} | ${size.stock ? cpu(size.stock.cpuSeconds) : "–"} | ${size.stock ? mb(size.stock.peakMb) : "–"} | ${stock === null ? "–" : ratio(ours, stock)} | ` +
        `${hugo === null ? "–" : seconds(hugo)} | ${size.hugo ? cpu(size.hugo.cpuSeconds) : "–"} | ${size.hugo ? mb(size.hugo.peakMb) : "–"} | ${hugo === null ? "–" : ratio(ours, hugo)} |`,
    );
  }
  const first = report.sizes[0];
  const last = report.sizes.at(-1);
  if (first && last && first !== last) {
    lines.push(
      "",
      `Scaling: ms per article at ${last.n} is ${ratio(msPerArticle(last), msPerArticle(first))}× that at ${first.n}.`,
    );
  }
  if (report.dev) {
    lines.push(
      "",
      `Dev server at ${report.dev.n} articles: first page served ${seconds(report.dev.startupMs)} s after start; ` +
        `after a headline edit, the article's page updated in ${seconds(median(report.dev.editMs))} s (median of ${report.dev.editMs.length} edits: ` +
        `${report.dev.editMs.map(seconds).join(", ")} s)` +
        (report.dev.textEditMs && report.dev.textEditMs.length > 0
          ? `; after a body-text edit, in ${seconds(median(report.dev.textEditMs))} s (median of ${report.dev.textEditMs.length}: ` +
            `${report.dev.textEditMs.map(seconds).join(", ")} s).`
          : "."),
    );
  }
  if (report.notes.length > 0) lines.push("", ...report.notes.map((note) => `- ${note}`));
  lines.push("", "![Build time against the number of articles](build-time.svg)", "");
  return lines.join("\n");
}

import { describe, expect, it } from "vitest";
import { chartSeries, resultsMarkdown, type ToolRuns, withResults } from "../../../scripts/bench/report.ts";

const runs = (wallMs: number[], peakMb: (number | null)[] = wallMs.map(() => null)): ToolRuns => ({
  wallMs,
  peakMb,
  cpuSeconds: wallMs.map(() => null),
});

describe("resultsMarkdown", () => {
  const markdown = resultsMarkdown({
    command: "npm run bench",
    date: "2024-01-01 00:00 UTC",
    machine: "2 × CPU",
    noise: "Load average 1.00.",
    sizes: [
      {
        n: 1000,
        fresh: runs([6000, 5000, 7000], [300, 310, 320]),
        warm: runs([3000, 2000, 4000], [200, 210, 220]),
        bodyEdit: runs([600, 500, 700]),
        headlineEdit: runs([900]),
        stock: runs([4000], [150]),
        hugo: null,
      },
      {
        n: 4000,
        fresh: runs([20000], [400]),
        warm: runs([12000]),
        bodyEdit: runs([1200]),
        headlineEdit: runs([2500]),
        stock: null,
        hugo: runs([4000], [300]),
      },
    ],
    seed: { rebuild: runs([700, 800, 900]), clean: runs([1100]) },
    dev: { n: 4000, startupMs: 9000, editMs: [400, 900, 600], textEditMs: [100, 300, 200] },
    notes: [],
  });
  const row = (n: number) =>
    markdown
      .split("\n")
      .find((line) => line.startsWith(`| ${n} |`))
      ?.split("|")
      .map((c) => c.trim())
      .slice(1, -1);

  it("reports medians with their spread, memory and ratios", () => {
    expect(row(1000)).toEqual([
      "1000",
      "6.00 [5.00–7.00]",
      "310",
      "3.00 [2.00–4.00]",
      "210",
      "4.00 [4.00–4.00]",
      "150",
      "0.75",
      "–",
      "–",
      "0.60 [0.50–0.70]",
      "0.90 [0.90–0.90]",
      "–",
      "3.00",
      "–",
    ]);
    expect(row(4000)?.slice(8)).toEqual([
      "4.00 [4.00–4.00]",
      "300",
      "1.20 [1.20–1.20]",
      "2.50 [2.50–2.50]",
      "0.30",
      "3.00",
      "3.00",
    ]);
  });

  it("holds the results to the goals and says which are met", () => {
    const goal = (text: string) => markdown.split("\n").find((line) => line.startsWith(`| ${text}`));
    expect(goal("body edit → build finished ≤ 1.5 s at 4000")).toBe(
      "| body edit → build finished ≤ 1.5 s at 4000 | 1.20 s | yes |",
    );
    expect(goal("… and ≤ 0.5 × Hugo")).toBe("| … and ≤ 0.5 × Hugo's full build | 0.30 × | yes |");
    expect(goal("fresh machine ≤ 2 × the warm")).toBe(
      "| fresh machine ≤ 2 × the warm clean build at 4000 | 1.67 × | yes |",
    );
    expect(goal("linear:")).toBe("| linear: ms per article at 4000 ≤ 1.2 × that at 1000 | 1.00 × | yes |");
    expect(goal("the seed site")).toBe("| the seed site: npm run build ≤ 1.0 s | 0.80 s | yes |");
  });

  it("states the real site's build and the preview's edit time", () => {
    expect(markdown).toContain("`npm run build` with nothing changed 0.80 [0.70–0.90] s");
    expect(markdown).toContain("after a headline edit, the article's page updated in 0.60 s (median of 3 edits");
    expect(markdown).toContain("after a body-text edit, in 0.20 s (median of 3");
  });
});

describe("resultsMarkdown at archive sizes", () => {
  const size = (n: number, warmMs: number, hugoMs: number, peak: number, bodyMs: number) => ({
    n,
    fresh: runs([warmMs * 2], [peak]),
    warm: runs([warmMs], [peak]),
    bodyEdit: runs([bodyMs]),
    headlineEdit: runs([bodyMs * 2]),
    stock: null,
    hugo: runs([hugoMs]),
  });
  const markdown = resultsMarkdown({
    command: "npm run bench",
    date: "2024-01-01 00:00 UTC",
    machine: "2 × CPU",
    noise: "",
    sizes: [
      size(5000, 5000, 4000, 400, 1000),
      size(50000, 55000, 60000, 1400, 2000),
      size(100000, 130000, 120000, 1600, 3000),
    ],
    seed: null,
    dev: null,
    notes: [],
  });
  const goal = (text: string) => markdown.split("\n").find((line) => line.startsWith(`| ${text}`));

  it("holds 50,000 and 100,000 articles to Hugo, memory per process and the edit times, and checks scaling from 5000", () => {
    expect(goal("warm clean build ≤ 1.0 × Hugo's full build at 50000")).toBe(
      "| warm clean build ≤ 1.0 × Hugo's full build at 50000 | 0.92 × | yes |",
    );
    expect(goal("no cache at all ≤ 3 × Hugo's full build at 50000")).toBe(
      "| no cache at all ≤ 3 × Hugo's full build at 50000 | 1.83 × | yes |",
    );
    expect(goal("warm clean build ≤ 1.5 GB in any one process at 50000")).toBe(
      "| warm clean build ≤ 1.5 GB in any one process at 50000 | 1400 MB | yes |",
    );
    expect(goal("body edit → build finished ≤ 2.5 s at 100000")).toBe(
      "| body edit → build finished ≤ 2.5 s at 100000 | 3.00 s | no |",
    );
    expect(goal("headline edit → build finished ≤ 5 s at 100000")).toBe(
      "| headline edit → build finished ≤ 5 s at 100000 | 6.00 s | no |",
    );
    expect(goal("warm clean build ≤ 1.5 GB in any one process at 100000")).toBe(
      "| warm clean build ≤ 1.5 GB in any one process at 100000 | 1600 MB | no |",
    );
    expect(goal("linear:")).toBe("| linear: ms per article at 100000 ≤ 1.2 × that at 5000 | 1.30 × | no |");
  });
});

describe("withResults", () => {
  it("replaces what stands between the markers, and adds them to a document without them", () => {
    const once = withResults("# Performance\n\nTexte.\n", "Tableau 1");
    expect(once).toMatch(/^# Performance\n\nTexte\.\n\n<!-- bench:start[^\n]*-->\nTableau 1\n<!-- bench:end -->\n$/);
    const twice = withResults(`${once}\nSuite.\n`, "Tableau 2");
    expect(twice).toContain("Tableau 2");
    expect(twice).not.toContain("Tableau 1");
    expect(twice.endsWith("<!-- bench:end -->\n\nSuite.\n")).toBe(true);
  });
});

describe("chartSeries", () => {
  // Stock Eleventy stops at --stock-max: the 50,000 run of the archive bench had no stock build,
  // and drawing the chart failed on it after 90 minutes of measurements.
  const size = (n: number, stock: ToolRuns | null, hugo: ToolRuns | null) => ({
    n,
    fresh: runs([4 * n]),
    warm: runs([2 * n]),
    bodyEdit: runs([n / 2]),
    headlineEdit: runs([n / 2]),
    stock,
    hugo,
  });
  const series = chartSeries({
    command: "npm run bench",
    date: "2024-01-01 00:00 UTC",
    machine: "2 × CPU",
    noise: "",
    sizes: [size(4000, runs([3000]), runs([1000])), size(50000, null, runs([60000]))],
    seed: null,
    dev: null,
    notes: [],
  });
  const named = (name: string) => series.find((line) => line.name === name);

  it("draws stock Eleventy only at the sizes it built", () => {
    expect(named("Eleventy de base")?.points).toEqual([{ n: 4000, seconds: 3 }]);
  });

  it("draws ours and Hugo at every size", () => {
    expect(named("ce site, à chaud")?.points.map((point) => point.n)).toEqual([4000, 50000]);
    expect(named("Hugo --minify")?.points).toEqual([
      { n: 4000, seconds: 1 },
      { n: 50000, seconds: 60 },
    ]);
  });

  it("leaves out a peer that built nothing", () => {
    const alone = chartSeries({
      command: "",
      date: "",
      machine: "",
      noise: "",
      sizes: [size(4000, null, null)],
      seed: null,
      dev: null,
      notes: [],
    });
    expect(alone.map((line) => line.name)).toEqual(["ce site, à chaud", "ce site, modif. du corps"]);
  });
});

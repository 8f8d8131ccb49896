import { describe, expect, it } from "vitest";
import { resultsMarkdown } from "../../../scripts/bench/report.ts";

describe("resultsMarkdown", () => {
  const markdown = resultsMarkdown({
    command: "npm run bench",
    date: "2024-01-01 00:00 UTC",
    machine: "2 × CPU",
    noise: "Load average 1.00.",
    sizes: [
      {
        n: 1000,
        ours: { wallMs: [3000, 2000, 4000], peakMb: [200, 210, 220], cpuSeconds: [5, 5, 5] },
        stock: { wallMs: [4000], peakMb: [150], cpuSeconds: [4] },
        hugo: null,
      },
      {
        n: 4000,
        ours: { wallMs: [12000], peakMb: [null], cpuSeconds: [null] },
        stock: null,
        hugo: { wallMs: [4000], peakMb: [300], cpuSeconds: [6] },
      },
    ],
    dev: { n: 4000, startupMs: 9000, editMs: [400, 900, 600], textEditMs: [100, 300, 200] },
    notes: [],
  });
  const row = (n: number) =>
    markdown
      .split("\n")
      .find((line) => line.startsWith(`| ${n} |`))
      ?.split("|")
      .map((c) => c.trim());

  it("reports medians with their spread, ms per article and ratios", () => {
    expect(row(1000)?.slice(1, 10)).toEqual([
      "1000",
      "3.00 [2.00–4.00]",
      "3.00",
      "5.0",
      "210",
      "4.00",
      "4.0",
      "150",
      "0.75",
    ]);
    expect(row(4000)?.slice(1, 14)).toEqual([
      "4000",
      "12.00 [12.00–12.00]",
      "3.00",
      "n/a",
      "n/a",
      "–",
      "–",
      "–",
      "–",
      "4.00",
      "6.0",
      "300",
      "3.00",
    ]);
  });

  it("states the scaling and the dev server's edit time", () => {
    expect(markdown).toContain("ms per article at 4000 is 1.00× that at 1000");
    expect(markdown).toContain("after a headline edit, the article's page updated in 0.60 s (median of 3 edits");
    expect(markdown).toContain("after a body-text edit, in 0.20 s (median of 3");
  });
});

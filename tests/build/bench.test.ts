/** A smoke run of the benchmark (npm run bench) so it cannot rot; no timing is asserted. */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir, ROOT } from "../helpers/build.ts";

const results = makeTempDir("bench-results-");
afterAll(() => rmSync(results, { recursive: true, force: true }));

// Dozens of builds in one test: 27 s on a quiet machine, 125 s seen on a shared one.
describe("npm run bench", { timeout: 360_000 }, () => {
  it("builds 50 synthetic articles fresh, warm and after edits, and stock Eleventy, measures the photo work, and writes the table and chart", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/cli/bench.ts",
        "--sizes",
        "50",
        "--runs",
        "1",
        "--dev-size",
        "0",
        "--no-hugo",
        // One distinct photo: the smoke run stays short.
        "--photo-variants",
        "1",
        "--results",
        path.join(results, "performance.md"),
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("[bench] N=50 run 1/1: ours fresh");
    expect(run.stderr).toContain("[bench] N=50 edit 1/1: body");
    const table = readFileSync(path.join(results, "performance.md"), "utf8");
    // One article in three has a lead photo; its work is measured with an empty and a full cache.
    expect(table).toMatch(
      /Photos at 50 articles: 17 lead photos \(1 distinct 2400×1600 source, 13 files each\)\. Cold cache: [\d.]+ s per photo made .*; warm cache: [\d.]+ ms per photo/,
    );
    const row = table.split("\n").find((line) => line.startsWith("| 50 |"));
    const cells = row?.split("|").map((cell) => cell.trim()) ?? [];
    // Ours fresh and warm, stock Eleventy with a ratio (Hugo was turned off), both edits.
    expect(cells[8]).toMatch(/^\d+\.\d\d$/);
    expect(cells[11]).toMatch(/^\d+\.\d\d \[/);
    expect(cells[12]).toMatch(/^\d+\.\d\d \[/);
    expect(table).toContain("| the seed site: npm run build ≤ 1.0 s |");
    const svg = parseHTML(readFileSync(path.join(results, "build-time.svg"), "utf8")).document;
    expect(svg.querySelectorAll("polyline")).toHaveLength(3);
  });
});

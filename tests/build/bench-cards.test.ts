/** A smoke run of the card benchmark (scripts/cli/bench-cards.ts) so it cannot rot; no timing is asserted. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/build.ts";

describe("tsx scripts/cli/bench-cards.ts", () => {
  it("draws the cards with every candidate and finds the same bytes in every round", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/cli/bench-cards.ts", "--count", "4", "--rounds", "2"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.status, run.stderr).toBe(0);
    const rows = run.stdout.split("\n").filter((line) => line.startsWith("| takumi"));
    expect(rows.map((row) => row.split("|")[1]?.trim())).toEqual([
      "takumi, 1 in flight",
      "takumi, 2 in flight",
      "takumi, 4 in flight",
      "takumi, from a warm cache",
    ]);
    for (const row of rows) expect(row.split("|").map((cell) => cell.trim())[5]).toBe("yes");
    expect(run.stdout).toContain("takumi drew the same bytes at every concurrency.");
  });
});

import { rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countByKind, formatBuildSummary } from "../../scripts/publish/summary.ts";
import { makeTempDir, ROOT, runBuild } from "../helpers/build.ts";

const outputs = (...inputs: string[]) => inputs.map((inputPath) => ({ inputPath: `./src/${inputPath}` }));

describe("formatBuildSummary", () => {
  it("counts pages by kind, home, sections and articles first, then the rest by name", () => {
    const counted = countByKind(
      outputs("article.njk", "feed.njk", "index.njk", "article.njk", "section.njk", "404.njk"),
    );
    expect([...counted]).toEqual([
      ["index", 1],
      ["section", 1],
      ["article", 2],
      ["404", 1],
      ["feed", 1],
    ]);
  });

  it("says how many pages were rendered, and why all of them when they all were", () => {
    const base = { outDir: "dist", outputs: outputs("article.njk"), files: 3, warnings: 0, seconds: 1 };
    expect(formatBuildSummary({ ...base, rendered: { pages: 1, of: 3 } })).toContain(
      "; rebuilt 1 of 3 pages; no warnings",
    );
    expect(formatBuildSummary({ ...base, rendered: { pages: 3, of: 3, cleanBecause: "--clean" } })).toContain(
      "; rendered all 3 pages (--clean); no warnings",
    );
  });

  it("reads as one line with counts, files, warnings and time", () => {
    const line = formatBuildSummary({
      outDir: "dist",
      outputs: outputs("index.njk", "article.njk", "article.njk", "sitemap.njk"),
      files: 7,
      warnings: 1,
      seconds: 2.314,
    });
    expect(line).toBe("Built dist/ in 2.31 s: 1 home, 2 article pages, 1 sitemap (7 files); 1 warning (above)");
    expect(formatBuildSummary({ outDir: "d", outputs: [], files: 0, warnings: 0, seconds: 0 })).toContain(
      "no warnings",
    );
  });

  it("ends with the articles scheduled for later and when the next is due", () => {
    const summary = { outDir: "dist", outputs: outputs("article.njk"), files: 1, warnings: 0, seconds: 1 };
    expect(
      formatBuildSummary({ ...summary, scheduled: ["2024-03-08T09:00:00+01:00", "2024-03-09T09:00:00+01:00"] }),
    ).toBe(
      "Built dist/ in 1.00 s: 1 article page (1 files); no warnings; 2 articles scheduled, the next at 2024-03-08T09:00:00+01:00",
    );
    expect(formatBuildSummary({ ...summary, scheduled: ["2024-03-08T09:00:00+01:00"] })).toMatch(
      /; 1 article scheduled, the next at 2024-03-08T09:00:00\+01:00$/,
    );
    expect(formatBuildSummary({ ...summary, scheduled: [] })).toMatch(/no warnings$/);
  });

  it("names the new kinds of page", () => {
    expect(
      formatBuildSummary({
        outDir: "dist",
        outputs: outputs("author.njk", "author.njk", "authors.njk", "trust-pages.njk"),
        files: 4,
        warnings: 0,
        seconds: 1,
      }),
    ).toContain(": 2 author pages, 1 author index, 1 page about the publisher (4 files)");
  });
});

describe("the build's summary", () => {
  it("is printed by a build, and --quiet silences it", () => {
    const fixture = path.join(ROOT, "tests/fixtures/newsroom");
    const args = ["--articles", path.join(fixture, "articles"), "--data", path.join(fixture, "data")];
    const dir = makeTempDir();
    const out = path.join(dir, "dist");
    const run = runBuild(["--out", out, ...args]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Built .*dist\/ in \d+\.\d\d s: (1 home|\d+ home pages), 3 section pages, 7 article pages, (.+, )?1 404, (.+, )?1 stylesheet\b.* \(\d+ files\); rendered all \d+ pages \(no manifest of a previous build\); no warnings\n$/,
    );
    // The same sources again: every page is kept from the first build.
    expect(runBuild(["--out", out, ...args]).stdout).toMatch(/\(\d+ files\); rebuilt 0 of (\d+) pages; no warnings\n$/);
    const quiet = runBuild(["--quiet", "--out", out, ...args]);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe("");
    rmSync(dir, { recursive: true, force: true });
  });
});

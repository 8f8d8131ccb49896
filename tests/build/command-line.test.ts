/**
 * Every command, given a careless command line (an unknown option, an option without its value,
 * a stray argument, a number that is not one, a folder that is not there), says what is wrong in
 * one line followed by its usage, exits 2 and writes nothing; `--help` prints the usage and exits 0.
 * Never a stack trace.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir, ROOT, runBuild } from "../helpers/build.ts";
import { runCli } from "../helpers/cli.ts";

const STACK_LINE = /^\s+at /m;

/** [command, its arguments, how the first line starts]. */
const MISTAKES: [string, string[], string][] = [
  ["build.ts", ["--bogus"], "Unknown option '--bogus'"],
  // The build takes folders only after --merge.
  ["build.ts", ["dist"], 'unexpected argument "dist"'],
  ["build.ts", ["--out"], "Option '--out <value>' argument missing"],
  ["serve.ts", ["--prot", "8081"], "Unknown option '--prot'"],
  ["cms.ts", ["--port", "huit"], '--port "huit": is not a port; expected a number from 0 (any free port) to 65535'],
  ["cms.ts", ["--host", "0.0.0.0"], "Unknown option '--host'"],
  ["check-links.ts", ["dist", "dist2"], 'unexpected argument "dist2"'],
  [
    "check-links.ts",
    ["tests/nulle-part"],
    "tests/nulle-part: is not a folder; expected a built site (npm run build writes dist/)",
  ],
  ["new.ts", ["--titre", "Un titre"], "Unknown option '--titre'"],
  ["import.ts", ["--bogus"], "Unknown option '--bogus'"],
  ["bench.ts", ["--runs", "trois"], '--runs: "trois" is not a whole number of at least 1'],
  ["bench.ts", ["--sizes", "1000,-5"], '--sizes: "-5" is not a whole number of at least 1'],
  ["bench-cards.ts", ["--count", "0"], '--count: "0" is not a whole number of at least 1'],
  ["bench-cms.ts", ["--count", "0"], '--count: "0" is not a whole number of at least 1'],
  ["bench-photos.ts", ["beaucoup"], 'articles: "beaucoup" is not a whole number of at least 1'],
];

describe("a careless command line", () => {
  const before = readdirSync(ROOT).sort();

  it.each(MISTAKES)("%s %j: one line, the usage, exit 2", (script, args, first) => {
    const run = runCli(script, args);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.status).toBe(2);
    const lines = run.stderr.split("\n");
    // node's own messages may say more ("To specify a positional argument starting with a '-'…").
    expect(lines[0]?.startsWith(first), lines[0]).toBe(true);
    expect(lines[1]).toBe("");
    expect(lines[2]).toMatch(/^Usage: /);
  });

  it.each([
    "build.ts",
    "serve.ts",
    "cms.ts",
    "check-links.ts",
    "new.ts",
    "import.ts",
    "bench.ts",
    "bench-cards.ts",
    "bench-cms.ts",
    "bench-photos.ts",
  ])("%s --help prints the usage and exits 0", (script) => {
    const run = runCli(script, ["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: /);
    expect(run.stderr).toBe("");
  });

  it("npm run build's own command (the compiled build) refuses the same way", () => {
    const run = runBuild(["--bogus"]);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]?.startsWith("Unknown option '--bogus'")).toBe(true);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it("npm run check:links -- DIR, as its usage line says, checks DIR", () => {
    const dir = makeTempDir("news-links-");
    try {
      writeFileSync(path.join(dir, "index.html"), '<!doctype html><title>x</title><a href="/">Accueil</a>');
      const run = spawnSync("npm", ["run", "--silent", "check:links", "--", dir], { cwd: ROOT, encoding: "utf8" });
      expect(run.stderr).toBe("");
      expect(run.stdout).toMatch(new RegExp(`^\\d+ links checked in ${dir}/, 0 broken\\n$`));
      expect(run.status).toBe(0);
      expect(runCli("check-links.ts", ["--help"]).stdout).toMatch(/^Usage: npm run check:links \[-- <folder>\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("left the project as it was", () => {
    expect(readdirSync(ROOT).sort()).toEqual(before);
  });
});

/**
 * Bad environment values, as a build sees them: one line per variable (what was found, what is
 * expected), no stack trace, exit status 1, and the previous dist/ untouched.
 */
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildSite, makeTempDir } from "../helpers/build.ts";
import { runBuildAsync } from "../helpers/spawn-build.ts";
import { hashTree } from "../helpers/tree.ts";

let good: BuiltSite;
let goodHashes: Record<string, string>;
beforeAll(() => {
  good = buildSite();
  goodHashes = hashTree(good.outDir);
});
afterAll(() => good?.cleanup());

/** A variable, its bad value, and the line the build prints for it. */
type BadVariable = readonly [name: string, value: string, line: string];

const SITE_URL: BadVariable = [
  "SITE_URL",
  "https://staging.example.fr/actu?x=1",
  'environment: SITE_URL: "https://staging.example.fr/actu?x=1" is not an http(s) origin; expected e.g. https://www.example.fr',
];
const PATH_PREFIX: BadVariable = [
  "PATH_PREFIX",
  "/../etc/",
  'environment: PATH_PREFIX: "/../etc/" is not a URL path; expected letters, digits, "-", "_", "." and "~" between slashes (e.g. /actu/)',
];
const SOURCE_DATE_EPOCH: BadVariable = [
  "SOURCE_DATE_EPOCH",
  "12345678901234567890",
  'environment: SOURCE_DATE_EPOCH: "12345678901234567890" is not a whole number of seconds since 1970-01-01T00:00:00Z; expected e.g. 1681819500, at most 253402300799 (the end of year 9999)',
];

async function badBuild(variables: BadVariable[]) {
  const dir = makeTempDir("news-env-");
  try {
    const out = path.join(dir, "dist");
    cpSync(good.outDir, out, { recursive: true });
    const env = Object.fromEntries(variables.map(([name, value]) => [name, value]));
    const run = await runBuildAsync(["--out", out], env);
    return { run, hashes: hashTree(out) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("bad environment values", () => {
  it.concurrent.each([SITE_URL, PATH_PREFIX, SOURCE_DATE_EPOCH])(
    "%s=%j: one line, exit 1, dist/ kept",
    async (...variable) => {
      const { run, hashes } = await badBuild([variable]);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(`Build failed: 1 problem(s). Nothing was published.\n${variable[2]}\n`);
      expect(run.stdout).toBe("");
      expect(hashes).toEqual(goodHashes);
    },
  );

  it("reports all three bad values together", async () => {
    const { run, hashes } = await badBuild([SITE_URL, PATH_PREFIX, SOURCE_DATE_EPOCH]);
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n")).toEqual([
      "Build failed: 3 problem(s). Nothing was published.",
      SITE_URL[2],
      PATH_PREFIX[2],
      SOURCE_DATE_EPOCH[2],
      "",
    ]);
    expect(hashes).toEqual(goodHashes);
  });
});

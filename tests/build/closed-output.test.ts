/**
 * A closed standard output (`npm run build | head -0`, a CI log pipe that goes away) never decides
 * the build's result: the exit status says whether the site was published, and the site is
 * either the new one (status 0) or the previous one untouched (status 1).
 */
import { spawn } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_COMMAND, makeTempDir, ROOT } from "../helpers/build.ts";
import { hashTree } from "../helpers/tree.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");

let dir: string;
beforeAll(() => {
  dir = makeTempDir("news-closed-output-");
  cpSync(FIXTURE, dir, { recursive: true });
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the build with output streams piped to readers that go away at once; resolves with its exit status. */
function buildWithClosedOutput(out: string, closed: ("stdout" | "stderr")[]): Promise<number | null> {
  const child = spawn(
    process.execPath,
    [...BUILD_COMMAND, "--out", out, "--articles", path.join(dir, "articles"), "--data", path.join(dir, "data")],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  for (const name of ["stdout", "stderr"] as const) {
    if (closed.includes(name)) child[name].destroy();
    else child[name].resume();
  }
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve(status));
  });
}

describe("a build whose output nobody reads", () => {
  it("publishes and exits 0 with stdout closed; fails with 1 and leaves that site untouched with both closed", async () => {
    const out = path.join(dir, "dist");
    // The summary line goes to stdout after the swap: where EPIPE used to end the build.
    expect(await buildWithClosedOutput(out, ["stdout"])).toBe(0);
    expect(readFileSync(path.join(out, "culture", "festival-d-avignon", "index.html"), "utf8")).toContain("<h1");

    const published = hashTree(out);
    writeFileSync(path.join(dir, "articles", "culture", "2024-03-09-casse.md"), "---\ntittle: x\n---\n");
    expect(await buildWithClosedOutput(out, ["stdout", "stderr"])).toBe(1);
    expect(hashTree(out)).toEqual(published);
  });
});

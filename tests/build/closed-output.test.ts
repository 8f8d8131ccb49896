/**
 * A closed standard output (`npm run build | head -0`, a CI log pipe that goes away) never decides
 * the build's result: the exit status says whether the site was published, and the site is
 * either the new one (status 0) or the previous one untouched (status 1).
 */
import { spawn } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_COMMAND, type BuiltSite, buildSite, makeTempDir, ROOT } from "../helpers/build.ts";
import { hashTree } from "../helpers/tree.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");

let dir: string;
let previous: BuiltSite;
beforeAll(() => {
  dir = makeTempDir("news-closed-output-");
  cpSync(FIXTURE, dir, { recursive: true });
  // The site as an earlier build left it: the seed article only.
  previous = buildSite();
});
afterAll(() => {
  previous?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the build with its output streams piped to readers that go away at once; resolves with its exit status. */
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

function copyOfPrevious(): string {
  const out = path.join(makeTempDir("news-closed-dist-"), "dist");
  cpSync(previous.outDir, out, { recursive: true });
  return out;
}

describe("a build whose output nobody reads", () => {
  it.each([[["stdout"]], [["stdout", "stderr"]]] as ("stdout" | "stderr")[][][])(
    "publishes and exits 0 with %j closed",
    async (closed) => {
      const out = copyOfPrevious();
      try {
        expect(await buildWithClosedOutput(out, closed)).toBe(0);
        // The newsroom's site replaced the seed's.
        expect(readFileSync(path.join(out, "culture", "festival-d-avignon", "index.html"), "utf8")).toContain("<h1");
      } finally {
        rmSync(path.dirname(out), { recursive: true, force: true });
      }
    },
  );

  it("exits 1 and leaves the previous site untouched when the build fails, with both streams closed", async () => {
    const out = copyOfPrevious();
    const before = hashTree(out);
    const broken = path.join(dir, "articles", "culture", "2024-03-09-casse.md");
    writeFileSync(broken, "---\ntittle: x\n---\n");
    try {
      expect(await buildWithClosedOutput(out, ["stdout", "stderr"])).toBe(1);
      expect(hashTree(out)).toEqual(before);
    } finally {
      rmSync(broken, { force: true });
      rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});

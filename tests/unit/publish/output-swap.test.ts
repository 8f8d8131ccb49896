import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OUTPUT_MARKER } from "../../../scripts/publish/output-folder.ts";
import {
  previousDir,
  recoverInterruptedSwap,
  stagingDir,
  swapFoldersProblems,
  swapIntoPlace,
  takeStaging,
} from "../../../scripts/publish/output-swap.ts";
import { makeTempDir } from "../../helpers/build.ts";

let dir: string;
let out: string;
beforeEach(() => {
  dir = makeTempDir("news-swap-");
  out = path.join(dir, "dist");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function site(folder: string, text: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "index.html"), text);
}
const page = (folder: string) => readFileSync(path.join(folder, "index.html"), "utf8");

describe("swapIntoPlace", () => {
  it("replaces the output with the staging folder and keeps the old output as the previous one", () => {
    site(out, "old");
    site(stagingDir(out), "new");
    swapIntoPlace(stagingDir(out), out);
    expect(page(out)).toBe("new");
    expect(page(previousDir(out))).toBe("old");
    expect(readdirSync(dir).sort()).toEqual(["dist", "dist.previous"]);
  });

  it("works for a first build, without previous output", () => {
    site(stagingDir(out), "new");
    swapIntoPlace(stagingDir(out), out);
    expect(page(out)).toBe("new");
  });
});

describe("recoverInterruptedSwap", () => {
  it("puts the last good site back when a build died between its two renames", () => {
    site(previousDir(out), "good");
    site(stagingDir(out, 999_999), "half");
    recoverInterruptedSwap(out);
    expect(page(out)).toBe("good");
    // The half-made staging folder is the next build's previous output (checked file by file).
    expect(readdirSync(dir).sort()).toEqual(["dist", "dist.previous"]);
  });

  it("keeps the new site and the previous one after a finished swap", () => {
    site(out, "new");
    site(previousDir(out), "old");
    recoverInterruptedSwap(out);
    expect(page(out)).toBe("new");
    expect(page(previousDir(out))).toBe("old");
  });

  it("keeps a staging folder left by a killed build as the previous output when there is none, else removes it", () => {
    site(out, "good");
    site(stagingDir(out, 4242), "half");
    recoverInterruptedSwap(out);
    expect(page(out)).toBe("good");
    expect(page(previousDir(out))).toBe("half");
    site(stagingDir(out, 4343), "other");
    recoverInterruptedSwap(out);
    expect(readdirSync(dir).sort()).toEqual(["dist", "dist.previous"]);
    expect(page(previousDir(out))).toBe("half");
  });

  it("leaves unrelated folders alone", () => {
    site(path.join(dir, "dist-old"), "mine");
    site(path.join(dir, "distribution.staging"), "mine");
    recoverInterruptedSwap(out);
    expect(readdirSync(dir).sort()).toEqual(["dist-old", "distribution.staging"]);
  });
});

describe("takeStaging", () => {
  it("marks the staging folder from the start, so that a killed build leaves a folder the next one recognises", () => {
    const staging = takeStaging(out);
    expect(readdirSync(staging)).toEqual([OUTPUT_MARKER]);
    expect(swapFoldersProblems(out)).toEqual([]);
  });

  it("recognises a staging folder whose build was killed before its marker was in place", () => {
    // takeStaging writes the marker aside, then renames it: a build killed in between leaves the
    // partial file alone in a new folder (a merge killed at that moment, tests/build/shards.test.ts).
    for (const text of [
      "",
      "This folder was written by news-build",
      readFileSync(path.join(takeStaging(out), OUTPUT_MARKER), "utf8"),
    ]) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(stagingDir(out, 4242), { recursive: true });
      writeFileSync(path.join(stagingDir(out, 4242), `${OUTPUT_MARKER}.4242.tmp`), text);
      expect(swapFoldersProblems(out)).toEqual([]);
    }
    // Anything else in it, or another text, and it is someone's folder.
    writeFileSync(path.join(stagingDir(out, 4242), `${OUTPUT_MARKER}.4242.tmp`), "mes notes");
    expect(swapFoldersProblems(out)).toHaveLength(1);
    writeFileSync(path.join(stagingDir(out, 4242), `${OUTPUT_MARKER}.4242.tmp`), "");
    writeFileSync(path.join(stagingDir(out, 4242), "notes.txt"), "mine");
    expect(swapFoldersProblems(out)).toHaveLength(1);
  });
});

describe("swapFoldersProblems", () => {
  /** Someone's folder of notes, beside the output. */
  function notes(): string {
    const folder = path.join(dir, "notes");
    site(folder, "mine");
    return folder;
  }

  it("accepts nothing, and the folders builds leave (marked, or empty)", () => {
    expect(swapFoldersProblems(out)).toEqual([]);
    mkdirSync(previousDir(out));
    mkdirSync(stagingDir(out, 4242));
    writeFileSync(path.join(stagingDir(out, 4242), OUTPUT_MARKER), "");
    expect(swapFoldersProblems(out)).toEqual([]);
  });

  it.each([
    ["a link to someone's folder", (at: string) => symlinkSync(notes(), at), /is a symbolic link to .*notes$/],
    ["a link leading nowhere", (at: string) => symlinkSync(path.join(dir, "absent"), at), /which leads nowhere/],
    ["a file", (at: string) => writeFileSync(at, "mine"), /is a file/],
    ["someone's folder", (at: string) => site(at, "mine"), /is a folder no build wrote \(it has 1 entries/],
  ])("refuses %s as the previous output or a staging folder, in one line each", (_what, make, found) => {
    make(previousDir(out));
    make(stagingDir(out, 4242));
    const problems = swapFoldersProblems(out);
    expect(problems).toHaveLength(2);
    const [previous, staging] = problems;
    expect(previous).toMatch(/^the previous output ".*dist\.previous": /);
    expect(staging).toMatch(/^a staging folder ".*dist\.staging-4242": /);
    for (const line of problems) {
      expect(line.split("; ")[0]).toMatch(found);
      expect(line).toMatch(/; nothing was written$/);
      expect(line).not.toContain("\n");
    }
  });

  it("leaves folders whose names only look like the build's alone", () => {
    site(path.join(dir, "dist.previous-old"), "mine");
    site(path.join(dir, "distribution.staging-1"), "mine");
    expect(swapFoldersProblems(out)).toEqual([]);
  });
});

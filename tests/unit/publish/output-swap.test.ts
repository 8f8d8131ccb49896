import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  previousDir,
  recoverInterruptedSwap,
  stagingDir,
  swapIntoPlace,
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

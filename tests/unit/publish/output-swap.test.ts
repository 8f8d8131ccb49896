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
  it("replaces the output with the staging folder and leaves nothing else", () => {
    site(out, "old");
    site(stagingDir(out), "new");
    swapIntoPlace(stagingDir(out), out);
    expect(page(out)).toBe("new");
    expect(readdirSync(dir)).toEqual(["dist"]);
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
    expect(readdirSync(dir)).toEqual(["dist"]);
  });

  it("keeps the new site when a build died after swapping, before cleaning up", () => {
    site(out, "new");
    site(previousDir(out), "old");
    recoverInterruptedSwap(out);
    expect(page(out)).toBe("new");
    expect(readdirSync(dir)).toEqual(["dist"]);
  });

  it("removes a staging folder left by a killed build and leaves the output alone", () => {
    site(out, "good");
    site(stagingDir(out, 4242), "half");
    recoverInterruptedSwap(out);
    expect(page(out)).toBe("good");
    expect(readdirSync(dir)).toEqual(["dist"]);
  });

  it("leaves unrelated folders alone", () => {
    site(path.join(dir, "dist-old"), "mine");
    site(path.join(dir, "distribution.staging"), "mine");
    recoverInterruptedSwap(out);
    expect(readdirSync(dir).sort()).toEqual(["dist-old", "distribution.staging"]);
  });
});

import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FolderWatch, watchFolders } from "../../../scripts/publish/folder-watch.ts";
import { makeTempDir } from "../../helpers/build.ts";

let dir: string;
let watching: FolderWatch | undefined;
let reports: string[][];

/** Resolves with the next report (the watcher batches a burst of events into one). */
function nextReport(): Promise<string[]> {
  const seen = reports.length;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (reports.length > seen) {
        clearInterval(poll);
        resolve(reports[seen] as string[]);
      } else if (Date.now() - started > 10_000) {
        clearInterval(poll);
        reject(new Error("no change reported"));
      }
    }, 10);
  });
}
// Lets the system deliver events for what happened before, so they do not leak into the next report.
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

beforeEach(() => {
  dir = makeTempDir("news-folder-watch-");
  mkdirSync(path.join(dir, "culture"));
  writeFileSync(path.join(dir, "culture/a.md"), "a");
  reports = [];
  watching = watchFolders([dir], (files) => reports.push(files), { quietMs: 20 });
});
afterEach(() => {
  watching?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("watchFolders", () => {
  it("reports a saved file in a subfolder, once for a burst of writes", async () => {
    const file = path.join(dir, "culture/a.md");
    const report = nextReport();
    writeFileSync(file, "b");
    writeFileSync(file, "bc");
    expect(await report).toEqual([file]);
  });

  it("reports new, renamed and removed files", async () => {
    const report = nextReport();
    writeFileSync(path.join(dir, "culture/b.md"), "b");
    renameSync(path.join(dir, "culture/a.md"), path.join(dir, "culture/c.md"));
    expect(await report).toEqual(
      expect.arrayContaining([
        path.join(dir, "culture/a.md"),
        path.join(dir, "culture/b.md"),
        path.join(dir, "culture/c.md"),
      ]),
    );
    await settle();
    const removal = nextReport();
    rmSync(path.join(dir, "culture/b.md"));
    expect(await removal).toEqual([path.join(dir, "culture/b.md")]);
  });

  it("watches a folder created after it started, with the files it came with", async () => {
    const staged = makeTempDir("news-folder-watch-staged-");
    try {
      writeFileSync(path.join(staged, "x.md"), "x");
      const arrival = nextReport();
      renameSync(staged, path.join(dir, "sciences"));
      expect(await arrival).toContain(path.join(dir, "sciences/x.md"));
    } finally {
      rmSync(staged, { recursive: true, force: true });
    }
    await settle();
    const save = nextReport();
    writeFileSync(path.join(dir, "sciences/x.md"), "y");
    expect(await save).toEqual([path.join(dir, "sciences/x.md")]);
  });

  it("reports nothing once closed", async () => {
    watching?.close();
    writeFileSync(path.join(dir, "culture/a.md"), "b");
    await settle();
    expect(reports).toEqual([]);
  });
});

describe("watchFolders, given links", () => {
  it("survives a link to a parent folder and a link to itself, reports them, and goes on watching", async () => {
    const errors: unknown[] = [];
    watching?.close();
    watching = watchFolders([dir], (files) => reports.push(files), { quietMs: 20, onError: (e) => errors.push(e) });
    const loop = nextReport();
    symlinkSync("..", path.join(dir, "culture/loop"));
    symlinkSync("self.md", path.join(dir, "culture/self.md"));
    expect(await loop).toEqual(
      expect.arrayContaining([path.join(dir, "culture/loop"), path.join(dir, "culture/self.md")]),
    );
    await settle();
    const save = nextReport();
    writeFileSync(path.join(dir, "culture/a.md"), "still watched");
    expect(await save).toEqual([path.join(dir, "culture/a.md")]);
    expect(errors).toEqual([]);
  });

  it("follows a link to a folder elsewhere once, and a loop inside it ends", async () => {
    const elsewhere = makeTempDir("news-folder-watch-elsewhere-");
    try {
      mkdirSync(path.join(elsewhere, "deep"));
      symlinkSync(elsewhere, path.join(elsewhere, "deep/back"));
      writeFileSync(path.join(elsewhere, "x.md"), "x");
      const arrival = nextReport();
      symlinkSync(elsewhere, path.join(dir, "linked"));
      const files = await arrival;
      expect(files).toContain(path.join(dir, "linked/x.md"));
      // Each real folder once: no linked/deep/back/deep/back/….
      expect(files.every((file) => file.split("back").length <= 2)).toBe(true);
      await settle();
      const save = nextReport();
      writeFileSync(path.join(elsewhere, "x.md"), "y");
      expect(await save).toEqual([path.join(dir, "linked/x.md")]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

/** The real renderer: PNG size, identical bytes on every run, and the on-disk cache. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { imageJobs } from "../../../scripts/output/social-card.ts";
import { renderImages } from "../../../scripts/publish/render-images.ts";
import { makeArticle, publisher } from "../../helpers/articles.ts";
import { makeTempDir } from "../../helpers/build.ts";

const dir = makeTempDir("render-images-");
afterAll(async () => (await import("node:fs")).rmSync(dir, { recursive: true, force: true }));

/** Width and height from the PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("renderImages", () => {
  const jobs = imageJobs([makeArticle({ title: "À Moscou, « une coopération » – Łódź" })], publisher);

  it("draws each image once, then serves identical bytes from the cache", async () => {
    const cache = path.join(dir, "cache");
    const first = await renderImages(jobs, path.join(dir, "a"), cache);
    expect(first).toEqual({ images: 4, drawn: 4, cached: 0 });
    const second = await renderImages(jobs, path.join(dir, "b"), cache);
    expect(second).toEqual({ images: 4, drawn: 0, cached: 4 });
    const card = "international/un-titre/social.png";
    expect(pngSize(path.join(dir, "a", card))).toEqual({ width: 1200, height: 630 });
    expect(pngSize(path.join(dir, "a", "assets/logo.png"))).toEqual({ width: 600, height: 100 });
    // The organization's logo in JSON-LD: Google asks for at least 112×112 px.
    expect(pngSize(path.join(dir, "a", "assets/logo-square.png"))).toEqual({ width: 512, height: 512 });
    expect(readFileSync(path.join(dir, "b", card)).equals(readFileSync(path.join(dir, "a", card)))).toBe(true);
  });

  it("draws the same bytes without a cache", async () => {
    await renderImages(jobs, path.join(dir, "c"), path.join(dir, "other-cache"));
    const card = "international/un-titre/social.png";
    expect(readFileSync(path.join(dir, "c", card)).equals(readFileSync(path.join(dir, "a", card)))).toBe(true);
  });
});

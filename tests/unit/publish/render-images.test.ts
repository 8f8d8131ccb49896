/** The real renderer: PNG sizes, identical bytes on every draw, and the on-disk cache. */
import { readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CARD_SIZE, LOGO_PNG } from "../../../scripts/output/image-paths.ts";
import { imageJobs } from "../../../scripts/output/social-card.ts";
import {
  cacheKey,
  installedRenderer,
  rendererFingerprint,
  renderImages,
} from "../../../scripts/publish/render-images.ts";
import { makeArticle, publisher } from "../../helpers/articles.ts";
import { ROOT, useTempDir } from "../../helpers/build.ts";

const dir = useTempDir("render-images-");
const CARD = "international/un-titre/social.png";
const LOGO = LOGO_PNG.path.slice(1);

/** Width and height from the PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const read = (...parts: string[]) => readFileSync(path.join(dir(), ...parts));
const cacheFiles = (cache: string) => readdirSync(path.join(dir(), cache)).sort();

describe("renderImages", () => {
  const jobs = imageJobs([makeArticle({ title: "À Moscou, « une coopération » – Łódź" })], publisher);

  it("draws 1200×630 cards and the logo at its own size", async () => {
    await renderImages(jobs, path.join(dir(), "out"), path.join(dir(), "cache"));
    expect(pngSize(path.join(dir(), "out", CARD))).toEqual(CARD_SIZE);
    expect(pngSize(path.join(dir(), "out", "assets/social.png"))).toEqual(CARD_SIZE);
    expect(pngSize(path.join(dir(), "out", LOGO))).toEqual({ width: LOGO_PNG.width, height: LOGO_PNG.height });
    // The organization's logo in JSON-LD: Google asks for at least 112×112 px.
    expect(pngSize(path.join(dir(), "out", "assets/logo-square.png"))).toEqual({ width: 512, height: 512 });
  });

  it("draws the same bytes twice, each time from an empty cache", async () => {
    await renderImages(jobs, path.join(dir(), "a"), path.join(dir(), "cache-a"));
    await renderImages(jobs, path.join(dir(), "b"), path.join(dir(), "cache-b"));
    for (const file of [CARD, LOGO, "assets/social.png"]) expect(read("b", file).equals(read("a", file))).toBe(true);
    expect(cacheFiles("cache-b")).toEqual(cacheFiles("cache-a"));
  });

  it("draws each image once, then only what changed, and serves the rest from the cache", async () => {
    const cache = path.join(dir(), "cache");
    expect(await renderImages(jobs, path.join(dir(), "a"), cache)).toEqual({ images: 4, drawn: 4, cached: 0 });
    expect(await renderImages(jobs, path.join(dir(), "b"), cache)).toEqual({ images: 4, drawn: 0, cached: 4 });
    expect(read("b", CARD).equals(read("a", CARD))).toBe(true);
    const edited = imageJobs([makeArticle({ title: "Un autre titre" })], publisher);
    expect(await renderImages(edited, path.join(dir(), "c"), cache)).toEqual({ images: 4, drawn: 1, cached: 3 });
    expect(read("c", CARD).equals(read("a", CARD))).toBe(false);
    expect(read("c", LOGO).equals(read("a", LOGO))).toBe(true);
  });

  it("draws a damaged cache entry again and never publishes it", async () => {
    const cache = path.join(dir(), "cache");
    await renderImages(jobs, path.join(dir(), "a"), cache);
    const good = read("a", CARD);
    const entry = cacheFiles("cache").find((name) => read("cache", name).equals(good)) as string;
    // Cut short, as by a full disk or an interrupted copy of the cache between machines.
    truncateSync(path.join(cache, entry), good.length - 100);
    expect(await renderImages(jobs, path.join(dir(), "b"), cache)).toEqual({ images: 4, drawn: 1, cached: 3 });
    expect(read("b", CARD).equals(good)).toBe(true);
    expect(read("cache", entry).equals(good)).toBe(true);
    // Not a PNG at all, and an empty file.
    writeFileSync(path.join(cache, entry), "<html>not a picture</html>");
    expect(await renderImages(jobs, path.join(dir(), "c"), cache)).toEqual({ images: 4, drawn: 1, cached: 3 });
    expect(read("c", CARD).equals(good)).toBe(true);
    writeFileSync(path.join(cache, entry), "");
    expect(await renderImages(jobs, path.join(dir(), "d"), cache)).toEqual({ images: 4, drawn: 1, cached: 3 });
    expect(read("d", CARD).equals(good)).toBe(true);
  });
});

describe("renderImages, when the drawing fails", () => {
  it("rejects with what the renderer said, and places nothing", async () => {
    const broken = [{ image: { path: "/broken.png", width: 100, height: 100 }, tree: { type: "nonsense" } as never }];
    await expect(renderImages(broken, path.join(dir(), "out"), path.join(dir(), "cache"))).rejects.toThrow(
      /^drawing the images failed \(exit 1\): .*nonsense/,
    );
    expect(cacheFiles("cache")).toEqual([]);
    expect(() => read("out", "broken.png")).toThrow(/ENOENT/);
  });
});

describe("cache keys", () => {
  const [job] = imageJobs([], publisher);

  it("name the renderer, its installed version and the platform its binary is built for", () => {
    const { version } = JSON.parse(
      readFileSync(path.join(ROOT, "node_modules/@takumi-rs/core/package.json"), "utf8"),
    ) as { version: string };
    expect(installedRenderer()).toBe(`@takumi-rs/core@${version} ${process.platform}-${process.arch}`);
  });

  it("change with the renderer, its version and the fonts, so that no stale image is served", () => {
    const key = (renderer: string, font = new Uint8Array([1, 2, 3])) =>
      cacheKey(rendererFingerprint(renderer, [{ name: "Serif", weight: 700, data: font }]), job!);
    const keys = [
      key("@takumi-rs/core@2.16.3"),
      key("@takumi-rs/core@2.16.4"),
      key("satori@0.63.2"),
      key("@takumi-rs/core@2.16.3", new Uint8Array([1, 2, 4])),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(key("@takumi-rs/core@2.16.3")).toBe(keys[0]);
  });
});

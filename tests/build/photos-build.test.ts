/**
 * A site with photos, built for real: valid HTML, every file a page names is there, the files are
 * what the pages say (format, width, no metadata), search engines and sharing get their crops,
 * and the output is byte-identical from run to run, with or without the photo cache. An edit
 * that does not touch a photo encodes nothing.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { FileSystemConfigLoader, formatterFactory, HtmlValidate } from "html-validate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLinks } from "../../scripts/publish/check-links.ts";
import { makeTempDir, ROOT, readPage } from "../helpers/build.ts";
import { hasGpsTag } from "../helpers/photo-files.ts";
import { PHOTO_ARTICLE_PATH, SEED_FILE, writePhotoSite } from "../helpers/photo-site.ts";
import { runBuildAsync } from "../helpers/spawn-build.ts";
import { hashTree } from "../helpers/tree.ts";

const SOURCE_DATE_EPOCH = "1717200000";

let dir: string;
let sources: { articlesDir: string; dataDir: string };
/** Two cold builds, each with a cache of its own, then a warm one after an edit of text only. */
const out = { first: "", second: "", warm: "" };
const cache = (name: string) => path.join(dir, `cache-${name}`);
const build = async (name: keyof typeof out, cacheName: string) => {
  out[name] = path.join(dir, `dist-${name}`);
  const run = await runBuildAsync(
    ["--quiet", "--out", out[name], "--articles", sources.articlesDir, "--data", sources.dataDir],
    { SOURCE_DATE_EPOCH, IMAGE_CACHE_DIR: cache(cacheName) },
  );
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
};
const files = (dir: string, ext: string) =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(ext));

let cachedBefore: string[];
let cachedAfter: string[];
beforeAll(async () => {
  dir = makeTempDir("photo-build-");
  sources = await writePhotoSite(dir);
  await Promise.all([build("first", "a"), build("second", "b")]);
  cachedBefore = readdirSync(path.join(cache("a"), "photos")).sort();
  // An edit of the text of the article with photos: its page changes, no photo is made again.
  const seed = path.join(sources.articlesDir, SEED_FILE);
  writeFileSync(seed, `${readFileSync(seed, "utf8")}\nUn paragraphe ajouté.\n`);
  await build("warm", "a");
  cachedAfter = readdirSync(path.join(cache("a"), "photos")).sort();
}, 300_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a site with photos", () => {
  it("is valid HTML on every page", async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader({ extends: [path.join(ROOT, ".htmlvalidate.mjs")] }));
    const results = [];
    for (const page of files(out.first, ".html")) {
      results.push(...(await validator.validateFile(path.join(out.first, page))).results);
    }
    expect(formatterFactory("text")(results)).toBe("");
  });

  it("has no broken link, and every photo file a page names is there, as the page says", async () => {
    const report = await checkLinks(out.first);
    expect(report.broken.map((link) => `${link.url} on ${link.page}: ${link.reason}`)).toEqual([]);
    const named = new Map<string, { width?: number; type: string }>();
    for (const page of files(out.first, ".html")) {
      const document = readPage(out.first, `/${page}`);
      for (const source of document.querySelectorAll("picture source")) {
        for (const candidate of (source.getAttribute("srcset") ?? "").split(", ")) {
          const [url = "", width = ""] = candidate.split(" ");
          named.set(url, { width: Number.parseInt(width, 10), type: source.getAttribute("type") ?? "" });
        }
      }
      for (const img of document.querySelectorAll("picture img")) {
        named.set(img.getAttribute("src") ?? "", { type: "image/jpeg" });
        expect(Number(img.getAttribute("width"))).toBeGreaterThan(0);
        expect(Number(img.getAttribute("height"))).toBeGreaterThan(0);
      }
    }
    expect(named.size).toBeGreaterThan(20);
    for (const [url, { width, type }] of named) {
      const meta = await sharp(path.join(out.first, url)).metadata();
      expect(`image/${meta.format === "heif" ? "avif" : meta.format}`, url).toBe(type);
      if (width) expect(meta.width, url).toBe(width);
    }
  });

  it("publishes no metadata in any photo file: no EXIF, no GPS position, no XMP, no IPTC", async () => {
    const photos = files(path.join(out.first, "photos"), "");
    expect(photos.filter((file) => /\.(avif|webp|jpg)$/.test(file)).length).toBeGreaterThan(40);
    for (const file of photos.filter((name) => name.includes("."))) {
      const meta = await sharp(path.join(out.first, "photos", file)).metadata();
      expect([meta.exif, meta.xmp, meta.iptc, hasGpsTag(meta.exif)], file).toEqual([
        undefined,
        undefined,
        undefined,
        false,
      ]);
    }
  });

  it("gives search engines 16:9, 4:3 and 1:1 crops 1200 px wide, and sharing a 1200×630 one", async () => {
    const document = readPage(out.first, PHOTO_ARTICLE_PATH);
    const ld = JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? "{}");
    const sizes = [];
    for (const image of ld.image as { url: string; width: number; height: number }[]) {
      const meta = await sharp(path.join(out.first, new URL(image.url).pathname)).metadata();
      sizes.push([meta.width, meta.height, image.width, image.height]);
    }
    expect(sizes).toEqual([
      [1200, 675, 1200, 675],
      [1200, 900, 1200, 900],
      [1200, 1200, 1200, 1200],
    ]);
    const og = document.querySelector('meta[property="og:image"]')?.getAttribute("content") ?? "";
    const meta = await sharp(path.join(out.first, new URL(og).pathname)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1200, 630]);
    expect(document.querySelector('meta[name="twitter:image"]')?.getAttribute("content")).toBe(og);
    // An article with a lead photo is shared with it: no card is drawn for it.
    expect(files(path.join(out.first, PHOTO_ARTICLE_PATH), ".png")).toEqual([]);
  });

  it("lets search engines show large previews on every page but the 404 and the search page", () => {
    for (const page of files(out.first, ".html")) {
      const robots = readPage(out.first, `/${page}`).querySelector('meta[name="robots"]')?.getAttribute("content");
      const noindex = page === "404.html" || page === "recherche/index.html";
      expect(robots, page).toBe(noindex ? "noindex" : "max-image-preview:large");
    }
  });

  it("is byte-identical from run to run, whatever the photo cache held", () => {
    const first = hashTree(out.first);
    expect(Object.keys(first).filter((file) => file.startsWith("photos/")).length).toBeGreaterThan(40);
    expect(hashTree(out.second)).toEqual(first);
    const warm = hashTree(out.warm);
    const photos = (tree: Record<string, string>) =>
      Object.fromEntries(Object.entries(tree).filter(([file]) => file.startsWith("photos/")));
    expect(photos(warm)).toEqual(photos(first));
  });

  it("encodes no photo again after an edit that does not touch one", () => {
    expect(cachedBefore.length).toBeGreaterThan(40);
    expect(cachedAfter).toEqual(cachedBefore);
    expect(readFileSync(path.join(out.warm, PHOTO_ARTICLE_PATH, "index.html"), "utf8")).toContain(
      "Un paragraphe ajouté",
    );
  });
});

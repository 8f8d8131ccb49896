/** Real photo files made by eleventy-img and sharp, read back with sharp's metadata(). */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContentValidationError, formatProblem } from "../../../scripts/input/content-error.ts";
import { PhotoFiles } from "../../../scripts/input/images.ts";
import { type LeadPhoto, responsivePhoto } from "../../../scripts/input/responsive-photos.ts";
import { type PhotoJob, searchCrops, socialCrop } from "../../../scripts/output/photo-crops.ts";
import { decodeProblem, publishPhotos } from "../../../scripts/publish/photos.ts";
import { makeTempDir } from "../../helpers/build.ts";
import { CAMERA_EXIF, hasGpsTag, jpegClaiming, photoBytes, pngHeaderClaiming } from "../../helpers/photo-files.ts";

const dir = makeTempDir("publish-photos-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const article = path.join(dir, "articles/international/2024-03-01-sommet.md");
const source = path.join(dir, "articles/international/portrait.jpg");

/**
 * A portrait 1000 px wide and 1400 tall as shown, red above and blue below, stored on its side
 * (EXIF orientation 6) with a camera's EXIF and a GPS position.
 */
async function writePortrait(): Promise<void> {
  const [width, height] = [1000, 1400];
  const half = (background: string) =>
    sharp({ create: { width, height: height / 2, channels: 3, background } })
      .png()
      .toBuffer();
  const shown = await sharp({ create: { width, height, channels: 3, background: "#000" } })
    .composite([
      { input: await half("#d01010"), top: 0, left: 0 },
      { input: await half("#1010d0"), top: height / 2, left: 0 },
    ])
    .png()
    .toBuffer();
  const stored = await sharp(shown)
    .rotate(270)
    .withExif(CAMERA_EXIF)
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
  writeFileSync(source, stored);
}

let job: PhotoJob;
let photo: LeadPhoto;
beforeAll(async () => {
  mkdirSync(path.dirname(source), { recursive: true });
  await writePortrait();
  const found = new PhotoFiles().resolve(article, "international", "portrait.jpg");
  if (!found.ok) throw new Error(found.message);
  photo = {
    ...responsivePhoto(found.photo),
    base: found.photo.base,
    sourceWidth: found.photo.width,
    sourceHeight: found.photo.height,
    alt: "",
    caption: null,
    credit: "AFP",
    focus: { x: 0.5, y: 0 },
  };
  job = {
    file: source,
    article: "articles/international/2024-03-01-sommet.md",
    field: "image.src",
    renditions: [...photo.renditions, ...searchCrops(photo), socialCrop(photo)],
  };
});

const cache = path.join(dir, "cache");
const out = (name: string) => path.join(dir, name);
const fileOf = (outDir: string, urlPath: string) => path.join(outDir, urlPath);

describe("publishPhotos", () => {
  let first: Awaited<ReturnType<typeof publishPhotos>>;
  beforeAll(async () => {
    first = await publishPhotos([job], out("first"), cache);
  });

  it("makes every planned file, at its planned size and format", async () => {
    expect(first).toEqual({ sources: 1, files: job.renditions.length, made: job.renditions.length });
    expect(photo.renditions.map((r) => r.width)).toEqual([480, 800, 1000, 480, 800, 1000, 800]);
    for (const rendition of job.renditions) {
      const meta = await sharp(fileOf(out("first"), rendition.path)).metadata();
      expect([meta.format, meta.width, meta.height], rendition.path).toEqual([
        rendition.format === "avif" ? "heif" : rendition.format,
        rendition.width,
        rendition.height,
      ]);
    }
  });

  it("turns the photo as it is meant to be seen, and crops it there", async () => {
    // The 16:9 crop is taken at the top (focus y = 0): red, not the blue bottom, nor a side.
    const top = searchCrops(photo)[0]!;
    const { channels } = await sharp(fileOf(out("first"), top.path)).stats();
    const [red, , blue] = channels.map((channel) => channel.mean);
    expect(red).toBeGreaterThan(150);
    expect(blue).toBeLessThan(60);
  });

  it("strips every file of its metadata: no EXIF, no GPS position, no XMP or IPTC", async () => {
    const input = await sharp(source).metadata();
    expect(hasGpsTag(input.exif)).toBe(true);
    expect(input.exif?.includes(Buffer.from("Photographe Essai"))).toBe(true);
    for (const rendition of job.renditions) {
      const meta = await sharp(fileOf(out("first"), rendition.path)).metadata();
      expect([meta.exif, meta.xmp, meta.iptc, meta.orientation], rendition.path).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
    }
  });

  it("takes every file from the cache the second time, byte for byte, as a copy that shares nothing with it", async () => {
    const second = await publishPhotos([job], out("second"), cache);
    expect(second.made).toBe(0);
    const cached = new Set(
      readdirSync(path.join(cache, "photos")).map((name) => statSync(path.join(cache, "photos", name)).ino),
    );
    for (const rendition of job.renditions) {
      const [a, b] = [fileOf(out("first"), rendition.path), fileOf(out("second"), rendition.path)];
      expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
      expect(cached.has(statSync(a).ino) || cached.has(statSync(b).ino)).toBe(false);
    }
  });

  it("makes the same bytes again without a cache", async () => {
    const fresh = await publishPhotos([job], out("fresh"), path.join(dir, "other-cache"));
    expect(fresh.made).toBe(job.renditions.length);
    for (const rendition of job.renditions) {
      expect(
        readFileSync(fileOf(out("fresh"), rendition.path)).equals(readFileSync(fileOf(out("first"), rendition.path))),
      ).toBe(true);
    }
  });

  it("makes a changed source again: the cache is keyed by its bytes, not its name", async () => {
    const copy = path.join(dir, "articles/international/autre.jpg");
    writeFileSync(copy, await photoBytes(1000, 1400, { seed: 3 }));
    const changed = await publishPhotos([{ ...job, file: copy }], out("changed"), cache);
    expect(changed.made).toBe(job.renditions.length);
  });

  it("makes the files of two sources with the same bytes once, and places them for both", async () => {
    const copy = path.join(dir, "articles/culture/portrait.jpg");
    mkdirSync(path.dirname(copy), { recursive: true });
    writeFileSync(copy, readFileSync(source));
    const twin = {
      ...job,
      file: copy,
      renditions: job.renditions.map((r) => ({ ...r, path: r.path.replace("/international/", "/culture/") })),
    };
    const stats = await publishPhotos([job, twin], out("twins"), path.join(dir, "twins-cache"));
    expect(stats).toEqual({ sources: 2, files: 2 * job.renditions.length, made: job.renditions.length });
    for (const rendition of twin.renditions)
      expect(statSync(fileOf(out("twins"), rendition.path)).size).toBeGreaterThan(0);
  });

  it("reports a photo that cannot be decoded as a problem of the article that shows it", async () => {
    const broken = path.join(dir, "articles/international/coupee.jpg");
    const bytes = await photoBytes(1000, 1400, { seed: 4 });
    writeFileSync(broken, bytes.subarray(0, bytes.length / 2));
    const error = await publishPhotos([{ ...job, file: broken }], out("broken"), cache).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentValidationError);
    const lines = (error as ContentValidationError).problems.map(formatProblem);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^articles\/international\/2024-03-01-sommet\.md: image\.src: .*coupee\.jpg: its data ends before the 1000 × 1400 px its header announces \(.+\); expected a complete JPEG, PNG, WebP or AVIF photo, exported again$/,
    );
  });
});

describe("decodeProblem: photos whose header lies", () => {
  const photo = (name: string, bytes: Buffer) => {
    const file = path.join(dir, "lies", name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    return file;
  };

  it("refuses a JPEG whose header says 7000 × 7000 over the data of 1200 × 800", async () => {
    const file = photo("grand.jpg", await jpegClaiming(7000, { width: 1200, height: 800 }));
    expect(await decodeProblem(file)).toMatch(
      /grand\.jpg: its data ends before the 7000 × 7000 px its header announces \(.*premature end.*; a damaged or altered file\); expected a complete JPEG/,
    );
  });

  it("refuses a JPEG cut short, and a PNG whose header says more than its data", async () => {
    const whole = await photoBytes(1200, 800, { seed: 4 });
    expect(await decodeProblem(photo("coupe.jpg", whole.subarray(0, whole.length / 2)))).toMatch(
      /its data ends before/,
    );
    expect(
      await decodeProblem(photo("grand.png", await pngHeaderClaiming(3000, { width: 1200, height: 800 }))),
    ).toMatch(/grand\.png cannot be decoded \(.*\); expected a complete JPEG/);
  });

  it("accepts whole photos, a turned one and one with stray bytes the decoder only warns about", async () => {
    expect(await decodeProblem(source)).toBeNull();
    expect(await decodeProblem(photo("tourne.jpg", await photoBytes(1200, 800, { orientation: 6 })))).toBeNull();
    const whole = await photoBytes(1200, 800, { seed: 5 });
    // Two bytes before the end marker: « Corrupt JPEG data: 2 extraneous bytes before marker 0xd9 ».
    const stray = Buffer.concat([whole.subarray(0, -2), Buffer.from([0, 0]), whole.subarray(-2)]);
    expect(await decodeProblem(photo("octets.jpg", stray))).toBeNull();
  });

  it("is checked once per source, even when every file of it is in the cache already", async () => {
    const lying = photo("menteuse.jpg", await jpegClaiming(6000, { width: 1200, height: 800 }));
    const found = new PhotoFiles().resolve(path.join(dir, "lies", "a.md"), "international", "menteuse.jpg", 1200);
    if (!found.ok) throw new Error(found.message);
    const lyingJob: PhotoJob = { file: lying, article: "a.md", field: "image.src", renditions: [] };
    const error = await publishPhotos([lyingJob], out("lies-out"), path.join(dir, "lies-cache")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentValidationError);
    expect((error as ContentValidationError).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^a\.md: image\.src: .*menteuse\.jpg: its data ends before the 6000 × 6000 px/),
    ]);
    // A whole source is decoded once, then remembered by its bytes.
    const first = await publishPhotos([{ ...job, renditions: [] }], out("once"), path.join(dir, "lies-cache"));
    expect(first.sources).toBe(1);
    expect(readFileSync(path.join(dir, "lies-cache", "photos", "decoded.json"), "utf8")).toMatch(
      /^\["[0-9a-f]{64}"\]$/,
    );
  });
});

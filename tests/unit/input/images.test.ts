import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  LEAD_PHOTO_MIN_WIDTH,
  MAX_PHOTO_BYTES,
  PhotoFiles,
  photoBase,
  sniffFormat,
} from "../../../scripts/input/images.ts";
import { shownPath } from "../../../scripts/text/shown-path.ts";
import { useTempDir } from "../../helpers/build.ts";
import { photoBytes, pngClaiming, writePhoto, writeText } from "../../helpers/photo-files.ts";

const tempDir = useTempDir("photo-files-");
/** An article in `section`, and the path of a file beside it. */
const article = () => path.join(tempDir(), "articles/international/2024-03-01-sommet.md");
const beside = (name: string) => path.join(tempDir(), "articles/international", name);
const resolve = (src: string, minWidth?: number) => new PhotoFiles().resolve(article(), "international", src, minWidth);

describe("sniffFormat", () => {
  const formats = {} as Record<string, Buffer>;
  beforeAll(async () => {
    for (const format of ["jpeg", "png", "webp", "avif", "gif", "tiff"] as const) {
      formats[format] = await photoBytes(16, 16, { format });
    }
  });

  it("knows the formats we publish by their first bytes, whatever the file's name", () => {
    for (const format of ["jpeg", "png", "webp", "avif"]) expect(sniffFormat(formats[format]!)).toBe(format);
  });

  it("names the formats we refuse", () => {
    expect(sniffFormat(formats.gif!)).toEqual({ refused: "a GIF" });
    expect(sniffFormat(formats.tiff!)).toEqual({ refused: "a TIFF" });
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic\0\0\0\0mif1heic", "latin1")]);
    expect(sniffFormat(heic)).toEqual({ refused: "a HEIC photo" });
    const svg = Buffer.from('\uFEFF<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10"/>');
    expect(sniffFormat(svg)).toEqual({ refused: "an SVG drawing, not a photo" });
    expect(sniffFormat(Buffer.from("Un texte."))).toBeNull();
  });
});

describe("PhotoFiles.resolve", () => {
  it("reads a photo's format and dimensions and where it is published", async () => {
    await writePhoto(beside("2024-03-01-geneve.jpg"), 1300, 700);
    const found = resolve("2024-03-01-geneve.jpg");
    expect(found).toEqual({
      ok: true,
      photo: {
        file: beside("2024-03-01-geneve.jpg"),
        base: "/photos/international/2024-03-01-geneve",
        width: 1300,
        height: 700,
        format: "jpeg",
      },
      stamp: expect.stringMatching(/^[\d.]+:\d+$/),
    });
  });

  it("takes a photo in a folder below the article's", async () => {
    await writePhoto(beside("sommet/salle.png"), 40, 30, { format: "png" });
    expect(resolve("sommet/salle.png")).toMatchObject({
      ok: true,
      photo: { base: "/photos/international/sommet/salle" },
    });
    expect(photoBase("culture", "a/b-c.webp")).toBe("/photos/culture/a/b-c");
  });

  it("gives the dimensions as shown: a photo shot on its side is taller than wide", async () => {
    await writePhoto(beside("portrait.jpg"), 300, 200, { orientation: 6 });
    expect(resolve("portrait.jpg")).toMatchObject({ ok: true, photo: { width: 200, height: 300 } });
  });

  it.each([
    ["Photo AFP.jpg"],
    ["DSC_0042.JPG"],
    ["../culture/photo.jpg"],
    ["/photos/x.jpg"],
    ["photo"],
    ["https://exemple.fr/photo.jpg"],
  ])("refuses %s as a path, saying what a good one looks like", (src) => {
    const found = resolve(src);
    expect(found).toEqual({
      ok: false,
      message: `${JSON.stringify(src)} is not a path to a photo beside the article; expected a file in the article's folder or below it, named with lower-case letters, digits and hyphens and an extension (e.g. 2024-03-01-sommet.jpg)`,
    });
  });

  it("says where it looked for a missing file", () => {
    expect(resolve("absente.jpg")).toEqual({
      ok: false,
      message: `"absente.jpg" is not there; expected a photo file at ${shownPath(beside("absente.jpg"))}`,
      file: beside("absente.jpg"),
      stamp: "missing",
    });
  });

  // Not a FIFO here: were the check to go, opening one would hang the test run rather than fail it.
  it("refuses a folder and a link to a device without opening them", () => {
    mkdirSync(beside("dossier.jpg"), { recursive: true });
    symlinkSync("/dev/zero", beside("zero.jpg"));
    for (const name of ["dossier.jpg", "zero.jpg"]) {
      const found = resolve(name);
      expect(found.ok).toBe(false);
      if (!found.ok) {
        expect(found.message).toBe(
          `${JSON.stringify(name)} is not a regular file; expected a photo file at ${shownPath(beside(name))}`,
        );
      }
    }
  });

  it("refuses a file over the size limit without reading it", () => {
    writeText(beside("enorme.jpg"), "");
    truncateSync(beside("enorme.jpg"), MAX_PHOTO_BYTES + 1);
    expect(resolve("enorme.jpg")).toMatchObject({
      ok: false,
      message: '"enorme.jpg" weighs 25.0 MB; expected at most 25.0 MB (export it smaller)',
    });
  });

  it("refuses what is not an image, and the formats we do not publish", async () => {
    writeText(beside("texte.jpg"), "Ceci n’est pas une photo.");
    writeText(beside("dessin.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="1000"></svg>');
    await writePhoto(beside("anime.gif"), 20, 20, { format: "gif" });
    expect(resolve("texte.jpg")).toMatchObject({
      ok: false,
      message: '"texte.jpg" is not an image file; expected a JPEG, PNG, WebP or AVIF photo',
    });
    expect(resolve("dessin.svg")).toMatchObject({
      ok: false,
      message: '"dessin.svg" is an SVG drawing, not a photo; expected a JPEG, PNG, WebP or AVIF photo',
    });
    expect(resolve("anime.gif")).toMatchObject({
      ok: false,
      message: '"anime.gif" is a GIF; expected a JPEG, PNG, WebP or AVIF photo',
    });
  });

  it("refuses a file that claims more pixels than the limit, before decoding any", () => {
    writeText(beside("bombe.png"), "");
    writeFileSync(beside("bombe.png"), pngClaiming(100_000, 100_000));
    expect(resolve("bombe.png")).toMatchObject({
      ok: false,
      message: '"bombe.png" is 100000 × 100000 px (10000.0 megapixels); expected at most 50 megapixels',
    });
  });

  it("refuses a lead photo narrower than asked, and takes it elsewhere", async () => {
    await writePhoto(beside("etroite.jpg"), 1000, 800);
    expect(resolve("etroite.jpg", LEAD_PHOTO_MIN_WIDTH)).toEqual({
      ok: false,
      message: '"etroite.jpg" is 1000 px wide; expected a lead photo at least 1200 px wide',
      file: beside("etroite.jpg"),
      stamp: expect.stringMatching(/^[\d.]+:\d+$/),
    });
    expect(resolve("etroite.jpg").ok).toBe(true);
  });

  it("refuses two files that would be published at the same URLs", async () => {
    await writePhoto(beside("vue.jpg"), 40, 30);
    await writePhoto(beside("vue.png"), 40, 30, { format: "png" });
    const photos = new PhotoFiles();
    expect(photos.resolve(article(), "international", "vue.jpg").ok).toBe(true);
    expect(photos.resolve(article(), "international", "vue.png")).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^"vue.png" would be published at the same URLs as .*vue\.jpg \(\/photos\/international\/vue-…\); expected one photo per name in a folder$/,
      ),
    });
  });
});

import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { PhotoFile } from "../../../scripts/input/images.ts";
import {
  figureHtml,
  PHOTO_LAYOUTS,
  photoWidths,
  pictureHtml,
  responsivePhoto,
  scaledHeight,
} from "../../../scripts/input/responsive-photos.ts";

const source: PhotoFile = {
  file: "/site/articles/international/geneve.jpg",
  base: "/photos/international/geneve",
  width: 2400,
  height: 1600,
  format: "jpeg",
};

const parse = (html: string) => parseHTML(`<!doctype html><body>${html}</body>`).document;

describe("photoWidths", () => {
  it.each([
    [2400, [480, 800, 1200, 1600]],
    [1600, [480, 800, 1200, 1600]],
    [1300, [480, 800, 1200]],
    [1000, [480, 800, 1000]],
    [900, [480, 800]],
    [300, [300]],
  ])("publishes a %i px photo at %j, never wider than it is", (width, widths) => {
    expect(photoWidths(width)).toEqual(widths);
  });
});

describe("responsivePhoto", () => {
  const photo = responsivePhoto(source);

  it("makes AVIF and WebP at every width and one JPEG, named after the source", () => {
    expect(photo.renditions.map((r) => `${r.path} ${r.width}×${r.height}`)).toEqual([
      "/photos/international/geneve-480.avif 480×320",
      "/photos/international/geneve-800.avif 800×533",
      "/photos/international/geneve-1200.avif 1200×800",
      "/photos/international/geneve-1600.avif 1600×1067",
      "/photos/international/geneve-480.webp 480×320",
      "/photos/international/geneve-800.webp 800×533",
      "/photos/international/geneve-1200.webp 1200×800",
      "/photos/international/geneve-1600.webp 1600×1067",
      "/photos/international/geneve-800.jpg 800×533",
    ]);
    expect([photo.width, photo.height]).toEqual([1600, 1067]);
    expect(scaledHeight({ width: 1000, height: 667 }, 480)).toBe(320);
  });

  it("writes a <picture> with the best formats first, its sizes, and a box of the photo's proportions", () => {
    const document = parse(pictureHtml(photo, "Le Palais des Nations", "article"));
    const sources = [...document.querySelectorAll("source")];
    expect(sources.map((s) => s.getAttribute("type"))).toEqual(["image/avif", "image/webp"]);
    expect(sources[0]?.getAttribute("srcset")).toBe(
      "/photos/international/geneve-480.avif 480w, /photos/international/geneve-800.avif 800w, /photos/international/geneve-1200.avif 1200w, /photos/international/geneve-1600.avif 1600w",
    );
    expect(sources.every((s) => s.getAttribute("sizes") === PHOTO_LAYOUTS.article.sizes)).toBe(true);
    const img = document.querySelector("picture > img");
    expect(img?.getAttribute("src")).toBe("/photos/international/geneve-800.jpg");
    expect(img?.getAttribute("alt")).toBe("Le Palais des Nations");
    expect([img?.getAttribute("width"), img?.getAttribute("height")]).toEqual(["1600", "1067"]);
  });

  it("fetches the photo at the top of a page first, and the others when they are about to be seen", () => {
    const lead = parse(pictureHtml(photo, "", "article")).querySelector("img");
    expect(lead?.getAttribute("fetchpriority")).toBe("high");
    expect(lead?.hasAttribute("loading")).toBe(false);
    for (const layout of ["body", "thumbnail"] as const) {
      const img = parse(pictureHtml(photo, "", layout)).querySelector("img");
      expect([img?.getAttribute("loading"), img?.getAttribute("decoding")]).toEqual(["lazy", "async"]);
      expect(img?.hasAttribute("fetchpriority")).toBe(false);
    }
  });

  it("offers a thumbnail as its smallest version alone, with nothing to choose", () => {
    const sources = [...parse(pictureHtml(photo, "", "thumbnail")).querySelectorAll("source")];
    expect(sources.map((source) => source.getAttribute("srcset"))).toEqual([
      "/photos/international/geneve-480.avif",
      "/photos/international/geneve-480.webp",
    ]);
    expect(sources.some((source) => source.hasAttribute("sizes"))).toBe(false);
  });

  it("escapes the alt text and puts the credit after the caption", () => {
    const html = figureHtml(pictureHtml(photo, 'Un "drapeau" <rouge>', "body"), "Légende.", "AFP", "photo");
    const document = parse(html);
    expect(document.querySelector("img")?.getAttribute("alt")).toBe('Un "drapeau" <rouge>');
    expect(document.querySelector("figure.photo figcaption")?.textContent).toBe("Légende. Photo\u00a0: AFP");
    expect(document.querySelector("figcaption .credit .visually-hidden")?.textContent).toBe("Photo\u00a0: ");
  });
});

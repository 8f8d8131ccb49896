import { describe, expect, it } from "vitest";
import {
  cropBox,
  leadPhotoLd,
  photoJobs,
  SEARCH_CROPS,
  searchCrops,
  sharingImage,
  socialCrop,
} from "../../../scripts/output/photo-crops.ts";
import { context, makeArticle } from "../../helpers/articles.ts";
import { leadPhotoOf } from "../../helpers/photo-files.ts";

describe("cropBox", () => {
  const landscape = { width: 2400, height: 1600 };

  it("keeps the largest region of the target's proportions, centred by default", () => {
    expect(cropBox(landscape, { width: 16, height: 9 }, { x: 0.5, y: 0.5 })).toEqual({
      left: 0,
      top: 125,
      width: 2400,
      height: 1350,
    });
    expect(cropBox(landscape, { width: 1, height: 1 }, { x: 0.5, y: 0.5 })).toEqual({
      left: 400,
      top: 0,
      width: 1600,
      height: 1600,
    });
  });

  it("centres on the focus as far as the edges allow", () => {
    expect(cropBox(landscape, { width: 1, height: 1 }, { x: 0.4, y: 0.5 })).toMatchObject({ left: 160 });
    expect(cropBox(landscape, { width: 1, height: 1 }, { x: 0.1, y: 0.5 })).toMatchObject({ left: 0 });
    expect(cropBox(landscape, { width: 1, height: 1 }, { x: 1, y: 0.5 })).toMatchObject({ left: 800 });
    expect(cropBox(landscape, { width: 16, height: 9 }, { x: 0.5, y: 0 })).toMatchObject({ top: 0 });
  });
});

describe("a lead photo for search engines and sharing", () => {
  const photo = leadPhotoOf(2400, 1600, { focus: { x: 0.3, y: 0.4 } });

  it("has 16:9, 4:3 and 1:1 crops 1200 px wide, and a 1200×630 one for sharing, all JPEG", () => {
    expect(searchCrops(photo).map((r) => [r.path, r.width, r.height, r.format])).toEqual([
      ["/photos/international/2023-04-18-moscou-16x9.jpg", 1200, 675, "jpeg"],
      ["/photos/international/2023-04-18-moscou-4x3.jpg", 1200, 900, "jpeg"],
      ["/photos/international/2023-04-18-moscou-1x1.jpg", 1200, 1200, "jpeg"],
    ]);
    expect(socialCrop(photo)).toMatchObject({
      path: "/photos/international/2023-04-18-moscou-1200x630.jpg",
      width: 1200,
      height: 630,
    });
    expect(SEARCH_CROPS.every((size) => size.width >= 1200)).toBe(true);
  });

  it("lists the crops as JSON-LD ImageObjects with caption and credit", () => {
    expect(leadPhotoLd(photo, context.siteUrl)[0]).toEqual({
      "@type": "ImageObject",
      url: "https://www.exemple.fr/actu/photos/international/2023-04-18-moscou-16x9.jpg",
      width: 1200,
      height: 675,
      caption: "Li Shangfu à Moscou, le 16 avril 2023.",
      creditText: "Alexander Zemlianichenko / AP",
    });
  });

  it("is what the article is shared with; without a photo, the drawn card", () => {
    const withPhoto = { ...makeArticle(), leadPhoto: photo };
    expect(sharingImage(withPhoto, "Un titre")).toMatchObject({
      path: "/photos/international/2023-04-18-moscou-1200x630.jpg",
      type: "image/jpeg",
      alt: "Deux hommes se serrent la main",
    });
    // A decorative photo has no alt text to share: the headline describes the page.
    expect(sharingImage({ ...withPhoto, leadPhoto: { ...photo, alt: "" } }, "Un titre").alt).toBe("Un titre");
    expect(sharingImage(makeArticle(), "Un titre")).toMatchObject({
      path: "/international/un-titre/social.png",
      type: "image/png",
    });
    expect(sharingImage(undefined, "Le Quotidien")).toMatchObject({ path: "/assets/social.png" });
  });
});

describe("photoJobs", () => {
  it("lists every file to make, once per source however many articles show it", () => {
    const photo = leadPhotoOf(2400, 1600);
    const first = { ...makeArticle({ slug: "premier" }), leadPhoto: photo };
    const second = { ...makeArticle({ slug: "second" }), bodyPhotos: [photo] };
    const jobs = photoJobs([first, second, makeArticle({ slug: "sans-photo" })]);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ file: photo.file, article: first.sourcePath, field: "image.src" });
    expect(jobs[0]?.renditions.map((r) => r.path.replace(photo.base, ""))).toEqual([
      "-480.avif",
      "-800.avif",
      "-1200.avif",
      "-1600.avif",
      "-480.webp",
      "-800.webp",
      "-1200.webp",
      "-1600.webp",
      "-800.jpg",
      "-16x9.jpg",
      "-4x3.jpg",
      "-1x1.jpg",
      "-1200x630.jpg",
    ]);
  });
});

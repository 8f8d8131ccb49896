/**
 * A copy of the real site with photos, for the tests that need them (the real site publishes
 * only the seed article, without a photo): the seed article with a lead photo and a photo in its
 * text, and synthetic articles, some with a lead photo, the newest (the top story) among them.
 * Photos are generated from pixels (scripts/bench/synthetic-photo.ts), never downloaded.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateCorpus, toSiteSource } from "../../scripts/bench/synthetic-corpus.ts";
import { syntheticPhoto } from "../../scripts/bench/synthetic-photo.ts";
import { ROOT } from "./build.ts";
import type { PageType } from "./page-types.ts";

export const SEED_FILE = "international/2023-04-18-li-shangfu-moscou-cooperation-militaire.md";
export const PHOTO_ARTICLE_PATH = "/international/li-shangfu-moscou-cooperation-militaire/";
/** The page types with photos, on the photo site: the browser tests check them as they check the real site's. */
export const PHOTO_PAGE_TYPES: readonly PageType[] = [
  { name: "home-photos", path: "/", status: 200, site: "photos" },
  { name: "section-photos", path: "/international/", status: 200, site: "photos" },
  { name: "article-photos", path: PHOTO_ARTICLE_PATH, status: 200, site: "photos" },
];

/** The seed article's lead photo: 2400×1600, like the benchmark's. */
export const LEAD_PHOTO = { src: "2023-04-18-li-shangfu.jpg", seed: 11, width: 2400, height: 1600 };
export const BODY_PHOTO = { src: "2023-04-18-choigou.jpg", seed: 12, width: 1600, height: 1067 };

/** Adds YAML lines to a source's front matter. */
export function withFrontMatter(source: string, lines: string[]): string {
  return source.replace(/\n---\n/, `\n${lines.join("\n")}\n---\n`);
}

export function imageFrontMatter(src: string, extra: string[] = []): string[] {
  return [
    "image:",
    `  src: ${src}`,
    '  alt: "Deux hommes en costume se serrent la main devant des drapeaux"',
    '  caption: "Li Shangfu et Sergueï Choïgou au ministère russe de la Défense, à Moscou, le 16 avril 2023."',
    '  credit: "Alexander Zemlianichenko / AP"',
    ...extra,
  ];
}

/** Writes the site to `dir` (articles/ and data/) and returns its folders. */
export async function writePhotoSite(dir: string): Promise<{ articlesDir: string; dataDir: string }> {
  const articlesDir = path.join(dir, "articles");
  const dataDir = path.join(dir, "data");
  cpSync(path.join(ROOT, "_data"), dataDir, { recursive: true });
  cpSync(path.join(ROOT, "src/articles"), articlesDir, { recursive: true });

  const seedFile = path.join(articlesDir, SEED_FILE);
  const paragraphs = readFileSync(seedFile, "utf8").split("\n\n");
  // The photo in the text comes after the third paragraph of the body.
  paragraphs.splice(
    4,
    0,
    [
      `![Sergueï Choïgou accueille Li Shangfu au ministère de la Défense](${BODY_PHOTO.src})`,
      "Sergueï Choïgou accueille Li Shangfu, le 16 avril 2023.",
      "Photo : Pavel Bednyakov / Pool via AP",
    ].join("\n"),
  );
  writeFileSync(seedFile, withFrontMatter(paragraphs.join("\n\n"), imageFrontMatter(LEAD_PHOTO.src)));
  const folder = path.dirname(seedFile);
  writeFileSync(
    path.join(folder, LEAD_PHOTO.src),
    await syntheticPhoto(LEAD_PHOTO.seed, LEAD_PHOTO.width, LEAD_PHOTO.height),
  );
  writeFileSync(
    path.join(folder, BODY_PHOTO.src),
    await syntheticPhoto(BODY_PHOTO.seed, BODY_PHOTO.width, BODY_PHOTO.height),
  );

  // Eight synthetic articles, newest first; the first (the top story) and two more have a photo.
  const corpus = generateCorpus(8, 7).sort((a, b) => (a.date < b.date ? 1 : -1));
  for (const [index, article] of corpus.entries()) {
    const source = toSiteSource(article);
    const file = path.join(articlesDir, source.path);
    mkdirSync(path.dirname(file), { recursive: true });
    if (index === 0 || index === 2 || index === 5) {
      const src = `${article.day}-photo-${index}.jpg`;
      writeFileSync(path.join(path.dirname(file), src), await syntheticPhoto(20 + index, 1600, 1067));
      writeFileSync(file, withFrontMatter(source.text, imageFrontMatter(src, ["  focus: { x: 30, y: 40 }"])));
    } else {
      writeFileSync(file, source.text);
    }
  }
  return { articlesDir, dataDir };
}

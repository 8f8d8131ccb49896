/** An article's photos through the real parser: front matter `image`, photos in the text, their problems. */
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { type ArticleResult, parseArticle } from "../../../scripts/input/article.ts";
import { formatProblem } from "../../../scripts/input/content-error.ts";
import type { Settings } from "../../../scripts/input/schema.ts";
import { shownPath } from "../../../scripts/text/shown-path.ts";
import { publisher } from "../../helpers/articles.ts";
import { useTempDir } from "../../helpers/build.ts";
import { writePhoto } from "../../helpers/photo-files.ts";

const settings: Settings = { homeArticleCount: 10, wordsPerMinute: 230, pageSize: 20 };
const tempDir = useTempDir("article-photos-");
const articleFile = () => shownPath(path.join(tempDir(), "articles/international/2023-04-18-un-titre.md"));
const beside = (name: string) => path.join(tempDir(), "articles/international", name);

const FRONT_MATTER = [
  "title: Un titre",
  "standfirst: Le chapô.",
  "date: 2023-04-18T14:05:00+02:00",
  "section: international",
  "author: La Rédaction",
];

function parse(image: string[], body = "Premier paragraphe.\n"): ArticleResult {
  const text = `---\n${[...FRONT_MATTER, ...image].join("\n")}\n---\n\n${body}`;
  return parseArticle(articleFile(), new TextEncoder().encode(text), { publisher, settings });
}

const problemsOf = (result: ArticleResult) => (result.ok ? [] : result.problems.map(formatProblem));

beforeEach(async () => {
  await writePhoto(beside("2023-04-18-moscou.jpg"), 2400, 1600);
  await writePhoto(beside("2023-04-18-salle.jpg"), 1000, 700);
});

describe("an article's lead photo", () => {
  it("is published from the file beside the article, with its alt, caption, credit and focus", () => {
    const result = parse([
      "image:",
      "  src: 2023-04-18-moscou.jpg",
      "  alt: Deux hommes se serrent la main",
      '  caption: "Li Shangfu à Moscou: le 16 avril."',
      "  credit: Alexander Zemlianichenko / AP",
      "  focus: { x: 30, y: 25 }",
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.article.leadPhoto).toMatchObject({
      file: beside("2023-04-18-moscou.jpg"),
      base: "/photos/international/2023-04-18-moscou",
      sourceWidth: 2400,
      sourceHeight: 1600,
      width: 1600,
      height: 1067,
      alt: "Deux hommes se serrent la main",
      caption: "Li Shangfu à Moscou\u00a0: le 16 avril.",
      credit: "Alexander Zemlianichenko / AP",
      focus: { x: 0.3, y: 0.25 },
    });
    expect(result.photoFiles?.map((photo) => photo.file)).toEqual([beside("2023-04-18-moscou.jpg")]);
  });

  it("takes an empty alt for a decorative photo, and centres crops without a focus", () => {
    const result = parse(["image:", "  src: 2023-04-18-moscou.jpg", '  alt: ""', "  credit: AFP"]);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.article.leadPhoto).toMatchObject({ alt: "", caption: null, focus: { x: 0.5, y: 0.5 } });
  });

  it("names the field, what was found and what was expected for each mistake, all at once", () => {
    const result = parse(
      ["image:", "  src: 2023-04-18-salle.jpg", "  credit: AFP", "  focus: { x: 120, y: 50 }", "  legende: x"],
      "![](absente.jpg)\nUne légende.\n",
    );
    const file = articleFile();
    expect(problemsOf(result)).toEqual([
      `${file}: image.alt: is missing; expected a description of the photo for readers who cannot see it ("" for a decorative photo)`,
      `${file}: image.focus.x: 120 is not a percentage of the width from the left, 0 to 100`,
      `${file}: image.legende: is not a known field; expected one of src, alt, caption, credit, focus`,
      `${file}: body: line 14: the photo "absente.jpg" has no alt text; expected ![a description of the photo](absente.jpg), or ![""](absente.jpg) for a decorative one`,
      `${file}: body: line 14: the photo "absente.jpg" has no credit; expected a last line « Photo : author / agency » under it`,
      `${file}: body: line 14: "absente.jpg" is not there; expected a photo file at ${shownPath(beside("absente.jpg"))}`,
    ]);
    // A lead photo the schema refuses is not looked for; once its fields are right, its file is checked.
    const next = parse(
      ["image:", "  src: 2023-04-18-salle.jpg", '  alt: ""', "  credit: AFP"],
      "Texte.\n\n![](absente.jpg)\n",
    );
    expect(problemsOf(next)).toEqual([
      `${file}: image.src: "2023-04-18-salle.jpg" is 1000 px wide; expected a lead photo at least 1200 px wide`,
      `${file}: body: line 15: the photo "absente.jpg" has no alt text; expected ![a description of the photo](absente.jpg), or ![""](absente.jpg) for a decorative one`,
      `${file}: body: line 15: the photo "absente.jpg" has no credit; expected a last line « Photo : author / agency » under it`,
      `${file}: body: line 15: "absente.jpg" is not there; expected a photo file at ${shownPath(beside("absente.jpg"))}`,
    ]);
    // Every file named is remembered, found or not: the preview reads the article again when one comes.
    expect(next.photoFiles?.map((photo) => [photo.file, photo.stamp === "missing"])).toEqual([
      [beside("2023-04-18-salle.jpg"), false],
      [beside("absente.jpg"), true],
    ]);
  });
});

describe("photos in an article's text", () => {
  it("are in the body and listed for publishing, narrower than a lead photo may be", () => {
    const result = parse([], "Texte.\n\n![Une salle](2023-04-18-salle.jpg)\nLa salle.\nPhoto : AFP\n");
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.article.leadPhoto).toBeNull();
    expect(result.article.bodyPhotos.map((photo) => [photo.file, photo.width])).toEqual([
      [beside("2023-04-18-salle.jpg"), 1000],
    ]);
    expect(result.article.bodyHtml).toContain('<figure class="photo"><picture>');
  });
});

/**
 * Photos in the editor's preview (npm start): it places them as the build does, and a photo
 * replaced while it runs shows on the next save, its new proportions included.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, ROOT } from "../helpers/build.ts";
import { type DevServer, startDevServer } from "../helpers/dev-server.ts";
import { writePhoto } from "../helpers/photo-files.ts";
import { imageFrontMatter, withFrontMatter } from "../helpers/photo-site.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
const ARTICLE = "/international/sommet-a-geneve/";
const SOURCE = "international/2024-03-01-sommet-a-geneve.md";
const PHOTO = "international/2024-03-01-geneve.jpg";

let dir: string;
let articles: string;
let server: DevServer;

const leadImg = async () => {
  const html = (await server.fetchPage(ARTICLE)) ?? "";
  return parseHTML(html).document.querySelector(".photo-lead img");
};
const servedSize = async (urlPath: string) => {
  const response = await fetch(`${server.url}${urlPath}`);
  if (!response.ok) return null;
  const { width, height } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
  return `${width}×${height}`;
};

beforeAll(async () => {
  dir = makeTempDir("news-preview-photos-");
  articles = path.join(dir, "articles");
  cpSync(path.join(FIXTURE, "articles"), articles, { recursive: true });
  cpSync(path.join(FIXTURE, "data"), path.join(dir, "data"), { recursive: true });
  await writePhoto(path.join(articles, PHOTO), 1200, 800, { seed: 5 });
  const source = path.join(articles, SOURCE);
  writeFileSync(source, withFrontMatter(readFileSync(source, "utf8"), imageFrontMatter(path.basename(PHOTO))));
  server = startDevServer({ articles, data: path.join(dir, "data"), output: path.join(dir, "preview") });
  await server.waitFor("the server to listen", async () => server.url !== "" && (await leadImg()) !== null);
});

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("photos in the preview", () => {
  it("serves the lead photo's files", async () => {
    const img = await leadImg();
    expect([img?.getAttribute("width"), img?.getAttribute("height")]).toEqual(["1200", "800"]);
    await server.waitFor(
      "the photo's files",
      async () => (await servedSize("/photos/international/2024-03-01-geneve-1200.avif")) !== null,
    );
    expect(await servedSize("/photos/international/2024-03-01-geneve-1200.avif")).toBe("1200×800");
  });

  it("shows a replaced photo, with its new proportions, without a restart", async () => {
    await writePhoto(path.join(articles, PHOTO), 1500, 1000, { seed: 6 });
    await server.waitFor("the new photo", async () => (await leadImg())?.getAttribute("height") === "1000");
    expect((await leadImg())?.getAttribute("width")).toBe("1500");
    await server.waitFor(
      "its files",
      async () => (await servedSize("/photos/international/2024-03-01-geneve-1500.avif")) === "1500×1000",
    );
  });
});

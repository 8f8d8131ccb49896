/** A synthetic newsroom (tests/fixtures/newsroom): ordering, section membership, drafts. */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/lists/content.ts";
import { urlClaims } from "../../scripts/lists/site-urls.ts";
import { OUTPUT_MARKER } from "../../scripts/publish/output-folder.ts";
import { type BuiltSite, buildSite, normalizeText, ROOT, readPage } from "../helpers/build.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
let site: BuiltSite;
beforeAll(() => {
  site = buildSite({ articles: path.join(FIXTURE, "articles"), data: path.join(FIXTURE, "data") });
});
afterAll(() => site?.cleanup());

const teaserLinks = (urlPath: string) =>
  [...readPage(site.outDir, urlPath).querySelectorAll("main .teaser-title a")].map((a) => a.getAttribute("href"));

describe("a newsroom of several sections", () => {
  it("lists each section's articles newest first, and only its own", () => {
    expect(teaserLinks("/international/")).toEqual([
      "/international/elections-au-bresil/",
      "/international/sommet-a-geneve/",
    ]);
    expect(teaserLinks("/economie/")).toEqual([
      "/economie/inflation-en-baisse/",
      "/economie/greve-en-direct/",
      "/economie/la-bourse-recule/",
    ]);
    expect(teaserLinks("/culture/")).toEqual(["/culture/festival-d-avignon/", "/culture/un-roman-prime/"]);
  });

  it("puts the latest articles across sections on the home page, up to the configured count", () => {
    expect(teaserLinks("/")).toEqual([
      "/economie/inflation-en-baisse/",
      "/international/elections-au-bresil/",
      "/economie/greve-en-direct/",
      "/culture/festival-d-avignon/",
    ]);
  });

  it("links home and navigation to every section with articles, in the publisher's order", () => {
    const home = readPage(site.outDir, "/");
    const sectionLinks = [...home.querySelectorAll(".sections-list a")].map((a) => a.getAttribute("href"));
    expect(sectionLinks).toEqual(["/international/", "/economie/", "/culture/"]);
    const nav = [...home.querySelectorAll(".site-nav a")].map((a) => normalizeText(a.textContent));
    expect(nav).toEqual(["International", "Économie", "Culture"]);
  });

  it("makes no page for a section without articles", () => {
    expect(existsSync(path.join(site.outDir, "sport"))).toBe(false);
  });

  it("never publishes drafts in a production build", () => {
    expect(existsSync(path.join(site.outDir, "culture/brouillon"))).toBe(false);
    expect(teaserLinks("/culture/")).not.toContain("/culture/brouillon/");
  });

  it("labels each article page with its own section", () => {
    const page = readPage(site.outDir, "/economie/la-bourse-recule/");
    expect(normalizeText(page.querySelector(".kicker a")?.textContent)).toBe("Économie");
    expect(page.querySelector(".kicker a")?.getAttribute("href")).toBe("/economie/");
  });
});

describe("the URLs the build checks before rendering", () => {
  it("include every file the build writes (scripts/lists/site-urls.ts claims them)", () => {
    const paths = { articlesDir: path.join(FIXTURE, "articles"), dataDir: path.join(FIXTURE, "data") };
    const content = loadContent(paths);
    const articleUrls = content.articles.map(({ url, sourcePath }) => ({ url, sourcePath }));
    const claims = urlClaims(content, { articleUrls, publisherFile: "publisher.yaml", authorsFile: "authors.yaml" });
    const pages = new Set(claims.filter((claim) => !claim.folderOf).map((claim) => claim.url));
    const folders = claims.filter((claim) => claim.folderOf).map((claim) => claim.url);
    const written = readdirSync(site.outDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map(
        (entry) => `/${path.relative(site.outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`,
      )
      .map((file) => file.replace(/(^|\/)index\.html$/, "$1"));
    expect(written.length).toBeGreaterThan(30);
    // The build's mark on its folder (scripts/publish/output-folder.ts) is no page of the site.
    const unclaimed = written.filter(
      (url) => url !== `/${OUTPUT_MARKER}` && !pages.has(url) && !folders.some((folder) => url.startsWith(folder)),
    );
    expect(unclaimed).toEqual([]);
  });
});

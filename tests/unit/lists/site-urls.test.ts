/** URLs claimed twice, found before anything renders: the site's own paths, pagination, two sources. */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContent } from "../../../scripts/lists/content.ts";
import { reservedSlugs, type UrlClaim, urlClaims, urlClashes } from "../../../scripts/lists/site-urls.ts";
import { shownPath } from "../../../scripts/text/shown-path.ts";
import { makeTempDir, ROOT } from "../../helpers/build.ts";
import { problemLinesOf } from "../../helpers/problems.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
let dir: string;
let paths: { articlesDir: string; dataDir: string };
beforeEach(() => {
  dir = makeTempDir("news-urls-");
  cpSync(FIXTURE, dir, { recursive: true });
  paths = { articlesDir: path.join(dir, "articles"), dataDir: path.join(dir, "data") };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const publisherFile = () => shownPath(path.join(paths.dataDir, "publisher.yaml"));

/** Declares one more section (it is the fifth: sections.4). */
function declareSection(slug: string): void {
  const file = path.join(paths.dataDir, "publisher.yaml");
  const text = readFileSync(file, "utf8");
  writeFileSync(
    file,
    text.replace(
      "  - slug: sport\n",
      `  - slug: sport\n    name: Sport\n    description: Une rubrique.\n  - slug: ${slug}\n`,
    ),
  );
}

function article(section: string, name: string): string {
  const file = path.join(paths.articlesDir, section, name);
  mkdirSync(path.dirname(file), { recursive: true });
  const date = `${name.slice(0, 10)}T12:00:00+01:00`;
  writeFileSync(
    file,
    `---\ntitle: Un titre\nstandfirst: Un chapô.\ndate: ${date}\nsection: ${section}\nauthor: La Rédaction\n---\n\nTexte.\n`,
  );
  return shownPath(file);
}

const problemLines = () => problemLinesOf(() => loadContent(paths));

describe("the site's own folders", () => {
  it("are the folders a section may not be named after", () => {
    expect(reservedSlugs()).toEqual([
      "accessibilite",
      "archives",
      "assets",
      "auteurs",
      "donnees-personnelles",
      "mentions-legales",
      "page",
      "photos",
      "recherche",
      "recherche-index",
      "sujets",
    ]);
  });

  it("are all listed in docs/editing.md", () => {
    const docs = readFileSync(path.join(ROOT, "docs/editing.md"), "utf8");
    for (const slug of reservedSlugs()) expect(docs).toContain(`\`${slug}\``);
  });

  it.each([
    ["sujets", "gives the URL /sujets/, already used by the index of topics (/sujets/)"],
    ["archives", "gives the URL /archives/, already used by the archive (/archives/)"],
    ["page", "gives the URL /page/, in /page/, where the home page's numbered pages are"],
    ["assets", "gives the URL /assets/, in /assets/, where the site's logo, favicon, stylesheet and sharing card are"],
  ])("refuses a section named %s, before any of its pages renders", (slug, clash) => {
    declareSection(slug);
    expect(problemLines()).toEqual([
      `${publisherFile()}: sections.4.slug: "${slug}" ${clash}; expected a slug that is none of the site's own folders (accessibilite, archives, assets, auteurs, donnees-personnelles, mentions-legales, page, photos, recherche, recherche-index, sujets)`,
    ]);
  });

  it("names only the section, not each of its articles, when the section's folder is the site's", () => {
    declareSection("page");
    article("page", "2024-03-10-2.md");
    article("page", "2024-03-11-un-titre.md");
    expect(problemLines()).toEqual([expect.stringContaining("sections.4.slug")]);
  });
});

describe("articles", () => {
  it("may not take the slug of a section's numbered pages", () => {
    const file = article("culture", "2024-03-10-page.md");
    expect(problemLines()).toEqual([
      `${file}: (file name): gives the URL /culture/page/, in /culture/page/, where the numbered pages of Culture are; expected another slug: page/ holds the section's numbered pages`,
    ]);
  });

  it("may not share a URL, even when one is a draft or has problems of its own", () => {
    const first = article("culture", "2024-03-10-meme-titre.md");
    const second = article("culture", "2024-03-11-meme-titre.md");
    writeFileSync(path.resolve(second), "---\ndraft: true\n---\n\n# Titre\n");
    const lines = problemLines();
    expect(lines).toContain(
      `${second}: (file name): gives the URL /culture/meme-titre/, already used by ${first}; expected a unique slug per section`,
    );
    expect(lines.filter((line) => line.startsWith(second)).length).toBeGreaterThan(1);
  });
});

describe("pages about the publisher, at the site's root", () => {
  /** Writes the page <slug>.md and lists it in publisher.yaml. */
  function trustPage(slug: string): string {
    const pagesDir = path.join(dir, "pages");
    mkdirSync(pagesDir, { recursive: true });
    const file = path.join(pagesDir, `${slug}.md`);
    writeFileSync(file, "---\ntitle: Une page\ndescription: Une phrase.\n---\n\nTexte.\n");
    const publisher = path.join(paths.dataDir, "publisher.yaml");
    writeFileSync(publisher, `${readFileSync(publisher, "utf8")}pages:\n  - slug: ${slug}\n`);
    return shownPath(file);
  }

  it.each([
    ["international", "already used by the section « International »"],
    ["sujets", "already used by the index of topics (/sujets/)"],
    ["archives", "already used by the archive (/archives/)"],
    ["auteurs", "already used by the index of authors (/auteurs/)"],
    ["page", "in /page/, where the home page's numbered pages are"],
    ["assets", "in /assets/, where the site's logo, favicon, stylesheet and sharing card are"],
  ])("refuses the slug %s, naming what has its URL", (slug, clash) => {
    const file = trustPage(slug);
    const lines = problemLinesOf(() => loadContent({ ...paths, pagesDir: path.join(dir, "pages") }));
    expect(lines).toEqual([`${file}: (file name): gives the URL /${slug}/, ${clash}; expected another slug`]);
  });

  it("names the page when a section and a page share a slug", () => {
    trustPage("a-propos");
    declareSection("a-propos");
    const lines = problemLinesOf(() => loadContent({ ...paths, pagesDir: path.join(dir, "pages") }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/a-propos.md: \(file name\): gives the URL \/a-propos\/, already used by the section/);
  });
});

describe("the legal pages, at the site's root too", () => {
  it("are the site's own: a section may not take their URL", () => {
    declareSection("accessibilite");
    article("accessibilite", "2024-03-08-un-article.md");
    expect(problemLines()).toEqual([
      expect.stringMatching(
        /publisher\.yaml: sections\.4\.slug: "accessibilite" gives the URL \/accessibilite\/, already used by the legal page \/accessibilite\/; expected a slug that is none of the site's own folders \(accessibilite, archives, /,
      ),
    ]);
  });
});

describe("urlClaims", () => {
  it("claims every page and file of the newsroom once, with no clash", () => {
    const content = loadContent(paths);
    const articleUrls = content.articles.map(({ url, sourcePath }) => ({ url, sourcePath }));
    const claims = urlClaims(content, {
      articleUrls,
      publisherFile: publisherFile(),
      authorsFile: "_data/authors.yaml",
    });
    expect(urlClashes(claims)).toEqual([]);
    const urls = claims.map((claim) => claim.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        "/",
        "/page/2/",
        "/sujets/",
        "/sujets/livres/",
        "/archives/",
        "/archives/2024/03/",
        "/auteurs/",
        "/auteurs/claire-martin/",
        "/culture/",
        "/culture/atom.xml",
        "/culture/un-roman-prime/",
        "/culture/un-roman-prime/social.png",
        "/atom.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/404.html",
        "/_headers",
      ]),
    );
  });
});

describe("urlClashes", () => {
  const by = (name: string) => ({ file: `${name}.md`, field: "(file name)", name, fix: "another slug" });

  it("names both claimants of one URL, the later one first", () => {
    const a = by("a");
    const b = by("b");
    const claims: UrlClaim[] = [
      { url: "/x/", by: a },
      { url: "/x/", by: b },
      { url: "/y/", by: b },
    ];
    expect(urlClashes(claims)).toEqual([
      { file: "b.md", field: "(file name)", message: "gives the URL /x/, already used by a; expected another slug" },
    ]);
  });

  it("lets a claimant use its own folder, and no one else", () => {
    const list = by("list");
    const other = by("other");
    const claims: UrlClaim[] = [
      { url: "/l/page/", folderOf: "the numbered pages", by: list },
      { url: "/l/page/2/", by: list },
      { url: "/l/page/3/x/", by: other },
    ];
    expect(urlClashes(claims)).toEqual([
      {
        file: "other.md",
        field: "(file name)",
        message: "gives the URL /l/page/3/x/, in /l/page/, where the numbered pages are; expected another slug",
      },
    ]);
  });
});

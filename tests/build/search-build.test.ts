/**
 * The search index as the build writes it, read by the search page's own engine (in Node.js):
 * French words find their forms, drafts and scheduled articles are never in it (a scheduled one
 * is, once published), an edit rebuilds it to the bytes of a clean build, and publisher.yaml can
 * turn search off or add an outside engine's form.
 */
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentSecurityPolicyHeader } from "../../scripts/output/security-headers.ts";
import { makeTempDir, readPage, runBuild } from "../helpers/build.ts";
import { parseHeadersFile } from "../helpers/headers-file.ts";
import { openIndex, SEARCH_ARTICLE_URL, searchUrls, writeSearchSite } from "../helpers/search-site.ts";

// 13:00 in Paris on 5 March 2024: « Élections au Brésil » (18:30) and « Inflation » (next day) are scheduled.
const BEFORE = String(Date.parse("2024-03-05T12:00:00Z") / 1000);
const AFTER = String(Date.parse("2024-03-06T12:00:00Z") / 1000);

let dir: string;
let site: { articlesDir: string; dataDir: string };
/** A build of the search site into `out`, with the data of `data` (the site's by default). */
const run = (out: string, epoch: string, options: { data?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}) =>
  runBuild(
    ["--out", out, "--articles", site.articlesDir, "--data", options.data ?? site.dataDir, ...(options.args ?? [])],
    { SOURCE_DATE_EPOCH: epoch, CACHE_DIR: path.join(dir, "cache"), ...options.env },
  );
const build = (out: string, epoch: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) => {
  const result = run(out, epoch, { args: ["--quiet", ...args], env });
  if (result.status !== 0) throw new Error(`${result.stdout}\n${result.stderr}`);
  return out;
};
/** Every file of the search folder, by path. */
const indexFiles = (out: string) =>
  new Map(
    readdirSync(path.join(out, "recherche-index"), { recursive: true, encoding: "utf8" })
      .sort()
      .flatMap((file) => {
        const full = path.join(out, "recherche-index", file);
        try {
          return [[file, readFileSync(full).toString("base64")] as const];
        } catch {
          return []; // a folder
        }
      }),
  );

let before: string;
beforeAll(() => {
  dir = makeTempDir("news-search-");
  site = writeSearchSite(path.join(dir, "site"));
  before = build(path.join(dir, "before"), BEFORE);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the index", () => {
  it("finds French words in their other forms, with or without accents, across apostrophes and no-break spaces", async () => {
    const engine = await openIndex(before);
    for (const query of [
      "militaire",
      "militaires",
      "MILITAIRES",
      "defense",
      "Défense",
      "défenses",
      "l'armee",
      "l’Armée",
      "etat-major",
      "état major",
      "cooperation inedite",
    ])
      expect(await searchUrls(engine, query), query).toEqual([SEARCH_ARTICLE_URL]);
    // « 3 000 »: the number, written with a narrow no-break space, is two words.
    expect(await searchUrls(engine, "000 militaires")).toEqual([SEARCH_ARTICLE_URL]);
    expect(await searchUrls(engine, "Genève")).toEqual(["/international/sommet-a-geneve/"]);
    // Headline, standfirst, body, tags and authors are all searched.
    expect(await searchUrls(engine, "Armées")).toEqual([SEARCH_ARTICLE_URL]);
    expect(await searchUrls(engine, "Claire Martin")).toContain("/international/sommet-a-geneve/");
  });

  it("finds nothing for a word no article has, and needs every word of the query", async () => {
    const engine = await openIndex(before);
    expect(await searchUrls(engine, "zorglub")).toEqual([]);
    expect(await searchUrls(engine, "militaires zorglub")).toEqual([]);
  });

  it("matches the word being typed by its beginning", async () => {
    const engine = await openIndex(before);
    expect(await searchUrls(engine, "milit")).toEqual([SEARCH_ARTICLE_URL]);
    // Once a space follows, the word is whole.
    expect(await searchUrls(engine, "milit ")).toEqual([]);
  });

  it("never holds a draft or a scheduled article; holds a scheduled one once published", async () => {
    const engine = await openIndex(before);
    expect(await searchUrls(engine, "brouillon")).toEqual([]);
    expect(await searchUrls(engine, "Brésil")).toEqual([]);
    expect(await searchUrls(engine, "inflation")).toEqual([]);
    const after = await openIndex(build(path.join(dir, "after"), AFTER));
    expect(await searchUrls(after, "Brésil")).toEqual(["/international/elections-au-bresil/"]);
    expect(await searchUrls(after, "inflation")).toEqual(["/economie/inflation-en-baisse/"]);
    expect(await searchUrls(after, "brouillon")).toEqual([]);
  });

  it("gives each article's section and year for the filters", async () => {
    const engine = await openIndex(before);
    const [hit] = await engine.search("militaires");
    expect(hit && engine.sectionOf(hit.number)).toBe("international");
    expect(hit && engine.yearOf(hit.number)).toBe("2024");
    expect(engine.manifest.sections.map((section) => section.slug)).toEqual([
      "international",
      "economie",
      "culture",
      "sport",
    ]);
  });
});

describe("an incremental build", () => {
  it("writes the same index as a clean build after an edit, and the same again with nothing changed", () => {
    const out = path.join(dir, "edited");
    build(out, BEFORE);
    const file = path.join(site.articlesDir, "international/2024-03-01-sommet-a-geneve.md");
    const original = readFileSync(file, "utf8");
    try {
      writeFileSync(file, `${original}\nUn paragraphe ajouté sur les négociations.\n`);
      build(out, BEFORE);
      const clean = build(path.join(dir, "edited-clean"), BEFORE, ["--clean"], {
        CACHE_DIR: path.join(dir, "cache-2"),
      });
      expect(indexFiles(out)).toEqual(indexFiles(clean));
      expect(indexFiles(out)).not.toEqual(indexFiles(before));
    } finally {
      writeFileSync(file, original);
    }
    build(out, BEFORE);
    expect(indexFiles(out)).toEqual(indexFiles(before));
  });
});

describe("publisher.yaml", () => {
  /** A copy of the site's data with `extra` added to publisher.yaml. */
  const withPublisher = (name: string, extra: string) => {
    const data = path.join(dir, name);
    rmSync(data, { recursive: true, force: true });
    cpSync(site.dataDir, data, { recursive: true });
    appendFileSync(path.join(data, "publisher.yaml"), `\n${extra}`);
    return data;
  };

  it("turns search off: no search page, no index, no field in the header, no script allowed", () => {
    const data = withPublisher("data-off", "search:\n  enabled: false\n");
    const out = path.join(dir, "off");
    const result = run(out, BEFORE, { data });
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(out)).not.toContain("recherche");
    expect(readdirSync(out)).not.toContain("recherche-index");
    expect(readPage(out, "/").querySelector("form")).toBeNull();
    const headers = parseHeadersFile(readFileSync(path.join(out, "_headers"), "utf8"));
    expect(headers.get("/*")?.get("Content-Security-Policy")).toBe(contentSecurityPolicyHeader());
    expect(contentSecurityPolicyHeader()).not.toContain("script-src");
  });

  it("adds a form to an outside engine, restricted to the site, for readers without JavaScript", () => {
    const data = withPublisher(
      "data-engine",
      "search:\n  engine:\n    name: DuckDuckGo\n    url: https://duckduckgo.com/\n    site: sites\n",
    );
    const out = path.join(dir, "engine");
    const result = run(out, BEFORE, { data });
    expect(result.status, result.stderr).toBe(0);
    const page = readPage(out, "/recherche/");
    const form = page.querySelector('form[action="https://duckduckgo.com/"]');
    // GET, the default: the minifier would drop method="get".
    expect(form?.getAttribute("method")).toBeNull();
    expect(form?.querySelector('input[type="search"]')?.getAttribute("name")).toBe("q");
    expect(form?.querySelector('input[type="hidden"][name="sites"]')?.getAttribute("value")).toBe(
      "www.quotidien-essai.example",
    );
    expect(page.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content")).toContain(
      "form-action 'self' https://duckduckgo.com;",
    );
    // Off by default: the site built from the fixture has no such form.
    const actions = [...readPage(before, "/recherche/").querySelectorAll("form")].map((f) => f.getAttribute("action"));
    expect(actions).toEqual(["/recherche/", "/recherche/"]);
  });

  it("refuses an engine that is not https, naming the field", () => {
    const data = withPublisher(
      "data-bad-engine",
      "search:\n  engine:\n    name: Moteur\n    url: http://moteur.example/\n    site: sites\n",
    );
    const result = run(path.join(dir, "bad"), BEFORE, { data });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /publisher\.yaml: search\.engine\.url: "http:\/\/moteur\.example\/" is not an https URL/,
    );
  });
});

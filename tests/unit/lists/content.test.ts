import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ContentValidationError, formatProblem } from "../../../scripts/input/content-error.ts";
import { listArticleFiles } from "../../../scripts/input/load-sources.ts";
import { ContentLoader, loadContent } from "../../../scripts/lists/content.ts";
import { shownPath } from "../../../scripts/text/shown-path.ts";
import { makeTempDir, ROOT } from "../../helpers/build.ts";
import { problemLinesOf } from "../../helpers/problems.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
let dir: string;
let paths: { articlesDir: string; dataDir: string };

beforeEach(() => {
  dir = makeTempDir("news-load-");
  cpSync(FIXTURE, dir, { recursive: true });
  paths = { articlesDir: path.join(dir, "articles"), dataDir: path.join(dir, "data") };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const article = (section: string, name: string, frontMatter: Record<string, string>, body = "Un paragraphe.\n") => {
  const file = path.join(paths.articlesDir, section, name);
  mkdirSync(path.dirname(file), { recursive: true });
  const yaml = Object.entries(frontMatter)
    .map(([key, value]) => `${key}: ${value}`)
    .join("\n");
  writeFileSync(file, `---\n${yaml}\n---\n\n${body}`);
  return shownPath(file);
};

const valid = (date: string, section = "culture") => ({
  title: "Un titre",
  standfirst: "Un chapô.",
  date,
  section,
  author: "La Rédaction",
});

/** Every problem line of a failed load. */
const problemLines = (options?: Parameters<typeof loadContent>[1]) => problemLinesOf(() => loadContent(paths, options));

describe("loadContent", () => {
  it("loads the newsroom: published articles newest first, drafts left out", () => {
    const content = loadContent(paths);
    expect(content.articles.map((a) => a.url)).toEqual([
      "/economie/inflation-en-baisse/",
      "/international/elections-au-bresil/",
      "/economie/greve-en-direct/",
      "/culture/festival-d-avignon/",
      "/economie/la-bourse-recule/",
      "/culture/un-roman-prime/",
      "/international/sommet-a-geneve/",
    ]);
    expect(content.sections.map((s) => s.slug)).toEqual(["international", "economie", "culture"]);
    expect(content.homePages[0]?.items).toHaveLength(4);
  });

  it("includes drafts when asked (the dev server)", () => {
    expect(loadContent(paths, { includeDrafts: true }).articles.map((a) => a.url)).toContain("/culture/brouillon/");
  });

  it("reports the problems of every file together, one line each", () => {
    const a = article("culture", "2024-03-10-premier.md", { ...valid("2024-03-10T10:00:00+01:00"), tittle: "x" });
    const b = article("culture", "2024-03-11-second.md", { ...valid("11/03/2024") });
    const lines = problemLines();
    expect(lines).toEqual([
      `${a}: tittle: is not a known field; did you mean \`title\`?`,
      `${b}: date: "11/03/2024" is not an ISO 8601 date-time with offset (e.g. 2023-04-18T14:05:00+02:00)`,
    ]);
  });

  it("rejects two articles with the same URL", () => {
    article("culture", "2024-03-10-meme-titre.md", valid("2024-03-10T10:00:00+01:00"));
    const second = article("culture", "2024-03-11-meme-titre.md", valid("2024-03-11T10:00:00+01:00"));
    expect(problemLines()).toEqual([
      `${second}: (file name): gives the URL /culture/meme-titre/, already used by ${shownPath(path.join(paths.articlesDir, "culture/2024-03-10-meme-titre.md"))}; expected a unique slug per section`,
    ]);
  });

  it("rejects an article in a section the publisher does not declare", () => {
    const file = article("meteo", "2024-03-10-orage.md", valid("2024-03-10T10:00:00+01:00", "meteo"));
    expect(problemLines()).toEqual([
      `${file}: section: "meteo" is not a declared section; expected one of international, economie, culture, sport`,
    ]);
  });

  it("rejects an empty body", () => {
    const file = article("culture", "2024-03-10-vide.md", valid("2024-03-10T10:00:00+01:00"), "\n");
    expect(problemLines()).toEqual([`${file}: body: is empty; expected the article's text after the front matter`]);
  });

  it("names the publisher file and field, with a suggestion for a misspelt key", () => {
    const file = path.join(paths.dataDir, "publisher.yaml");
    writeFileSync(file, "nmae: Le Quotidien\nurl: https://www.exemple.fr\n");
    const lines = problemLines();
    const shown = shownPath(file);
    expect(lines).toEqual(
      expect.arrayContaining([
        `${shown}: name: is missing; expected the publisher's name`,
        `${shown}: nmae: is not a known field; did you mean \`name\`?`,
        `${shown}: timeZone: is missing; expected an IANA time zone (e.g. Europe/Paris)`,
      ]),
    );
  });

  it("reports invalid YAML in the publisher metadata with its line", () => {
    writeFileSync(path.join(paths.dataDir, "publisher.yaml"), "name: Le Quotidien\nurl: [https://x\n");
    expect(problemLines()[0]).toMatch(/publisher\.yaml: \(file\): invalid YAML at line \d+ \(/);
  });

  it("reports missing publisher metadata and a settings file that is not UTF-8", () => {
    rmSync(path.join(paths.dataDir, "publisher.yaml"));
    writeFileSync(path.join(paths.dataDir, "settings.yaml"), Buffer.from("homeArticleCount: 4\n# caf\xe9\n", "latin1"));
    const lines = problemLines();
    expect(lines).toEqual([
      expect.stringMatching(/publisher\.yaml: \(file\): is missing; expected a YAML file$/),
      expect.stringMatching(/settings\.yaml: \(file\): line 2 is not valid UTF-8/),
    ]);
  });

  it("reports the accessibility file's problems whatever publisher.yaml's", () => {
    rmSync(path.join(paths.dataDir, "publisher.yaml"));
    writeFileSync(
      path.join(paths.dataDir, "accessibility.yaml"),
      "established: 2024-03-10\nstatus: totalement conforme\n",
    );
    expect(problemLines()).toEqual([
      expect.stringMatching(/publisher\.yaml: \(file\): is missing; expected a YAML file$/),
      expect.stringMatching(
        /accessibility\.yaml: status: is not a known field; expected one of established, updated, audit, contact$/,
      ),
    ]);
  });

  it("reports a folder without articles", () => {
    rmSync(paths.articlesDir, { recursive: true });
    mkdirSync(paths.articlesDir);
    expect(problemLines()).toEqual([expect.stringMatching(/articles: \(folder\): has no articles/)]);
  });

  it("holds back articles dated after the build time, and shows them marked when asked (the preview)", () => {
    const buildTime = DateTime.fromISO("2024-03-05T12:00:00Z");
    // The newsroom as it was on 5 March: « Élections au Brésil » was corrected on the 6th.
    const elections = path.join(paths.articlesDir, "international/2024-03-05-elections-au-bresil.md");
    writeFileSync(elections, readFileSync(elections, "utf8").replace(/^corrections:\n(?: .*\n)+/m, ""));
    const content = loadContent(paths, { buildTime });
    expect(content.articles.map((a) => a.url)).toEqual([
      "/economie/greve-en-direct/",
      "/culture/festival-d-avignon/",
      "/economie/la-bourse-recule/",
      "/culture/un-roman-prime/",
      "/international/sommet-a-geneve/",
    ]);
    // Soonest first; the draft of 7 March is not waiting to be published.
    expect(content.scheduled.map((a) => a.published.iso)).toEqual([
      "2024-03-05T18:30:00+01:00",
      "2024-03-06T07:00:00+01:00",
    ]);
    // Nothing derived from the content shows them: lists, topics, archive, authors, related.
    const everywhere = JSON.stringify([
      content.homePages,
      content.sectionPages,
      content.topicPages,
      content.monthPages,
      content.authorPages,
      content.related,
      content.newsroom,
    ]);
    for (const held of content.scheduled) expect(everywhere).not.toContain(held.url);
    const preview = loadContent(paths, { buildTime, includeScheduled: true, includeDrafts: true });
    expect(preview.articles.filter((a) => a.scheduled).map((a) => a.url)).toEqual([
      "/culture/brouillon/",
      "/economie/inflation-en-baisse/",
      "/international/elections-au-bresil/",
    ]);
  });

  it("reads the authors and their articles; without authors.yaml there are none", () => {
    const content = loadContent(paths);
    expect(content.authorPages.map((page) => [page.url, page.items.map((a) => a.url)])).toEqual([
      ["/auteurs/claire-martin/", ["/international/elections-au-bresil/", "/international/sommet-a-geneve/"]],
      [
        "/auteurs/jean-dupont/",
        ["/economie/greve-en-direct/", "/economie/la-bourse-recule/", "/international/sommet-a-geneve/"],
      ],
      ["/auteurs/la-redaction/", []],
    ]);
    rmSync(path.join(paths.dataDir, "authors.yaml"));
    const lines = problemLines();
    expect(lines).toEqual([
      expect.stringContaining(
        'articles/economie/2024-03-03-la-bourse-recule.md: authors.0: "jean-dupont" is not an author: authors.yaml declares none',
      ),
      expect.stringContaining('greve-en-direct.md: authors.0: "jean-dupont" is not an author'),
      expect.stringContaining('sommet-a-geneve.md: authors.0: "claire-martin" is not an author'),
      expect.stringContaining('sommet-a-geneve.md: authors.1: "jean-dupont" is not an author'),
      expect.stringContaining('elections-au-bresil.md: authors.0: "claire-martin" is not an author'),
    ]);
  });

  it("reports problems of authors.yaml before reading any article", () => {
    const file = path.join(paths.dataDir, "authors.yaml");
    writeFileSync(
      file,
      [
        "authors:",
        "  - { slug: jean-dupont, name: Jean Dupont, role: Journaliste, bio: Une bio. }",
        "  - { slug: jean-dupont, name: Jean Dupond, role: Journaliste, bio: Une bio. }",
        "  - { slug: page, name: Page, role: Journaliste, bio: Une bio. }",
        "",
      ].join("\n"),
    );
    expect(problemLines()).toEqual([
      `${shownPath(file)}: authors.1.slug: "jean-dupont" is declared twice; expected unique author slugs`,
    ]);
    writeFileSync(file, "authors:\n  - { slug: page, name: Page, role: Journaliste, bio: Une bio. }\n");
    expect(problemLines()).toEqual([
      `${shownPath(file)}: authors.0.slug: "page" gives the URL /auteurs/page/, where the numbered pages of /auteurs/ go (/auteurs/page/2/); expected another slug`,
    ]);
  });

  it("re-reads an article after it changes (the cache is keyed on the file)", () => {
    loadContent(paths);
    const file = path.join(paths.articlesDir, "culture/2024-03-02-un-roman-prime.md");
    writeFileSync(file, "---\ntittle: x\n---\n\nTexte.\n");
    expect(problemLines().some((line) => line.includes("tittle"))).toBe(true);
  });
});

describe("dates that cannot be true", () => {
  const buildTime = DateTime.fromISO("2024-03-12T12:00:00Z");
  const dated = (extra: Record<string, string>) =>
    article("culture", "2024-03-10-corrige.md", { ...valid("2024-03-10T10:00:00+01:00"), ...extra });
  const correction = (date: string) => `[{ date: "${date}", text: Une erreur corrigée. }]`;

  it.each([
    ["a modification in 2099", { modified: "2099-01-01T10:00:00+01:00" }, "modified", "2099-01-01T10:00:00+01:00"],
    [
      "a correction in 2099",
      { corrections: correction("2099-06-01T10:00:00+02:00") },
      "corrections.0.date",
      "2099-06-01T10:00:00+02:00",
    ],
    [
      "a correction a minute after the build",
      { corrections: correction("2024-03-12T13:01:00+01:00") },
      "corrections.0.date",
      "2024-03-12T13:01:00+01:00",
    ],
  ])("refuses %s, in one line naming the build time", (_what, extra, field, iso) => {
    const file = dated(extra);
    expect(problemLines({ buildTime })).toEqual([
      `${file}: ${field}: "${iso}" is after the build time (2024-03-12T12:00:00Z); expected a date that has passed: a modification or a correction cannot be scheduled (set the article's own date to publish it later)`,
    ]);
  });

  it("refuses a future date beside the article's other problems, and one of a scheduled article too", () => {
    const file = dated({
      corrections: `[{ date: "2099-06-01T10:00:00+02:00", text: "" }, { date: "2099-06-02T10:00:00+02:00", text: Une autre. }]`,
    });
    const later = article("culture", "2024-03-20-programme.md", {
      ...valid("2024-03-20T10:00:00+01:00"),
      modified: "2024-03-21T10:00:00+01:00",
    });
    expect(problemLines({ buildTime })).toEqual([
      `${file}: corrections.0.text: is empty; expected what was corrected, in a sentence or two`,
      expect.stringMatching(
        new RegExp(`^${file}: corrections\\.0\\.date: "2099-06-01T10:00:00\\+02:00" is after the build time`),
      ),
      expect.stringMatching(
        new RegExp(`^${file}: corrections\\.1\\.date: "2099-06-02T10:00:00\\+02:00" is after the build time`),
      ),
      expect.stringMatching(new RegExp(`^${later}: modified: "2024-03-21T10:00:00\\+01:00" is after the build time`)),
    ]);
  });

  it("accepts a correction made exactly at the build time, and a page updated then", () => {
    dated({ corrections: correction("2024-03-12T13:00:00+01:00") });
    const content = loadContent(paths, { buildTime });
    expect(content.articles.find((a) => a.slug === "corrige")?.updated.iso).toBe("2024-03-12T13:00:00+01:00");
  });

  it("refuses a page about the publisher updated after the build time", () => {
    const pages = path.join(dir, "pages");
    mkdirSync(pages);
    writeFileSync(
      path.join(paths.dataDir, "publisher.yaml"),
      `${readFileSync(path.join(paths.dataDir, "publisher.yaml"), "utf8").replace(/^pages:.*$/m, "")}\npages:\n  - slug: a-propos\n`,
    );
    writeFileSync(
      path.join(pages, "a-propos.md"),
      "---\ntitle: À propos\ndescription: Qui nous sommes.\nupdated: 2099-01-01T00:00:00+01:00\n---\n\nUn texte.\n",
    );
    expect(problemLinesOf(() => loadContent({ ...paths, pagesDir: pages }, { buildTime }))).toEqual([
      expect.stringMatching(/a-propos\.md: updated: "2099-01-01T00:00:00\+01:00" is after the build time/),
    ]);
  });
});

describe("look-alike tags across articles", () => {
  const tagged = (name: string, day: string, tags: string) =>
    article("culture", `2024-03-${day}-${name}.md`, { ...valid(`2024-03-${day}T10:00:00+01:00`), tags });

  it("gives C, C++ and C# topic pages of their own, headed as written", () => {
    tagged("un", "10", "[C]");
    tagged("deux", "11", "[C++]");
    tagged("trois", "12", '["C#"]');
    const topics = loadContent(paths).topics.filter((topic) => topic.name.startsWith("C"));
    expect(topics.map((topic) => [topic.name, topic.url])).toEqual([
      ["C", "/sujets/c/"],
      ["C#", "/sujets/c-sharp/"],
      ["C++", "/sujets/c-plus-plus/"],
    ]);
  });

  it("merges spellings that differ in case and accents only, under the newest article's", () => {
    tagged("un", "10", "[elysee]");
    tagged("deux", "11", "[ÉLYSÉE]");
    tagged("trois", "12", "[Élysée]");
    const topic = loadContent(paths).topics.find((t) => t.slug === "elysee");
    expect([topic?.name, topic?.articles.length]).toEqual(["Élysée", 3]);
  });

  it("refuses spellings that would share a page otherwise, naming both and the spelling most articles use", () => {
    tagged("un", "09", "[Élysée]");
    tagged("deux", "10", "[Élysée]");
    const newest = tagged("trois", "11", "[Élysée]");
    const c = tagged("quatre", "12", '["Élysée!"]');
    const d = tagged("cinq", "13", '["Élysée !", "Jean-Luc"]');
    const e = tagged("six", "14", '["Jean Luc"]');
    expect(problemLines()).toEqual([
      expect.stringMatching(
        new RegExp(`^${c}: tags\\.0: "Élysée\u202F!" would share the topic page /sujets/elysee/ with "Élysée"`),
      ),
      `${d}: tags.0: "Élysée\u202F!" would share the topic page /sujets/elysee/ with "Élysée" (3 articles, e.g. ${newest}); tags are merged only when they differ in case or accents: expected "Élysée", or a tag that differs in its letters or digits`,
      // Between equals, the newest article's spelling is the topic's.
      expect.stringMatching(
        new RegExp(
          `^${d}: tags\\.1: "Jean-Luc" would share the topic page /sujets/jean-luc/ with "Jean Luc" \\(1 article, e\\.g\\. ${e}\\)`,
        ),
      ),
    ]);
  });
});

describe("one problem never hides another, in the publisher's files", () => {
  it("reports a section slug declared twice while another field is wrong", () => {
    const file = path.join(paths.dataDir, "publisher.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("timeZone: Europe/Paris", "timeZone: Europe/Lutece")
        .replace("  - slug: sport\n", "  - slug: culture\n"),
    );
    expect(problemLines()).toEqual([
      `${shownPath(file)}: timeZone: "Europe/Lutece" is not an IANA time zone (e.g. Europe/Paris)`,
      `${shownPath(file)}: sections.3.slug: "culture" is declared twice; expected unique section slugs`,
    ]);
  });

  it("reports an author slug declared twice, and a name that shows nothing, while another entry is wrong", () => {
    const file = path.join(paths.dataDir, "authors.yaml");
    const text = readFileSync(file, "utf8");
    const [first = ""] = text.match(/^ {2}- [\s\S]*?(?=^ {2}- |(?![\s\S]))/m) ?? [];
    writeFileSync(
      file,
      `${text}${first}  - slug: "Pas Un Slug"\n    name: "\\u200B"\n    role: Journaliste\n    bio: Une bio.\n`,
    );
    const lines = problemLines();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/authors\.yaml: authors\.\d+\.slug: "Pas Un Slug" is not an ASCII slug/),
        expect.stringMatching(/authors\.yaml: authors\.\d+\.name: shows nothing/),
        expect.stringMatching(
          /authors\.yaml: authors\.\d+\.slug: ".+" is declared twice; expected unique author slugs/,
        ),
      ]),
    );
  });

  it("checks the articles against what of the metadata is valid: one run names every problem", () => {
    const file = path.join(paths.dataDir, "publisher.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^email: .*$/m, "email: pas-une-adresse"));
    const sport = article("rugby", "2024-03-10-match.md", {
      ...valid("2024-03-10T10:00:00+01:00", "rugby"),
      authors: "[personne]",
    });
    const late = article("culture", "2024-03-11-decale.md", valid("2024-03-12T10:00:00+01:00"));
    expect(problemLines()).toEqual([
      `${shownPath(file)}: email: "pas-une-adresse" is not an e-mail address (e.g. redaction@example.fr)`,
      expect.stringMatching(
        /2024-03-11-decale\.md: date: "2024-03-12T10:00:00\+01:00" is 2024-03-12 in Europe\/Paris, but the file name says 2024-03-11/,
      ),
      expect.stringMatching(new RegExp(`^${sport}: section: "rugby" is not a declared section`)),
      expect.stringMatching(new RegExp(`^${sport}: authors\\.0: "personne" is not an author of authors\\.yaml`)),
    ]);
    expect(late).toMatch(/decale/);
  });

  it("reports a section name that shows nothing", () => {
    const file = path.join(paths.dataDir, "publisher.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("name: Culture", 'name: "\\u3164"'));
    expect(problemLines()).toEqual([
      expect.stringMatching(
        /publisher\.yaml: sections\.2\.name: shows nothing: it is made only of invisible characters \(U\+3164\)/,
      ),
    ]);
  });
});

describe("links to articles not published yet", () => {
  const buildTime = DateTime.fromISO("2024-03-12T12:00:00Z");
  const linking = (target: string) =>
    article("culture", "2024-03-10-lien.md", valid("2024-03-10T10:00:00+01:00"), `Voir [la suite](${target}).\n`);

  it("are a problem of the build, naming both articles and when the link will work", () => {
    const from = linking("/culture/demain/");
    const to = article("culture", "2024-03-13-demain.md", valid("2024-03-13T09:00:00+01:00"));
    expect(problemLines({ buildTime })).toEqual([
      `${from}: body: links to /culture/demain/ (${to}), scheduled for 2024-03-13T09:00:00+01:00: the page would hold a broken link until then; expected the link added once it is published, or this article scheduled at 2024-03-13T09:00:00+01:00 or later`,
    ]);
  });

  it("to a draft are a problem of the build too", () => {
    const from = linking("/culture/brouillon");
    expect(problemLines({ buildTime })).toEqual([
      expect.stringMatching(
        new RegExp(`^${from}: body: links to /culture/brouillon/ \\(.*2024-03-07-brouillon\\.md\\), a draft`),
      ),
    ]);
  });

  it("are a warning in the preview, which shows scheduled articles and drafts", () => {
    linking("/culture/demain/");
    article("culture", "2024-03-13-demain.md", valid("2024-03-13T09:00:00+01:00"));
    const loaded = new ContentLoader().load(paths, { buildTime, includeScheduled: true, includeDrafts: true });
    expect(loaded.warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(/^links to \/culture\/demain\/ .*scheduled for 2024-03-13T09:00:00\+01:00/),
    ]);
  });
});

describe("files of the articles folder that are not read", () => {
  it("are said once, in one warning, never left out in silence; photos and dotfiles are not among them", () => {
    for (const name of [
      "2024-03-02-un-roman-prime.md.bak",
      "notes.txt",
      "2024-03-02-un-roman-prime.md~",
      "photo.jpg",
      ".DS_Store",
    ]) {
      writeFileSync(path.join(paths.articlesDir, "culture", name), "x");
    }
    const { warnings } = new ContentLoader().load(paths);
    expect(warnings.map(formatProblem)).toEqual([
      `${shownPath(paths.articlesDir)}: (folder): 3 files are not read: culture/2024-03-02-un-roman-prime.md.bak, culture/2024-03-02-un-roman-prime.md~, culture/notes.txt; expected only articles (<section>/<yyyy-mm-dd>-<slug>.md) and the photos beside them (rename a file to .md to publish it)`,
    ]);
  });
});

describe("listArticleFiles", () => {
  it("lists Markdown files in a stable order and nothing for a missing folder", () => {
    const files = listArticleFiles(paths.articlesDir).map((f) => path.relative(paths.articlesDir, f));
    expect(files).toEqual([...files].sort());
    expect(files).toContain(path.join("culture", "2024-03-02-un-roman-prime.md"));
    expect(listArticleFiles(path.join(dir, "absent"))).toEqual([]);
  });
});

describe("ContentValidationError", () => {
  it("carries every problem and asks Eleventy not to print a stack", () => {
    const error = new ContentValidationError([{ file: "a.md", field: "title", message: "is missing" }]);
    expect(error.message).toContain("a.md: title: is missing");
    expect(error.skipOriginalStack).toBe(true);
  });
});

describe("ContentLoader (the preview's loads, one per save)", () => {
  it("returns the last content when nothing changed, and reports a problem that only the tree's links make", () => {
    const loader = new ContentLoader();
    const first = loader.load(paths);
    expect(loader.load(paths)).toBe(first);
    const loop = path.join(paths.articlesDir, "culture", "boucle");
    symlinkSync("..", loop);
    expect(problemLinesOf(() => loader.load(paths))).toEqual([
      `${shownPath(loop)}: (folder): leads back to ${shownPath(paths.articlesDir)}, a folder that contains it (a loop); expected links to lead out of the tree`,
    ]);
    unlinkSync(loop);
    expect(loader.load(paths).content.articles).toEqual(first.content.articles);
  });
});

/**
 * Editors' mistakes, one per row: each builds a copy of the newsroom over a good dist/, and
 * the bad build must exit non-zero, name the file and the field, and leave dist/ byte-identical.
 * Rows cover each class of bad input: fields, bodies, files that are not ordinary files, text
 * with control characters, URLs claimed twice.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shownPath } from "../../scripts/text/shown-path.ts";
import { type BuiltSite, buildSite, makeTempDir, ROOT } from "../helpers/build.ts";
import { runBuildAsync } from "../helpers/spawn-build.ts";
import { hashTree } from "../helpers/tree.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
const ROMAN = "articles/culture/2024-03-02-un-roman-prime.md";
const BOURSE = "articles/economie/2024-03-03-la-bourse-recule.md";
/** Live coverage: updates newest first, from 12:40 down to 07:30 on 5 March. */
const GREVE = "articles/economie/2024-03-05-greve-en-direct.md";
const PUBLISHER = "data/publisher.yaml";
const AUTHORS = "data/authors.yaml";

/** An author entry of authors.yaml, for appending to it. */
const authorEntry = (slug: string) => `  - { slug: ${slug}, name: Quelqu'un, role: Journaliste, bio: Une bio. }\n`;

/** Sets (or with null removes) one front matter or YAML line `key: value`; adds it when absent. */
function setField(file: string, key: string, value: string | null): void {
  const text = readFileSync(file, "utf8");
  const line = new RegExp(`^${key}:.*$\\n?`, "m");
  const replacement = value === null ? "" : `${key}: ${value}\n`;
  const next = line.test(text) ? text.replace(line, replacement) : text.replace(/\n---\n/, `\n${replacement}---\n`);
  if (next === text) throw new Error(`setField(${key}) changed nothing in ${file}`);
  writeFileSync(file, next);
}

function editText(file: string, edit: (text: string) => string): void {
  writeFileSync(file, edit(readFileSync(file, "utf8")));
}

interface BadInput {
  name: string;
  /** The file the message must name, relative to the case folder. */
  file: string;
  field: string;
  /** Part of the message after "file: field: ". */
  message: string;
  mutate(dir: string): void;
}

const at = (dir: string, file: string) => path.join(dir, file);

/** Declares one more section after the newsroom's four (it is sections.4). */
function declareSection(dir: string, slug: string): void {
  editText(at(dir, PUBLISHER), (t) =>
    t.replace(
      "    description: Une rubrique sans article.\n",
      `    description: Une rubrique sans article.\n  - slug: ${slug}\n    name: Rubrique\n    description: Une rubrique.\n`,
    ),
  );
}

const TUBE = "articles/culture/2024-03-09-tube.md";
const ZERO = "articles/culture/2024-03-09-zero.md";
const LOST = "articles/culture/2024-03-09-perdu.md";
const SELF = "articles/culture/2024-03-09-soi.md";
const LOOP = "articles/culture/boucle";
const BIG = "articles/culture/2024-03-09-enorme.md";
const PAGE = "articles/culture/2024-03-05-page.md";

const CASES: BadInput[] = [
  {
    name: "live update out of order",
    file: GREVE,
    field: "body",
    message:
      "line 20: 2024-03-05T13:00:00+01:00 is not earlier than the update above it (line 15, 2024-03-05T12:40:00+01:00); expected the newest update first",
    mutate: (d) =>
      editText(at(d, GREVE), (t) => t.replace("## 2024-03-05T11:15:00+01:00", "## 2024-03-05T13:00:00+01:00")),
  },
  {
    name: "live update before the coverage's start",
    file: GREVE,
    field: "body",
    message:
      "line 33: 2024-03-05T06:30:00+01:00 is before live.start (2024-03-05T07:30:00+01:00); expected a time within the coverage",
    mutate: (d) =>
      editText(at(d, GREVE), (t) => t.replace("## 2024-03-05T07:30:00+01:00", "## 2024-03-05T06:30:00+01:00")),
  },
  {
    name: "live update without a time",
    file: GREVE,
    field: "body",
    message: 'line 28: "## Un train sur deux en Île-de-France" does not start with its time',
    mutate: (d) => editText(at(d, GREVE), (t) => t.replace("## 2024-03-05T09:05:00+01:00 — ", "## ")),
  },
  {
    name: "live coverage ending before it starts",
    file: GREVE,
    field: "live.end",
    message: 'is not after live.start "2024-03-05T07:30:00+01:00"',
    mutate: (d) =>
      editText(at(d, GREVE), (t) =>
        t.replace("  start: 2024-03-05T07:30:00+01:00\n", "$&  end: 2024-03-05T07:00:00+01:00\n"),
      ),
  },
  {
    name: "missing headline",
    file: ROMAN,
    field: "title",
    message: "is missing; expected a headline",
    mutate: (d) => setField(at(d, ROMAN), "title", null),
  },
  {
    name: "empty headline",
    file: ROMAN,
    field: "title",
    message: "is empty; expected a headline",
    mutate: (d) => setField(at(d, ROMAN), "title", '""'),
  },
  {
    name: "headline over 110 characters",
    file: ROMAN,
    field: "title",
    message: "is 111 characters long; expected at most 110",
    mutate: (d) => setField(at(d, ROMAN), "title", "r".repeat(111)),
  },
  {
    name: "date not ISO 8601",
    file: ROMAN,
    field: "date",
    message: '"02/03/2024" is not an ISO 8601 date-time with offset (e.g. 2023-04-18T14:05:00+02:00)',
    mutate: (d) => setField(at(d, ROMAN), "date", '"02/03/2024"'),
  },
  {
    name: "date without offset",
    file: ROMAN,
    field: "date",
    message: "has no UTC offset",
    mutate: (d) => setField(at(d, ROMAN), "date", "2024-03-02T12:00:00"),
  },
  {
    name: "impossible date",
    file: ROMAN,
    field: "date",
    message: "is not a real date and time",
    mutate: (d) => setField(at(d, ROMAN), "date", "2024-03-02T24:30:00+01:00"),
  },
  {
    name: "headline made only of zero-width characters",
    file: ROMAN,
    field: "title",
    message: "shows nothing: it is made only of invisible characters (U+200B U+2060); expected visible text",
    mutate: (d) => setField(at(d, ROMAN), "title", '"\\u200B\\u2060\\u200B"'),
  },
  {
    name: "correction dated in 2099",
    file: ROMAN,
    field: "corrections.0.date",
    message: '"2099-01-01T10:00:00+01:00" is after the build time',
    mutate: (d) =>
      setField(at(d, ROMAN), "corrections", '[{ date: "2099-01-01T10:00:00+01:00", text: Une correction. }]'),
  },
  {
    name: "tag that would share another's topic page",
    file: ROMAN,
    field: "tags.0",
    message: '"Marchés\u202F!" would share the topic page /sujets/marches/ with "Marchés"',
    mutate: (d) => setField(at(d, ROMAN), "tags", '["Marchés!"]'),
  },
  {
    name: "modified before published",
    file: ROMAN,
    field: "modified",
    message: "is before the publication date",
    mutate: (d) => setField(at(d, ROMAN), "modified", "2024-03-01T12:00:00+01:00"),
  },
  {
    name: "file name disagrees with the date",
    file: ROMAN,
    field: "date",
    message: "but the file name says 2024-03-02",
    mutate: (d) => setField(at(d, ROMAN), "date", "2024-03-05T12:00:00+01:00"),
  },
  {
    name: "section not declared by the publisher",
    file: "articles/meteo/2024-03-02-orage.md",
    field: "section",
    message: '"meteo" is not a declared section; expected one of international, economie, culture, sport',
    mutate: (d) => {
      cpSync(at(d, ROMAN), at(d, "articles/meteo/2024-03-02-orage.md"));
      setField(at(d, "articles/meteo/2024-03-02-orage.md"), "section", "meteo");
    },
  },
  {
    name: "section that disagrees with the folder",
    file: ROMAN,
    field: "section",
    message: 'does not match the folder "culture"',
    mutate: (d) => setField(at(d, ROMAN), "section", "economie"),
  },
  {
    name: "tags as one string",
    file: ROMAN,
    field: "tags",
    message: '"Livres, Romans" is not a list of tags',
    mutate: (d) => setField(at(d, ROMAN), "tags", "Livres, Romans"),
  },
  {
    name: "tags that are not strings",
    file: ROMAN,
    field: "tags.1",
    message: "2024 is not a tag",
    mutate: (d) => setField(at(d, ROMAN), "tags", "[Livres, 2024]"),
  },
  {
    name: "misspelt key",
    file: ROMAN,
    field: "tittle",
    message: "is not a known field; did you mean `title`?",
    mutate: (d) => editText(at(d, ROMAN), (t) => t.replace(/^title:/m, "tittle:")),
  },
  {
    name: "unknown key",
    file: ROMAN,
    field: "rubrique",
    message: "is not a known field; expected one of title, standfirst",
    mutate: (d) => setField(at(d, ROMAN), "rubrique", "culture"),
  },
  {
    name: "key written twice",
    file: ROMAN,
    field: "author",
    message: "appears twice",
    mutate: (d) => setField(at(d, ROMAN), "tags", "[Livres]\nauthor: Quelqu'un"),
  },
  {
    name: "draft that is not true or false",
    file: ROMAN,
    field: "draft",
    message: '"non" is not true or false',
    mutate: (d) => setField(at(d, ROMAN), "draft", '"non"'),
  },
  {
    name: "two articles with the same URL",
    file: "articles/culture/2024-03-03-un-roman-prime.md",
    field: "(file name)",
    message: "gives the URL /culture/un-roman-prime/, already used by",
    mutate: (d) => {
      const copy = at(d, "articles/culture/2024-03-03-un-roman-prime.md");
      cpSync(at(d, ROMAN), copy);
      setField(copy, "date", "2024-03-03T12:00:00+01:00");
    },
  },
  {
    name: "empty body",
    file: ROMAN,
    field: "body",
    message: "is empty; expected the article's text",
    mutate: (d) => editText(at(d, ROMAN), (t) => t.slice(0, t.indexOf("\n---\n") + 5)),
  },
  {
    name: "level-1 heading in the body",
    file: ROMAN,
    field: "body",
    message: "a level-1 heading (#)",
    mutate: (d) => editText(at(d, ROMAN), (t) => t.replace("## Un intertitre", "# Un intertitre")),
  },
  {
    name: "javascript: link in the body",
    file: ROMAN,
    field: "body",
    message: '"javascript:alert(1)" is not an allowed link',
    mutate: (d) => editText(at(d, ROMAN), (t) => `${t}\n[Clic](javascript:alert(1))\n`),
  },
  {
    name: "data: link in the body",
    file: ROMAN,
    field: "body",
    message: '"data:text/html;base64,PHNjcmlwdD4=" is not an allowed link',
    mutate: (d) => editText(at(d, ROMAN), (t) => `${t}\n[Clic](data:text/html;base64,PHNjcmlwdD4=)\n`),
  },
  {
    name: "image from another origin",
    file: ROMAN,
    field: "body",
    message: '"https://tracker.example/p.gif" is not an allowed image',
    mutate: (d) => editText(at(d, ROMAN), (t) => `${t}\n![Pixel](https://tracker.example/p.gif)\n`),
  },
  {
    name: "invalid YAML",
    file: ROMAN,
    field: "front matter",
    message: "invalid YAML at line",
    mutate: (d) => setField(at(d, ROMAN), "title", '"Un roman primé'),
  },
  {
    name: "no front matter",
    file: ROMAN,
    field: "front matter",
    message: "is missing; expected the file to start with a YAML block",
    mutate: (d) => writeFileSync(at(d, ROMAN), "Un texte sans métadonnées.\n"),
  },
  {
    name: "file that is not UTF-8",
    file: ROMAN,
    field: "(file)",
    message: "is not valid UTF-8",
    mutate: (d) => writeFileSync(at(d, ROMAN), Buffer.from(readFileSync(at(d, ROMAN), "utf8"), "latin1")),
  },
  {
    name: "file name without a date",
    file: "articles/culture/un-roman-prime.md",
    field: "(file name)",
    message: "is not <yyyy-mm-dd>-<ascii-slug>.md",
    mutate: (d) => renameSync(at(d, ROMAN), at(d, "articles/culture/un-roman-prime.md")),
  },
  {
    name: "article with neither byline nor authors",
    file: ROMAN,
    field: "author",
    message: "is missing; expected the byline (e.g. La Rédaction) or `authors`",
    mutate: (d) => setField(at(d, ROMAN), "author", null),
  },
  {
    name: "unknown author",
    file: ROMAN,
    field: "authors.0",
    message: '"claire-martn" is not an author of authors.yaml; did you mean `claire-martin`?',
    mutate: (d) => setField(at(d, ROMAN), "authors", "[claire-martn]"),
  },
  {
    name: "correction dated before the article",
    file: ROMAN,
    field: "corrections.0.date",
    message: '"2024-03-01T12:00:00+01:00" is before the publication date "2024-03-02T12:00:00+01:00"',
    mutate: (d) => setField(at(d, ROMAN), "corrections", '[{ date: 2024-03-01T12:00:00+01:00, text: "Trop tôt." }]'),
  },
  {
    name: "two authors with the same slug",
    file: AUTHORS,
    field: "authors.3.slug",
    message: '"jean-dupont" is declared twice; expected unique author slugs',
    mutate: (d) => editText(at(d, AUTHORS), (t) => t + authorEntry("jean-dupont")),
  },
  {
    name: "author slug that takes the URL of the authors index's numbered pages",
    file: AUTHORS,
    field: "authors.3.slug",
    message: '"page" gives the URL /auteurs/page/, where the numbered pages of /auteurs/ go',
    mutate: (d) => editText(at(d, AUTHORS), (t) => t + authorEntry("page")),
  },
  {
    name: "page about the publisher whose URL is a section's",
    file: "pages/culture.md",
    field: "(file name)",
    message: "gives the URL /culture/, already used by the section « Culture »; expected another slug",
    mutate: (d) => {
      editText(at(d, PUBLISHER), (t) => `${t}pages:\n  - slug: culture\n`);
      mkdirSync(at(d, "pages"));
      writeFileSync(at(d, "pages/culture.md"), "---\ntitle: Culture\ndescription: Une page.\n---\n\nTexte.\n");
    },
  },
  {
    name: "page about the publisher that publisher.yaml does not list",
    file: "pages/faq.md",
    field: "(file name)",
    message: '"faq" is not listed under pages in publisher.yaml',
    mutate: (d) => {
      editText(at(d, PUBLISHER), (t) => `${t}pages:\n  - slug: contact\n`);
      mkdirSync(at(d, "pages"));
      for (const slug of ["contact", "faq"]) {
        writeFileSync(at(d, `pages/${slug}.md`), `---\ntitle: ${slug}\ndescription: Une page.\n---\n\nTexte.\n`);
      }
    },
  },
  {
    name: "page listed by publisher.yaml without its file",
    file: PUBLISHER,
    field: "pages.0.slug",
    message: '"contact" has no page; expected',
    mutate: (d) => editText(at(d, PUBLISHER), (t) => `${t}pages:\n  - slug: contact\n`),
  },
  {
    name: "time 24:00 (luxon reads it as the next midnight)",
    file: ROMAN,
    field: "date",
    message: "is not a real date and time; expected an existing day and a time from 00:00 to 23:59",
    mutate: (d) => setField(at(d, ROMAN), "date", "2024-03-01T24:00:00+01:00"),
  },
  {
    name: "offset no clock uses",
    file: ROMAN,
    field: "date",
    message: "has the UTC offset +99:59; expected one from -12:00 to +14:00",
    mutate: (d) => setField(at(d, ROMAN), "date", "2024-03-02T12:00:00+99:59"),
  },
  {
    name: "NUL in the body",
    file: ROMAN,
    field: "body",
    message: "U+0000, a control character; expected text without control characters",
    mutate: (d) => editText(at(d, ROMAN), (t) => `${t}\nUn\u0000 octet nul.\n`),
  },
  {
    name: "terminal escape written as a YAML escape",
    file: ROMAN,
    field: "title",
    message: "holds U+001B, a control character",
    mutate: (d) => setField(at(d, ROMAN), "title", '"\\e[31mRouge"'),
  },
  {
    name: "unknown YAML tag beside an alias bomb",
    file: ROMAN,
    field: "front matter",
    message: "invalid YAML at line",
    mutate: (d) => {
      const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
      for (const n of "bcdefgh")
        bomb.push(
          `${n}: &${n} [${Array(9)
            .fill(`*${String.fromCharCode(n.charCodeAt(0) - 1)}`)
            .join(",")}]`,
        );
      setField(at(d, ROMAN), "tags", `!inconnu [Livres]\n${bomb.join("\n")}`);
    },
  },
  {
    name: "FIFO named .md (never opened)",
    file: TUBE,
    field: "(file)",
    message: "is a FIFO (named pipe); expected a regular file",
    mutate: (d) => execFileSync("mkfifo", [at(d, TUBE)]),
  },
  {
    name: "link to a device",
    file: ZERO,
    field: "(file)",
    message: 'is a character device (through a symbolic link to "/dev/zero"); expected a regular file',
    mutate: (d) => symlinkSync("/dev/zero", at(d, ZERO)),
  },
  {
    name: "link that leads nowhere",
    file: LOST,
    field: "(file)",
    message: 'is a symbolic link to "absent.md", which does not exist',
    mutate: (d) => symlinkSync("absent.md", at(d, LOST)),
  },
  {
    name: "link to itself",
    file: SELF,
    field: "(file)",
    message: "is a symbolic link that leads back to itself (a loop",
    mutate: (d) => symlinkSync(path.basename(SELF), at(d, SELF)),
  },
  {
    name: "folder linked into itself",
    file: LOOP,
    field: "(folder)",
    message: "a folder that contains it (a loop)",
    mutate: (d) => symlinkSync("..", at(d, LOOP)),
  },
  {
    name: "source over 5 MB",
    file: BIG,
    field: "(file)",
    message: "is larger than 5 MB (10485760 bytes); expected at most 5 MB",
    mutate: (d) => {
      cpSync(at(d, ROMAN), at(d, BIG));
      truncateSync(at(d, BIG), 10 * 1024 * 1024);
    },
  },
  {
    name: "Markdown saved as .MD",
    file: "articles/culture/2024-03-02-un-roman-prime.MD",
    field: "(file name)",
    message: 'has the extension ".MD"; expected ".md"',
    mutate: (d) => renameSync(at(d, ROMAN), at(d, "articles/culture/2024-03-02-un-roman-prime.MD")),
  },
  {
    name: "section named after the topics index",
    file: PUBLISHER,
    field: "sections.4.slug",
    message: '"sujets" gives the URL /sujets/, already used by the index of topics (/sujets/)',
    mutate: (d) => declareSection(d, "sujets"),
  },
  {
    name: "section named after the home page's numbered pages, with articles",
    file: PUBLISHER,
    field: "sections.4.slug",
    message: '"page" gives the URL /page/, in /page/, where the home page\'s numbered pages are',
    mutate: (d) => {
      declareSection(d, "page");
      mkdirSync(at(d, "articles/page"));
      cpSync(at(d, ROMAN), at(d, "articles/page/2024-03-02-2.md"));
      setField(at(d, "articles/page/2024-03-02-2.md"), "section", "page");
    },
  },
  {
    name: "article named after its section's numbered pages",
    file: PAGE,
    field: "(file name)",
    message: "gives the URL /culture/page/, in /culture/page/, where the numbered pages of Culture are",
    mutate: (d) => {
      cpSync(at(d, ROMAN), at(d, PAGE));
      setField(at(d, PAGE), "date", "2024-03-05T12:00:00+01:00");
    },
  },
  {
    name: "publisher without a name",
    file: PUBLISHER,
    field: "name",
    message: "is missing; expected the publisher's name",
    mutate: (d) => setField(at(d, PUBLISHER), "name", null),
  },
  {
    name: "publisher without a URL",
    file: PUBLISHER,
    field: "url",
    message: "is missing; expected the site's http(s) origin",
    mutate: (d) => setField(at(d, PUBLISHER), "url", null),
  },
  {
    name: "publisher without a time zone",
    file: PUBLISHER,
    field: "timeZone",
    message: "is missing; expected an IANA time zone",
    mutate: (d) => setField(at(d, PUBLISHER), "timeZone", null),
  },
  {
    name: "publisher with an unknown time zone",
    file: PUBLISHER,
    field: "timeZone",
    message: '"Europe/Pariss" is not an IANA time zone',
    mutate: (d) => setField(at(d, PUBLISHER), "timeZone", "Europe/Pariss"),
  },
  {
    name: "publisher with invalid YAML",
    file: PUBLISHER,
    field: "(file)",
    message: "invalid YAML at line",
    mutate: (d) => setField(at(d, PUBLISHER), "name", "[Le Quotidien"),
  },
];

let good: BuiltSite;
let goodHashes: Record<string, string>;
let goodSources: string;
beforeAll(() => {
  // From a copy outside git, as every case is: dates from the fixture's own git history would
  // make the good build differ from a case's.
  goodSources = makeTempDir("news-good-");
  cpSync(FIXTURE, goodSources, { recursive: true });
  good = buildSite({ articles: path.join(goodSources, "articles"), data: path.join(goodSources, "data") });
  goodHashes = hashTree(good.outDir);
});
afterAll(() => {
  good?.cleanup();
  if (goodSources) rmSync(goodSources, { recursive: true, force: true });
});

/** A copy of the newsroom with the good build's dist/ beside it. */
function prepareCase(): string {
  const dir = makeTempDir("news-bad-");
  cpSync(FIXTURE, dir, { recursive: true });
  cpSync(good.outDir, path.join(dir, "dist"), { recursive: true });
  return dir;
}

const buildArgs = (dir: string) => [
  "--out",
  path.join(dir, "dist"),
  "--articles",
  path.join(dir, "articles"),
  "--data",
  path.join(dir, "data"),
  "--pages",
  path.join(dir, "pages"),
];

describe("bad input", () => {
  it("has a good build to protect", () => {
    expect(Object.keys(goodHashes)).toEqual(
      expect.arrayContaining(["index.html", "culture/un-roman-prime/index.html"]),
    );
    expect(CASES.length).toBeGreaterThanOrEqual(15);
  });

  it.concurrent.each(CASES.map((c) => [c.name, c] as const))(
    "%s: names file and field, exits 1, keeps dist/",
    async (_, bad) => {
      const dir = prepareCase();
      try {
        bad.mutate(dir);
        const run = await runBuildAsync(buildArgs(dir));
        const shown = shownPath(path.join(dir, bad.file), ROOT);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(`${shown}: ${bad.field}: `);
        const line = run.stderr.split("\n").find((l) => l.startsWith(`${shown}: ${bad.field}: `));
        expect(line).toContain(bad.message);
        // One line per problem after the summary, and no stack trace.
        expect(run.stderr).toMatch(/^Build failed: \d+ problem\(s\)\. Nothing was published\.\n/);
        expect(run.stderr).not.toMatch(/^\s+at /m);
        expect(hashTree(path.join(dir, "dist"))).toEqual(goodHashes);
        // No staging or backup folder left behind (pages/ is a case's own).
        expect(
          readdirSync(dir)
            .filter((name) => name !== "pages")
            .sort(),
        ).toEqual(["articles", "data", "dist"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("reports the problems of several files in one run", async () => {
    const dir = prepareCase();
    try {
      setField(at(dir, ROMAN), "title", null);
      setField(at(dir, BOURSE), "date", '"hier"');
      setField(at(dir, BOURSE), "tags", "Marchés");
      const run = await runBuildAsync(buildArgs(dir));
      expect(run.status).toBe(1);
      expect(run.stderr.split("\n").filter((line) => line !== "")).toEqual([
        "Build failed: 3 problem(s). Nothing was published.",
        `${shownPath(at(dir, ROMAN), ROOT)}: title: is missing; expected a headline of at most 110 characters`,
        `${shownPath(at(dir, BOURSE), ROOT)}: date: "hier" is not an ISO 8601 date-time with offset (e.g. 2023-04-18T14:05:00+02:00)`,
        `${shownPath(at(dir, BOURSE), ROOT)}: tags: "Marchés" is not a list of tags (e.g. [Chine, Russie])`,
      ]);
      expect(hashTree(path.join(dir, "dist"))).toEqual(goodHashes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports every problem of one file in one run, with the other files' and the URLs claimed twice", async () => {
    const dir = prepareCase();
    try {
      setField(at(dir, ROMAN), "title", null);
      editText(
        at(dir, ROMAN),
        (t) => `${t.replace("## Un intertitre", "# Un intertitre")}\n[Clic](javascript:alert(1))\n`,
      );
      const copy = at(dir, "articles/culture/2024-03-03-un-roman-prime.md");
      cpSync(at(dir, ROMAN), copy);
      setField(at(dir, BOURSE), "date", '"hier"');
      const run = await runBuildAsync(buildArgs(dir));
      const roman = shownPath(at(dir, ROMAN), ROOT);
      expect(run.status).toBe(1);
      expect(run.stderr.split("\n").filter((line) => line !== "")).toEqual([
        "Build failed: 9 problem(s). Nothing was published.",
        `${roman}: title: is missing; expected a headline of at most 110 characters`,
        `${roman}: body: line 11: a level-1 heading (#); expected ## for subheadings, the headline comes from title`,
        `${roman}: body: "javascript:alert(1)" is not an allowed link; expected an http(s)://, mailto:, root-relative (/…) or #fragment URL`,
        `${shownPath(copy, ROOT)}: title: is missing; expected a headline of at most 110 characters`,
        `${shownPath(copy, ROOT)}: date: "2024-03-02T12:00:00+01:00" is 2024-03-02 in Europe/Paris, but the file name says 2024-03-03; expected them to agree`,
        `${shownPath(copy, ROOT)}: body: line 11: a level-1 heading (#); expected ## for subheadings, the headline comes from title`,
        `${shownPath(copy, ROOT)}: body: "javascript:alert(1)" is not an allowed link; expected an http(s)://, mailto:, root-relative (/…) or #fragment URL`,
        `${shownPath(at(dir, BOURSE), ROOT)}: date: "hier" is not an ISO 8601 date-time with offset (e.g. 2023-04-18T14:05:00+02:00)`,
        `${shownPath(copy, ROOT)}: (file name): gives the URL /culture/un-roman-prime/, already used by ${roman}; expected a unique slug per section`,
      ]);
      expect(hashTree(path.join(dir, "dist"))).toEqual(goodHashes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("builds a file saved with a BOM and CRLF line endings exactly like its plain copy", async () => {
    const dir = prepareCase();
    try {
      editText(at(dir, ROMAN), (text) => `\uFEFF${text.replace(/\n/g, "\r\n")}`);
      expect(readFileSync(at(dir, ROMAN)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const run = await runBuildAsync(["--quiet", ...buildArgs(dir)]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(hashTree(path.join(dir, "dist"))).toEqual(goodHashes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Scheduled publication on a build of the synthetic newsroom: with SOURCE_DATE_EPOCH before two
 * articles' dates, nothing of them is published, and the summary says when the next one is due;
 * a build after their dates publishes them.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shownPath } from "../../scripts/text/shown-path.ts";
import { makeTempDir, ROOT, runBuild } from "../helpers/build.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
const SCHEDULED = ["/international/elections-au-bresil/", "/economie/inflation-en-baisse/"];
// 13:00 in Paris on 5 March 2024: « Élections au Brésil » is due at 18:30, « Inflation » the next morning.
const BEFORE = String(Date.parse("2024-03-05T12:00:00Z") / 1000);
const AFTER = String(Date.parse("2024-03-06T12:00:00Z") / 1000);

let dir: string;
let before: { out: string; stdout: string };
const args = (out: string) => [
  "--out",
  out,
  "--articles",
  path.join(dir, "articles"),
  "--data",
  path.join(dir, "data"),
];

beforeAll(() => {
  dir = makeTempDir("news-scheduled-");
  cpSync(FIXTURE, dir, { recursive: true });
  // The newsroom as it was on 5 March: « Élections au Brésil » was corrected on the 6th.
  const elections = path.join(dir, "articles/international/2024-03-05-elections-au-bresil.md");
  writeFileSync(elections, readFileSync(elections, "utf8").replace(/^corrections:\n(?: .*\n)+/m, ""));
  const out = path.join(dir, "before");
  const run = runBuild(args(out), { SOURCE_DATE_EPOCH: BEFORE });
  if (run.status !== 0) throw new Error(run.stderr);
  before = { out, stdout: run.stdout };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every text file of a build, by path. */
function texts(out: string): Map<string, string> {
  return new Map(
    readdirSync(out, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.(html|xml|json|txt)$/.test(file))
      .map((file) => [file, readFileSync(path.join(out, file), "utf8")]),
  );
}

describe("articles dated after the build time", () => {
  it("get no page and no social card", () => {
    for (const url of SCHEDULED) {
      expect(existsSync(path.join(before.out, url)), url).toBe(false);
    }
    expect(existsSync(path.join(before.out, "international/sommet-a-geneve/social.png"))).toBe(true);
  });

  it("appear nowhere: no list, topic, month, author page, related list, feed or sitemap names them", () => {
    const files = texts(before.out);
    expect(files.size).toBeGreaterThan(20);
    for (const [file, text] of files) {
      for (const url of SCHEDULED) expect(text, file).not.toContain(url);
      expect(text, file).not.toContain("Élections au Brésil");
    }
    // Topics and months that only they fill have no page either.
    expect(existsSync(path.join(before.out, "sujets/amerique-latine"))).toBe(false);
  });

  it("are counted in the build's summary, with the time the next one is due", () => {
    expect(before.stdout).toMatch(/; 2 articles scheduled, the next at 2024-03-05T18:30:00\+01:00\n$/);
  });

  it("are published by the first build after their date", () => {
    const out = path.join(dir, "after");
    const run = runBuild(args(out), { SOURCE_DATE_EPOCH: AFTER });
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/articles? scheduled/);
    for (const url of SCHEDULED) expect(existsSync(path.join(out, url, "index.html")), url).toBe(true);
    expect(readFileSync(path.join(out, "atom.xml"), "utf8")).toContain("elections-au-bresil");
    expect(readFileSync(path.join(out, "sitemap.xml"), "utf8")).toContain("inflation-en-baisse");
  });
});

describe("a published article that links to a scheduled one", () => {
  it("stops the build, naming both articles and when the link will work; a backup file is one warning", () => {
    const copy = makeTempDir("news-scheduled-link-");
    try {
      cpSync(dir, copy, { recursive: true });
      const geneve = path.join(copy, "articles/international/2024-03-01-sommet-a-geneve.md");
      writeFileSync(
        geneve,
        `${readFileSync(geneve, "utf8")}\nVoir [le scrutin](/international/elections-au-bresil/).\n`,
      );
      const paths = ["--articles", path.join(copy, "articles"), "--data", path.join(copy, "data")];
      const refused = runBuild(["--out", path.join(copy, "dist"), ...paths], { SOURCE_DATE_EPOCH: BEFORE });
      expect(refused.status).toBe(1);
      expect(refused.stderr.split("\n").filter((line) => line !== "")).toEqual([
        "Build failed: 1 problem(s). Nothing was published.",
        `${shownPath(geneve, ROOT)}: body: links to /international/elections-au-bresil/ (${shownPath(path.join(copy, "articles/international/2024-03-05-elections-au-bresil.md"), ROOT)}), scheduled for 2024-03-05T18:30:00+01:00: the page would hold a broken link until then; expected the link added once it is published, or this article scheduled at 2024-03-05T18:30:00+01:00 or later`,
      ]);

      // Once it is due, the same sources build; a backup left beside an article is said once.
      writeFileSync(`${geneve}.bak`, "une ancienne version");
      const built = runBuild(["--out", path.join(copy, "dist"), ...paths], { SOURCE_DATE_EPOCH: AFTER });
      expect(built.status).toBe(0);
      expect(built.stderr).toMatch(
        /^Warning: .*articles: \(folder\): 1 file is not read: international\/2024-03-01-sommet-a-geneve\.md\.bak; /,
      );
      expect(built.stderr.split("\n").filter((line) => line !== "")).toHaveLength(1);
      expect(built.stdout).toMatch(/; 1 warning \(above\)/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitModifiedDates, parseGitLog } from "../../../scripts/input/git-dates.ts";
import { loadContent } from "../../../scripts/lists/content.ts";
import { makeTempDir, ROOT } from "../../helpers/build.ts";

describe("parseGitLog", () => {
  it("keeps each file's newest commit date, only for files changed after the commit that added them", () => {
    const log =
      "\u00002024-03-05T10:00:00+01:00\n\na/once-more.md\nb/twice.md\n\u00002024-03-02T10:00:00+01:00\n\nb/twice.md\n\u00002024-03-01T10:00:00+01:00\n\na/once-more.md\nc/added.md\n";
    expect(parseGitLog(log, "/articles")).toEqual(
      new Map([
        [path.join("/articles", "a/once-more.md"), "2024-03-05T10:00:00+01:00"],
        [path.join("/articles", "b/twice.md"), "2024-03-05T10:00:00+01:00"],
      ]),
    );
  });
});

describe("modification dates from git", () => {
  let repo: string;
  const articles = () => path.join(repo, "articles");
  const data = path.join(ROOT, "tests/fixtures/newsroom/data");
  const git = (date: string, ...args: string[]) =>
    execFileSync(
      "git",
      ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args],
      {
        cwd: repo,
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
        stdio: "pipe",
      },
    );
  const file = (name: string) => path.join(articles(), "international", name);
  const edit = (name: string, from: RegExp, to: string) =>
    writeFileSync(file(name), readFileSync(file(name), "utf8").replace(from, to));
  const modifiedIso = (url: string) => {
    const article = loadContent({ articlesDir: articles(), dataDir: data }).articles.find((a) => a.url === url);
    return article?.modified?.iso ?? null;
  };

  beforeAll(() => {
    repo = makeTempDir("news-git-");
    mkdirSync(articles());
    cpSync(path.join(ROOT, "tests/fixtures/newsroom/articles/international"), path.join(articles(), "international"), {
      recursive: true,
    });
    git("2024-03-06T08:00:00+01:00", "init", "-q");
    git("2024-03-06T08:00:00+01:00", "add", ".");
    git("2024-03-06T08:00:00+01:00", "commit", "-qm", "add");
    edit("2024-03-01-sommet-a-geneve.md", /Premier paragraphe/, "Le premier paragraphe");
    edit("2024-03-05-elections-au-bresil.md", /^date: .*$/m, "$&\nmodified: 2024-03-06T19:00:00+01:00");
    git("2024-03-07T16:45:00+01:00", "commit", "-qam", "fix");
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("dates an article changed after it was committed by its last commit, in Paris time", () => {
    expect(modifiedIso("/international/sommet-a-geneve/")).toBe("2024-03-07T16:45:00+01:00");
  });

  it("never dates a modification after the build time: a commit made since says the build time", () => {
    const load = (iso: string) =>
      loadContent({ articlesDir: articles(), dataDir: data }, { buildTime: DateTime.fromISO(iso) }).articles.find(
        (a) => a.url === "/international/sommet-a-geneve/",
      )?.modified?.iso;
    // A quarter-hour build (16:45 commit, built as 16:30), then the next one.
    expect(load("2024-03-07T16:30:00+01:00")).toBe("2024-03-07T16:30:00+01:00");
    expect(load("2024-03-07T16:45:00+01:00")).toBe("2024-03-07T16:45:00+01:00");
  });

  it("prefers the front matter's modified to git", () => {
    expect(modifiedIso("/international/elections-au-bresil/")).toBe("2024-03-06T19:00:00+01:00");
  });

  it("gives no date to files committed once, nor outside a git work tree", () => {
    expect(gitModifiedDates(articles()).has(file("2024-03-05-elections-au-bresil.md"))).toBe(true);
    const outside = makeTempDir("news-nogit-");
    try {
      expect(gitModifiedDates(outside).size).toBe(0);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("follows new commits", () => {
    edit("2024-03-01-sommet-a-geneve.md", /Le premier paragraphe/, "Un premier paragraphe");
    git("2024-03-08T09:15:00+01:00", "commit", "-qam", "again");
    expect(modifiedIso("/international/sommet-a-geneve/")).toBe("2024-03-08T09:15:00+01:00");
  });

  it("keeps the dates read at a commit in a cache folder, reads git again after a commit, and never trusts a damaged file", () => {
    const cacheDir = path.join(repo, ".cache");
    const first = gitModifiedDates(articles(), cacheDir);
    const [kept = ""] = readdirSync(path.join(cacheDir, "git-dates"));
    expect(gitModifiedDates(articles(), cacheDir)).toEqual(first);
    writeFileSync(path.join(cacheDir, "git-dates", kept), '[["a", 1]]');
    expect(gitModifiedDates(articles(), cacheDir)).toEqual(first);
    edit("2024-03-05-elections-au-bresil.md", /paragraphe/, "Paragraphe");
    git("2024-03-09T08:00:00+01:00", "commit", "-qam", "once more");
    expect(gitModifiedDates(articles(), cacheDir).get(file("2024-03-05-elections-au-bresil.md"))).toBe(
      "2024-03-09T08:00:00+01:00",
    );
    // The earlier commit's dates are removed.
    expect(readdirSync(path.join(cacheDir, "git-dates"))).toHaveLength(1);
  });
});

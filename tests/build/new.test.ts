/** npm run new: a draft with valid metadata, never over an existing file. */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseArticle } from "../../scripts/input/article.ts";
import { readMetadata } from "../../scripts/input/load-sources.ts";
import { splitSourceFile } from "../../scripts/input/source-file.ts";
import { makeTempDir, normalizeText, ROOT } from "../helpers/build.ts";
import { runCli } from "../helpers/cli.ts";

let dir: string;
beforeEach(() => {
  dir = makeTempDir("news-new-");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const runNew = (...args: string[]) => runCli("new.ts", [...args, "--articles", dir]);

describe("npm run new", () => {
  it("writes a valid draft dated now in Paris time, and prints its path and future URL", () => {
    const before = DateTime.now().startOf("second").toMillis();
    const run = runNew("--section", "international", "--title", "Grève : l’œuvre des syndicats");
    const after = DateTime.now().toMillis();
    expect(run.status).toBe(0);

    const [file] = readdirSync(path.join(dir, "international"));
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}-greve-l-oeuvre-des-syndicats\.md$/);
    expect(run.stdout).toContain(path.join("international", file as string));
    expect(run.stdout).toContain("/international/greve-l-oeuvre-des-syndicats/");

    const source = readFileSync(path.join(dir, "international", file as string));
    const parsed = parseArticle(`international/${file}`, source, readMetadata(path.join(ROOT, "_data")));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.article.draft).toBe(true);
    expect(normalizeText(parsed.article.title)).toBe("Grève : l’œuvre des syndicats");
    expect(parsed.article.published.epoch).toBeGreaterThanOrEqual(before);
    expect(parsed.article.published.epoch).toBeLessThanOrEqual(after);
    // The offset is Paris's on that day (+01:00 or +02:00), never the machine's.
    const date = /^date: "(.+)"$/m.exec(source.toString())?.[1] ?? "";
    const paris = DateTime.fromMillis(parsed.article.published.epoch, { zone: "Europe/Paris" });
    expect(date).toBe(paris.toISO({ suppressMilliseconds: true }));
  });

  it("writes tags, title and byline that YAML would read as numbers, booleans or null as the strings typed", () => {
    const typed = ["2024", "true", "1.5", "null", "yes", "a: b", "#x"];
    const run = runNew(
      "--section",
      "international",
      "--title",
      "1984",
      "--author",
      "~",
      "--tags",
      typed.join(", "),
      "--date",
      "2024-05-02T09:30",
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const file = path.join(dir, "international", "2024-05-02-1984.md");
    // Valid for the build, and the very strings typed (before typography dresses them).
    const parsed = parseArticle(file, readFileSync(file), readMetadata(path.join(ROOT, "_data")));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const source = splitSourceFile(readFileSync(file));
    expect(source.ok && source.data).toMatchObject({ title: "1984", author: "~", tags: typed });
  });

  it("names authors of authors.yaml with --authors, and says which slug is unknown and the closest", () => {
    const data = path.join(ROOT, "tests/fixtures/newsroom/data");
    const named = runNew(
      "--section",
      "international",
      "--title",
      "Signé",
      "--authors",
      "claire-martin, jean-dupont",
      "--data",
      data,
    );
    expect(named.stderr).toBe("");
    const [file] = readdirSync(path.join(dir, "international"));
    const text = readFileSync(path.join(dir, "international", file as string), "utf8");
    expect(text).toContain('authors: ["claire-martin", "jean-dupont"]\n');
    expect(text).not.toContain("author:");
    const parsed = parseArticle(`international/${file}`, Buffer.from(text), readMetadata(data));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.article.authors.map((author) => author.slug)).toEqual(["claire-martin", "jean-dupont"]);

    const typo = runNew("--section", "international", "--title", "Autre", "--authors", "claire-martn", "--data", data);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain(
      '--authors "claire-martn" is not an author of authors.yaml; did you mean `claire-martin`?',
    );
    const twice = runNew(
      "--section",
      "international",
      "--title",
      "Autre",
      "--authors",
      "claire-martin,claire-martin",
      "--data",
      data,
    );
    expect(twice.stderr).toContain('--authors "claire-martin" is named twice');
    expect(readdirSync(path.join(dir, "international"))).toEqual([file]);
  });

  it("refuses to overwrite, even under another day with the same URL", () => {
    expect(runNew("--section", "france", "--title", "Un titre", "--date", "2024-05-02T09:30").status).toBe(0);
    const path1 = path.join(dir, "france", "2024-05-02-un-titre.md");
    const original = readFileSync(path1, "utf8");
    for (const date of ["2024-05-02T10:00", "2024-06-01T10:00"]) {
      const again = runNew("--section", "france", "--title", "Un titre", "--date", date);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain("refusing to overwrite");
    }
    expect(readdirSync(path.join(dir, "france"))).toEqual(["2024-05-02-un-titre.md"]);
    expect(readFileSync(path1, "utf8")).toBe(original);
  });

  it("says which flag is missing or wrong, and writes nothing", () => {
    const noTitle = runNew("--section", "france");
    expect(noTitle.status).toBe(2);
    expect(noTitle.stderr).toContain("missing --title");
    const noSection = runNew("--title", "Un titre");
    expect(noSection.stderr).toContain("missing --section");
    const badSection = runNew("--section", "sport", "--title", "Un titre");
    expect(badSection.status).toBe(2);
    expect(badSection.stderr).toContain(
      '--section "sport" is not a declared section; expected one of international, france',
    );
    const badDate = runNew("--section", "france", "--title", "Un titre", "--date", "demain");
    expect(badDate.stderr).toContain('--date "demain" is not a date-time');
    const tooLong = runNew("--section", "france", "--title", "Très long titre ".repeat(10));
    expect(tooLong.status).toBe(1);
    expect(tooLong.stderr).toMatch(/: title: ".*" is \d+ characters long; expected at most 110/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

/** What the articles tree holds besides articles, each found without reading a file, loops included. */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findArticleFiles, listArticleFiles } from "../../../scripts/input/article-files.ts";
import { formatProblem } from "../../../scripts/input/content-error.ts";
import { shownPath } from "../../../scripts/text/shown-path.ts";
import { useTempDir } from "../../helpers/build.ts";

const dir = useTempDir("news-tree-");
const at = (name: string) => path.join(dir(), name);
const file = (name: string) => {
  mkdirSync(path.dirname(at(name)), { recursive: true });
  writeFileSync(at(name), "---\n---\nTexte.\n");
};
const found = () => {
  const { files, problems } = findArticleFiles(dir());
  return { files: files.map((f) => path.relative(dir(), f)), problems: problems.map(formatProblem) };
};

describe("findArticleFiles", () => {
  it("lists every .md file below the folder, sorted, links to files included", () => {
    file("culture/2024-01-02-b.md");
    file("culture/2024-01-01-a.md");
    file("international/2024-01-03-c.md");
    symlinkSync("2024-01-01-a.md", at("culture/2024-01-04-lien.md"));
    expect(found()).toEqual({
      files: [
        "culture/2024-01-01-a.md",
        "culture/2024-01-02-b.md",
        "culture/2024-01-04-lien.md",
        "international/2024-01-03-c.md",
      ],
      problems: [],
    });
  });

  it("lists FIFOs and devices named .md without opening them, for the reader to refuse", () => {
    mkdirSync(at("culture"));
    execFileSync("mkfifo", [at("culture/2024-01-01-tube.md")]);
    symlinkSync("/dev/zero", at("culture/2024-01-02-zero.md"));
    expect(found().files).toEqual(["culture/2024-01-01-tube.md", "culture/2024-01-02-zero.md"]);
  });

  it("reports a link to a folder that contains it, once, and walks on", () => {
    file("culture/2024-01-01-a.md");
    symlinkSync("..", at("culture/boucle"));
    symlinkSync(".", at("culture/ici"));
    expect(found()).toEqual({
      files: ["culture/2024-01-01-a.md"],
      problems: [
        `${shownPath(at("culture/boucle"))}: (folder): leads back to ${shownPath(dir())}, a folder that contains it (a loop); expected links to lead out of the tree`,
        `${shownPath(at("culture/ici"))}: (folder): leads back to ${shownPath(at("culture"))}, a folder that contains it (a loop); expected links to lead out of the tree`,
      ],
    });
  });

  it("reports a folder reached twice through links", () => {
    file("archives-2023/2023-01-01-a.md");
    symlinkSync("archives-2023", at("copie"));
    expect(found()).toEqual({
      files: ["archives-2023/2023-01-01-a.md"],
      problems: [
        `${shownPath(at("copie"))}: (folder): is ${shownPath(at("archives-2023"))} again (through a link); expected each folder once`,
      ],
    });
  });

  it("reports links that lead nowhere or to themselves, whatever their name", () => {
    mkdirSync(at("culture"));
    symlinkSync("absent", at("culture/rubrique"));
    symlinkSync("soi", at("culture/soi"));
    expect(found().problems).toEqual([
      `${shownPath(at("culture/rubrique"))}: (file): is a symbolic link to "absent", which does not exist; expected a regular file or a link to one`,
      expect.stringMatching(/culture\/soi: \(file\): is a symbolic link that leads back to itself/),
    ]);
  });

  it("reports Markdown saved with another extension instead of leaving it out", () => {
    file("culture/2024-01-01-a.MD");
    file("culture/2024-01-02-b.markdown");
    file("culture/notes.txt");
    expect(found()).toEqual({
      files: [],
      problems: [
        `${shownPath(at("culture/2024-01-01-a.MD"))}: (file name): has the extension ".MD"; expected ".md" (other files are not read)`,
        `${shownPath(at("culture/2024-01-02-b.markdown"))}: (file name): has the extension ".markdown"; expected ".md" (other files are not read)`,
      ],
    });
  });

  it("skips names starting with a dot: editors' locks, system files, .git", () => {
    file("culture/2024-01-01-a.md");
    symlinkSync("user@host.1234:1700000000", at("culture/.#2024-01-01-a.md"));
    file("culture/._2024-01-01-a.md");
    file(".git/x.md");
    expect(found()).toEqual({ files: ["culture/2024-01-01-a.md"], problems: [] });
  });

  it("finds nothing, and no problem, in a folder that does not exist", () => {
    expect(listArticleFiles(at("absent"))).toEqual([]);
    expect(findArticleFiles(at("absent")).problems).toEqual([]);
  });
});

/** npm run import: a plain-text wire becomes an article source. */
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { splitSourceFile } from "../../scripts/input/source-file.ts";
import { buildSite, makeTempDir, normalizeText, ROOT, readPage } from "../helpers/build.ts";
import { runCli } from "../helpers/cli.ts";

const SEED = path.join(ROOT, "tests/fixtures/seed/000_120417579168021d.txt");
const COMMITTED = path.join(ROOT, "src/articles/international/2023-04-18-li-shangfu-moscou-cooperation-militaire.md");
const TITLE = "À Moscou, le ministre chinois de la Défense promet de renforcer la coopération militaire avec la Russie";

let dir: string;
beforeEach(() => {
  dir = makeTempDir("news-import-");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const body = (file: string) => {
  const source = splitSourceFile(readFileSync(file));
  if (!source.ok) throw new Error(source.message);
  return { data: source.data, body: source.body };
};
const importSeed = (...extra: string[]) =>
  runCli("import.ts", [
    SEED,
    "--title",
    TITLE,
    "--date",
    "2023-04-18T14:05",
    "--section",
    "international",
    "--articles",
    dir,
    ...extra,
  ]);

describe("npm run import", () => {
  it("imports the seed wire as the committed article's body, at the committed path", () => {
    const run = importSeed("--slug", "li-shangfu-moscou-cooperation-militaire", "--tags", "Chine, Russie");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const file = path.join(dir, "international/2023-04-18-li-shangfu-moscou-cooperation-militaire.md");
    expect(run.stdout).toContain("appeal at the end was removed");
    expect(run.stdout).toContain("/international/li-shangfu-moscou-cooperation-militaire/");

    const imported = body(file);
    expect(imported.body).toBe(body(COMMITTED).body);
    expect(imported.data).toMatchObject({
      title: TITLE,
      date: "2023-04-18T14:05:00+02:00",
      section: "international",
      tags: ["Chine", "Russie"],
    });
  });

  it("builds into a page whose body has the seed's paragraphs and subheading, without the appeal", () => {
    expect(importSeed().status).toBe(0);
    const site = buildSite({ articles: dir });
    try {
      const [file] = readdirSync(path.join(dir, "international"));
      const url = `/international/${(file as string).replace(/^\d{4}-\d{2}-\d{2}-|\.md$/g, "")}/`;
      const page = readPage(site.outDir, url);
      const blocks = [...page.querySelectorAll(".article-body > *")].map((node) => node.tagName.toLowerCase());
      expect(blocks).toEqual(["p", "p", "p", "h2", "p", "p", "p"]);
      expect(normalizeText(page.querySelector(".article-body")?.textContent)).not.toContain("Comment pouvez-vous");
    } finally {
      site.cleanup();
    }
  });

  it("refuses to overwrite an existing article", () => {
    expect(importSeed().status).toBe(0);
    const [file] = readdirSync(path.join(dir, "international"));
    const full = path.join(dir, "international", file as string);
    writeFileSync(full, "edited by hand");
    const again = importSeed();
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("refusing to overwrite");
    expect(readFileSync(full, "utf8")).toBe("edited by hand");
  });

  it("names each missing flag and the missing wire file", () => {
    const missing = (args: string[], message: string) => {
      const run = runCli("import.ts", [...args, "--articles", dir]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(message);
    };
    missing(["--title", "T", "--date", "2023-04-18T14:05", "--section", "france"], "missing the wire file");
    missing([SEED, "--date", "2023-04-18T14:05", "--section", "france"], "missing --title");
    missing([SEED, "--title", "T", "--section", "france"], "missing --date");
    missing([SEED, "--title", "T", "--date", "2023-04-18T14:05"], "missing --section");
    missing(
      [path.join(dir, "absent.txt"), "--title", "T", "--date", "2023-04-18T14:05", "--section", "france"],
      "cannot be read",
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps a wire's own ending when it is not the publisher's appeal", () => {
    const wire = path.join(dir, "wire.txt");
    copyFileSync(SEED, wire);
    writeFileSync(wire, `${readFileSync(wire, "utf8")}\nUn paragraphe ajouté après l’appel.`);
    const run = runCli("import.ts", [
      wire,
      "--title",
      "Autre",
      "--date",
      "2023-04-18T15:00",
      "--section",
      "france",
      "--articles",
      path.join(dir, "out"),
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("appeal");
    const [file] = readdirSync(path.join(dir, "out", "france"));
    expect(body(path.join(dir, "out", "france", file as string)).body).toContain("Comment pouvez-vous nous aider");
  });
});

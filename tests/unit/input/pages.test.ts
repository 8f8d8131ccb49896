import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTrustPages } from "../../../scripts/input/pages.ts";
import type { Publisher } from "../../../scripts/input/schema.ts";
import { shownPath } from "../../../scripts/text/shown-path.ts";
import { publisher as base } from "../../helpers/articles.ts";
import { useTempDir } from "../../helpers/build.ts";

const dir = useTempDir("news-pages-");
const PUBLISHER_FILE = "/projet/_data/publisher.yaml";

const publisher: Publisher = {
  ...base,
  email: "redaction@exemple.fr",
  pages: [
    { slug: "a-propos", roles: ["masthead"] },
    { slug: "contact", roles: ["contactPoint"] },
    { slug: "charte", roles: ["publishingPrinciples"] },
  ],
};

function write(name: string, frontMatter: string, body = "Un paragraphe.\n"): string {
  const file = path.join(dir(), "pages", name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `---\n${frontMatter}\n---\n\n${body}`);
  return shownPath(file);
}

const page = (title: string, extra = "") => `title: ${title}\ndescription: Une phrase sur la page.${extra}`;

function writeAll(): void {
  write("charte.md", page("Charte"));
  write("contact.md", page("Contact"), "Écrivez-nous : nous lisons tout.\n");
  write("a-propos.md", page("À propos", "\nupdated: 2024-03-01T10:00:00+01:00"));
}

const load = (p: Publisher = publisher) => loadTrustPages(path.join(dir(), "pages"), p, PUBLISHER_FILE);
const messages = (p?: Publisher) =>
  load(p).problems.map((problem) => `${problem.file}: ${problem.field}: ${problem.message}`);

describe("loadTrustPages", () => {
  it("reads the pages publisher.yaml lists, in its order, rendered and typeset like articles", () => {
    writeAll();
    const { pages, problems } = load();
    expect(problems).toEqual([]);
    expect(pages.map((p) => [p.url, p.title, p.roles])).toEqual([
      ["/a-propos/", "À propos", ["masthead"]],
      ["/contact/", "Contact", ["contactPoint"]],
      ["/charte/", "Charte", ["publishingPrinciples"]],
    ]);
    const [about, contact] = pages;
    expect(about?.updated?.iso).toBe("2024-03-01T10:00:00+01:00");
    expect(about?.updated?.long).toBe("vendredi 1er\u00A0mars 2024 à 10\u00A0h\u00A000");
    expect(about?.description).toBe("Une phrase sur la page.");
    expect(contact?.bodyHtml).toBe("<p>Écrivez-nous\u00A0: nous lisons tout.</p>");
    expect(contact?.updated).toBeNull();
  });

  it("gives the publisher's e-mail address to the contact page only", () => {
    writeAll();
    expect(load().pages.map((p) => p.email)).toEqual([null, "redaction@exemple.fr", null]);
    expect(load({ ...publisher, email: undefined }).pages.map((p) => p.email)).toEqual([null, null, null]);
  });

  it("reads nothing for a publisher that lists no page", () => {
    write("brouillon.md", "title: [pas du YAML valide");
    expect(load({ ...publisher, pages: [] })).toEqual({ pages: [], legalTexts: new Map(), problems: [], keys: [] });
  });

  it("reads nothing from a folder that does not exist, and says which pages are missing", () => {
    const result = loadTrustPages(undefined, publisher, PUBLISHER_FILE);
    expect(result.pages).toEqual([]);
    expect(result.problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'pages.0.slug: "a-propos" has no page; expected a-propos.md in the pages folder',
      'pages.1.slug: "contact" has no page; expected contact.md in the pages folder',
      'pages.2.slug: "charte" has no page; expected charte.md in the pages folder',
    ]);
  });

  it("names the file a listed page should be in", () => {
    writeAll();
    const missing = shownPath(path.join(dir(), "pages", "faq.md"));
    expect(messages({ ...publisher, pages: [...publisher.pages, { slug: "faq", roles: [] }] })).toEqual([
      `${shownPath(PUBLISHER_FILE)}: pages.3.slug: "faq" has no page; expected ${missing}`,
    ]);
  });

  it("refuses a page publisher.yaml does not list: it would have no place in the footer", () => {
    writeAll();
    const faq = write("faq.md", page("Questions"));
    expect(messages()).toEqual([
      `${faq}: (file name): "faq" is not listed under pages in publisher.yaml; expected "- slug: faq" there (its place in the footer)`,
    ]);
  });

  it("refuses a file name that is not a slug", () => {
    writeAll();
    const file = write("Qui sommes-nous.md", page("Qui sommes-nous"));
    expect(messages()).toEqual([
      `${file}: (file name): "Qui sommes-nous.md" is not <ascii-slug>.md; expected e.g. qui-sommes-nous.md`,
    ]);
  });

  it("refuses what is not a page file with a word, never waiting on it or leaving it out in silence", () => {
    writeAll();
    const pages = path.join(dir(), "pages");
    renameSync(path.join(pages, "contact.md"), path.join(pages, "contact.markdown"));
    execFileSync("mkfifo", [path.join(pages, "contact.md")]);
    writeFileSync(path.join(pages, ".contact.md.swp"), "");
    expect(messages()).toEqual([
      `${shownPath(path.join(pages, "contact.markdown"))}: (file name): has the extension ".markdown"; expected ".md" (other files are not read)`,
      `${shownPath(path.join(pages, "contact.md"))}: (file): is a FIFO (named pipe); expected a regular file`,
    ]);
  });

  it("checks front matter and body as for articles, every problem of every page", () => {
    writeAll();
    const about = write("a-propos.md", "titel: À propos\ndescription: Une phrase.");
    const contact = write("contact.md", page("Contact", "\nupdated: hier"), "# Contact\n");
    expect(messages()).toEqual([
      `${about}: title: is missing; expected a title of at most 110 characters`,
      `${about}: titel: is not a known field; did you mean \`title\`?`,
      `${contact}: updated: "hier" is not an ISO 8601 date-time with offset (e.g. 2023-04-18T14:05:00+02:00)`,
    ]);
    write("contact.md", page("Contact"), "# Contact\n");
    expect(messages()).toEqual([
      `${about}: title: is missing; expected a title of at most 110 characters`,
      `${about}: titel: is not a known field; did you mean \`title\`?`,
      `${contact}: body: line 6: a level-1 heading (#); expected ## for subheadings, the page's title comes from title`,
    ]);
  });

  it("reads the publisher's own text of a legal page, which publisher.yaml does not list", () => {
    writeAll();
    write(
      "mentions-legales.md",
      page("Mentions légales"),
      "## Propriété intellectuelle\n\nLes textes sont protégés.\n",
    );
    const { pages, legalTexts, problems } = load();
    expect(problems).toEqual([]);
    expect(pages.map((p) => p.slug)).toEqual(["a-propos", "contact", "charte"]);
    expect([...legalTexts.keys()]).toEqual(["mentions-legales"]);
    expect(legalTexts.get("mentions-legales")?.bodyHtml).toContain("Les textes sont protégés.");
  });

  it("refuses a legal page in publisher.yaml's list: the build makes it, after the listed pages", () => {
    writeAll();
    expect(messages({ ...publisher, pages: [...publisher.pages, { slug: "accessibilite", roles: [] }] })).toEqual([
      `${shownPath(PUBLISHER_FILE)}: pages.3.slug: "accessibilite" is a page the build makes from data, after the pages listed here; expected it left out of pages (its own text, if any, in accessibilite.md)`,
    ]);
  });

  it("changes its keys when a page's text changes", () => {
    writeAll();
    const before = load().keys;
    write("contact.md", page("Contact"), "Un autre texte.\n");
    expect(load().keys).not.toEqual(before);
  });
});

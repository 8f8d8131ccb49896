/**
 * The editor's preview (npm start): edits show without a restart, on every page that lists the
 * article; content errors are printed for the editor and the server survives them, as it
 * survives any request and links that loop; it listens on 127.0.0.1 unless told otherwise, and
 * serves nothing from outside its output folder.
 */

import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, normalizeText, ROOT } from "../helpers/build.ts";
import { type DevServer, previewCommand, rawRequest, startDevServer } from "../helpers/dev-server.ts";
import { hashTree } from "../helpers/tree.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
const ARTICLE = "/international/sommet-a-geneve/";
const OLD_FILE = "international/2024-03-01-sommet-a-geneve.md";
const OLD_ISO = "2024-03-01T09:00:00+01:00";

let dir: string;
let articles: string;
let output: string;
let server: DevServer;

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const headline = async (urlPath: string) => {
  const html = await server.fetchPage(urlPath);
  return html === null ? null : normalizeText(parse(html).querySelector("h1")?.textContent);
};
const teaserTitles = async (urlPath: string) => {
  const html = (await server.fetchPage(urlPath)) ?? "";
  return [...parse(html).querySelectorAll("main .teaser-title a")].map((a) => ({
    href: a.getAttribute("href"),
    text: normalizeText(a.textContent),
  }));
};
/** Every text file the preview wrote (pages, feeds, sitemaps…), by path. */
const writtenFiles = () =>
  readdirSync(output, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(html|xml|json|txt)$/.test(file))
    .map((file) => ({ file, text: readFileSync(path.join(output, file), "utf8") }));
const builds = () => server.output().split("Watching…").length - 1;
/** Rewrites one front matter line of an article in the temporary newsroom. */
function editField(file: string, field: string, value: string): void {
  const full = path.join(articles, file);
  const text = readFileSync(full, "utf8").replace(new RegExp(`^${field}: .*$`, "m"), `${field}: ${value}`);
  writeFileSync(full, text);
}

beforeAll(async () => {
  dir = makeTempDir("news-preview-");
  articles = path.join(dir, "articles");
  output = path.join(dir, "preview");
  cpSync(path.join(FIXTURE, "articles"), articles, { recursive: true });
  cpSync(path.join(FIXTURE, "data"), path.join(dir, "data"), { recursive: true });
  // Beside the output, named like it: what a request must never reach.
  mkdirSync(path.join(dir, "preview-secret"));
  writeFileSync(path.join(dir, "preview-secret", "secret.txt"), "SECRET-BESIDE");
  writeFileSync(path.join(dir, "secret.txt"), "SECRET-ABOVE");
  server = startDevServer({ articles, data: path.join(dir, "data"), output });
  await server.waitFor("the server to listen", async () => server.url !== "" && (await headline(ARTICLE)) !== null);
});

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the preview server", () => {
  it("shows drafts, which production builds leave out", async () => {
    expect(await server.fetchPage("/culture/brouillon/")).not.toBeNull();
  });

  it("shows an article dated after now, marked as scheduled (production builds hold it back)", async () => {
    const file = path.join(articles, "culture/2099-01-01-a-paraitre.md");
    writeFileSync(
      file,
      "---\ntitle: À paraître\nstandfirst: Un article programmé.\ndate: 2099-01-01T09:00:00+01:00\nsection: culture\nauthor: Rédaction d'essai\n---\n\nTexte.\n",
    );
    try {
      await server.waitFor(
        "the scheduled article",
        async () => (await server.fetchPage("/culture/a-paraitre/")) !== null,
      );
      const page = parse((await server.fetchPage("/culture/a-paraitre/")) ?? "");
      expect(normalizeText(page.querySelector(".byline .scheduled")?.textContent)).toBe(
        "Programmé pour le jeudi 1er janvier 2099 à 9 h 00",
      );
      const section = parse((await server.fetchPage("/culture/")) ?? "");
      expect(normalizeText(section.querySelector("main .teaser .scheduled")?.textContent)).toBe("Programmé");
    } finally {
      // Off the lists again, for the tests below that read their order.
      rmSync(file);
      await server.waitFor(
        "the scheduled article gone",
        async () => (await server.fetchPage("/culture/a-paraitre/")) === null,
      );
    }
  });

  it("after a text-only edit, renders that article's page again and no other article page", async () => {
    const before = builds();
    const printedBefore = server.output().length;
    const sitemapFile = path.join(output, "sitemap.xml");
    const locations = () =>
      existsSync(sitemapFile) ? (readFileSync(sitemapFile, "utf8").match(/<loc>[^<]*<\/loc>/g) ?? []) : [];
    const listedBefore = locations();
    const file = path.join(articles, "culture/2024-03-04-festival-d-avignon.md");
    writeFileSync(file, `${readFileSync(file, "utf8")}\nUn paragraphe ajouté pendant l’aperçu.\n`);
    await server.waitFor(
      "the new paragraph",
      async () =>
        builds() > before &&
        ((await server.fetchPage("/culture/festival-d-avignon/")) ?? "").includes("Un paragraphe ajouté"),
    );
    const written = server
      .output()
      .slice(printedBefore)
      .split("\n")
      .filter((line) => line.includes("from ./src/article.njk"));
    expect(written).toHaveLength(1);
    expect(written[0]).toContain("culture/festival-d-avignon/index.html");
    // The other article pages are still served, from the previous render, and still in the sitemap.
    expect(await headline("/economie/inflation-en-baisse/")).not.toBeNull();
    expect(locations()).toEqual(listedBefore);
    // Feeds carry the text: the site's and the section's show the new paragraph.
    for (const feed of ["/feed.json", "/atom.xml", "/culture/feed.json"]) {
      expect(await server.fetchPage(feed)).toContain("Un paragraphe ajouté");
    }
    // Lists are still whole.
    expect((await teaserTitles("/culture/")).map((t) => t.href)).toContain("/culture/festival-d-avignon/");
  });

  it("shows a saved headline on the article, its section index and the home page, without a restart", async () => {
    const before = builds();
    editField(OLD_FILE, "title", '"Sommet à Genève : accord trouvé"');
    await server.waitFor(
      "the new headline",
      async () => builds() > before && (await headline(ARTICLE)) === "Sommet à Genève : accord trouvé",
    );
    expect((await teaserTitles("/international/")).map((t) => t.text)).toContain("Sommet à Genève : accord trouvé");
    // Everything else that names it: its topic pages, « À lire aussi » of an article sharing a
    // tag, the feeds; and nothing still shows the old headline.
    expect((await teaserTitles("/sujets/europe/")).map((t) => t.text)).toContain("Sommet à Genève : accord trouvé");
    const related = parse((await server.fetchPage("/economie/inflation-en-baisse/")) ?? "");
    expect([...related.querySelectorAll(".related a")].map((a) => normalizeText(a.textContent))).toContain(
      "Sommet à Genève : accord trouvé",
    );
    expect(await server.fetchPage("/international/feed.json")).toContain("accord trouvé");
    const stale = writtenFiles()
      .filter(({ text }) => /Sommet à Genève<|Sommet à Genève"/.test(text))
      .map(({ file }) => file);
    expect(stale).toEqual([]);
  });

  it("moves an article whose date changed to the top of its section and home, and updates every file naming it", async () => {
    const before = builds();
    const filesWithOldDate = writtenFiles()
      .filter(({ text }) => text.includes(OLD_ISO))
      .map(({ file }) => file);
    expect(filesWithOldDate).toContain(path.join("international", "sommet-a-geneve", "index.html"));
    // Feeds and sitemaps, once the site has them, name the article with its date too.
    const machineReadable = ["feed.json", "atom.xml", "sitemap.xml"].filter((file) =>
      existsSync(path.join(output, file)),
    );
    for (const file of machineReadable) expect(filesWithOldDate).toContain(file);

    // The file name carries the publication day: editors rename the file with the date.
    editField(OLD_FILE, "date", "2024-03-08T10:00:00+01:00");
    renameSync(path.join(articles, OLD_FILE), path.join(articles, "international/2024-03-08-sommet-a-geneve.md"));
    await server.waitFor(
      "the new order",
      async () => builds() > before && (await teaserTitles("/"))[0]?.href === ARTICLE,
    );

    expect((await teaserTitles("/international/"))[0]).toEqual({
      href: ARTICLE,
      text: "Sommet à Genève : accord trouvé",
    });
    expect((await teaserTitles("/"))[0]?.text).toBe("Sommet à Genève : accord trouvé");
    const page = parse((await server.fetchPage(ARTICLE)) ?? "");
    expect(page.querySelector(".dates time")?.getAttribute("datetime")).toBe("2024-03-08T10:00:00+01:00");
    // Whatever else names the article (feeds, sitemaps when the site has them) follows too.
    const stale = writtenFiles()
      .filter(({ text }) => text.includes(OLD_ISO))
      .map(({ file }) => file);
    expect(stale).toEqual([]);
    for (const file of machineReadable)
      expect(readFileSync(path.join(output, file), "utf8")).toContain("2024-03-08T10:00:00+01:00");
    for (const file of machineReadable.filter((name) => name !== "sitemap.xml")) {
      expect(readFileSync(path.join(output, file), "utf8")).toContain("accord trouvé");
    }
  });

  it("takes a deleted article off every list", async () => {
    const before = builds();
    rmSync(path.join(articles, "international/2024-03-05-elections-au-bresil.md"));
    await server.waitFor(
      "the article gone from its section",
      async () =>
        builds() > before &&
        !(await teaserTitles("/international/")).some((t) => t.href === "/international/elections-au-bresil/"),
    );
    for (const list of ["/", "/sujets/amerique-latine/", "/archives/2024/03/"]) {
      expect((await teaserTitles(list)).map((t) => t.href)).not.toContain("/international/elections-au-bresil/");
    }
    // Its page and its topic's page (no article left) are gone too, not served from before.
    expect(await server.fetchPage("/international/elections-au-bresil/")).toBeNull();
    expect(await server.fetchPage("/sujets/amerique-latine/")).toBeNull();
    expect(await server.fetchPage("/feed.json")).not.toContain("elections-au-bresil");
    expect(readFileSync(path.join(output, "sitemap.xml"), "utf8")).not.toContain("elections-au-bresil");
  });

  it("prints a content error with file, field and expectation, keeps serving, and recovers on the next save", async () => {
    const file = "economie/2024-03-03-la-bourse-recule.md";
    const printedBefore = server.output().length;
    const failedBuild = builds();
    editField(file, "date", "03/03/2024");
    // Until the end of that build, so that all it printed is there.
    await server.waitFor(
      "the error",
      () => builds() > failedBuild && server.output().slice(printedBefore).includes("content problem"),
    );
    const report = server.output().slice(printedBefore);
    expect(report).toContain(
      `${path.join("articles", file)}: date: "03/03/2024" is not an ISO 8601 date-time with offset`,
    );
    // No stack trace: neither Eleventy's heading for one nor its "at file:line:column" lines.
    expect(report).not.toContain("stack trace");
    expect(report).not.toMatch(/\sat .*:\d+:\d+\)?$/m);
    expect(await headline("/economie/la-bourse-recule/")).not.toBeNull();

    const before = builds();
    editField(file, "date", "2024-03-03T11:00:00+01:00");
    editField(file, "title", '"La Bourse se reprend"');
    await server.waitFor(
      "the recovery",
      async () => builds() > before && (await headline("/economie/la-bourse-recule/")) === "La Bourse se reprend",
    );
  });
});

describe("the preview server started on broken content", () => {
  it("prints the problem, waits, and starts once the article is fixed", async () => {
    const brokenDir = makeTempDir("news-preview-broken-");
    try {
      const brokenArticles = path.join(brokenDir, "articles");
      cpSync(path.join(FIXTURE, "articles"), brokenArticles, { recursive: true });
      const file = path.join(brokenArticles, "culture/2024-03-02-un-roman-prime.md");
      const original = readFileSync(file, "utf8");
      writeFileSync(file, original.replace(/^section: .*$/m, "section: cultur"));
      const broken = startDevServer({
        articles: brokenArticles,
        data: path.join(FIXTURE, "data"),
        output: path.join(brokenDir, "preview"),
      });
      try {
        await broken.waitFor("the problem", () => broken.output().includes("Not started yet"));
        expect(broken.output()).toContain('section: "cultur" is not a declared section');
        expect(broken.output()).not.toContain("stack trace");
        writeFileSync(file, original);
        await broken.waitFor(
          "the server to start",
          async () => broken.url !== "" && (await broken.fetchPage("/culture/un-roman-prime/")) !== null,
        );
      } finally {
        await broken.stop();
      }
    } finally {
      rmSync(brokenDir, { recursive: true, force: true });
    }
  });
});

/** A GET of `target` exactly as written, nothing normalised. */
const rawGet = (target: string, method = "GET") =>
  rawRequest(server.url, `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);

describe("the preview server, given hostile requests", () => {
  it("listens on 127.0.0.1 only", async () => {
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
    expect((await rawGet("/")).status).toBe(200);
    // The whole of 127.0.0.0/8 is this machine: a server on every interface would answer here.
    const other = server.url.replace("127.0.0.1", "127.0.0.2");
    await expect(rawRequest(other, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  const traversals = [
    "/..%2fpreview-secret/secret.txt",
    "/..%2F..%2Fsecret.txt",
    "/%2e%2e/secret.txt",
    "/%2e%2e%2fsecret.txt",
    "/../secret.txt",
    "/../preview-secret/secret.txt",
    "/assets/../../secret.txt",
    "/..%5csecret.txt",
    "/%252e%252e%252fsecret.txt",
    "/secret.txt%00.html",
  ];
  it.each(traversals)("refuses %s and reaches nothing outside the output folder", async (target) => {
    const answer = await rawGet(target);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.text).not.toContain("SECRET");
  });

  it("serves no file through a link that leads out of the output folder", async () => {
    symlinkSync(path.join(dir, "preview-secret"), path.join(output, "leak"));
    try {
      const answer = await rawGet("/leak/secret.txt");
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain("SECRET");
    } finally {
      unlinkSync(path.join(output, "leak"));
    }
  });

  const hostile: [string, string][] = [
    ["an invalid percent-encoding", "GET /%ff HTTP/1.1"],
    ["a lone percent sign", "GET /% HTTP/1.1"],
    ["a truncated UTF-8 sequence", "GET /%E0%A4%A HTTP/1.1"],
    ["a NUL byte", "GET /a%00b HTTP/1.1"],
    ["a URL of 5,000 characters", `GET /${"a".repeat(5000)} HTTP/1.1`],
    ["a URL of 100,000 characters", `GET /${"a".repeat(100_000)} HTTP/1.1`],
    ["an absolute URL", "GET http://example.org/..%2f HTTP/1.1"],
    ["an asterisk", "OPTIONS * HTTP/1.1"],
    ["an unknown method", "BREW / HTTP/1.1"],
    ["WebDAV", "PROPFIND / HTTP/1.1"],
    ["DELETE", "DELETE /index.html HTTP/1.1"],
    ["CONNECT", "CONNECT 127.0.0.1:22 HTTP/1.1"],
    ["a protocol that does not exist", "GET / HTTP/9.9"],
    ["no request line at all", "\u0000\u0001\u0002"],
  ];
  it.each(hostile)("survives %s", async (_what, line) => {
    const answer = await rawRequest(server.url, `${line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(answer.status === null || answer.status >= 400).toBe(true);
    expect((await rawGet("/")).status).toBe(200);
  });

  it("answers odd but valid requests, and still serves afterwards", async () => {
    const range = await rawRequest(
      server.url,
      "GET /index.html HTTP/1.1\r\nHost: x\r\nRange: bytes=999999-\r\nConnection: close\r\n\r\n",
    );
    expect(range.status).toBe(416);
    expect((await rawGet("/", "HEAD")).status).toBe(200);
    expect((await rawGet("/%C3%A9t%C3%A9/")).status).toBe(404);
    expect(await headline("/economie/la-bourse-recule/")).toBe("La Bourse se reprend");
    expect(server.output()).not.toMatch(/\sat .*:\d+:\d+\)?$/m);
  });
});

describe("the preview server, given links that loop", () => {
  it("reports a link to a parent folder and a file linking to itself in one line, keeps serving, and recovers", async () => {
    const printedBefore = server.output().length;
    const before = builds();
    symlinkSync("..", path.join(articles, "culture", "boucle"));
    symlinkSync("moi-meme.md", path.join(articles, "culture", "2024-03-09-moi-meme.md"));
    await server.waitFor(
      "the report",
      () => builds() > before && server.output().slice(printedBefore).includes("problem"),
    );
    const report = server.output().slice(printedBefore);
    expect(report).not.toMatch(/\sat .*:\d+:\d+\)?$/m);
    expect(await headline("/economie/la-bourse-recule/")).toBe("La Bourse se reprend");

    unlinkSync(path.join(articles, "culture", "boucle"));
    unlinkSync(path.join(articles, "culture", "2024-03-09-moi-meme.md"));
    const fixed = builds();
    editField("economie/2024-03-03-la-bourse-recule.md", "title", '"La Bourse repart"');
    await server.waitFor(
      "the recovery",
      async () => builds() > fixed && (await headline("/economie/la-bourse-recule/")) === "La Bourse repart",
    );
  });
});

describe("the preview server's options", () => {
  it("listens on the address --host names", async () => {
    const hostDir = makeTempDir("news-preview-host-");
    const other = startDevServer({
      articles: path.join(FIXTURE, "articles"),
      data: path.join(FIXTURE, "data"),
      output: path.join(hostDir, "preview"),
      args: ["--host", "127.0.0.2"],
    });
    try {
      await other.waitFor("the server to listen", () => other.url !== "");
      expect(new URL(other.url).hostname).toBe("127.0.0.2");
      expect((await rawRequest(other.url, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).status).toBe(200);
      const loopback = other.url.replace("127.0.0.2", "127.0.0.1");
      await expect(rawRequest(loopback, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).rejects.toThrow(
        /ECONNREFUSED/,
      );
    } finally {
      await other.stop();
      rmSync(hostDir, { recursive: true, force: true });
    }
  });

  it("refuses an --output holding someone's files, in one line, writing nothing", () => {
    const outDir = makeTempDir("news-preview-output-");
    try {
      mkdirSync(path.join(outDir, "notes"));
      writeFileSync(path.join(outDir, "notes", "todo.txt"), "mine");
      const before = hashTree(outDir);
      // Every case of the rule: tests/unit/publish/output-folder.test.ts. A timeout, should it
      // start serving after all.
      const command = previewCommand({
        articles: path.join(FIXTURE, "articles"),
        data: path.join(FIXTURE, "data"),
        output: path.join(outDir, "notes"),
      });
      const run = spawnSync(process.execPath, command, { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
      expect(run.status).toBe(1);
      expect(run.stderr.trimEnd().split("\n")).toEqual([
        expect.stringMatching(/^--output ".+": is a folder no build wrote/),
      ]);
      expect(hashTree(outDir)).toEqual(before);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

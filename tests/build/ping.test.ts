/**
 * `npm run ping` after real builds of the newsroom, against a local HTTP server standing in for
 * IndexNow and a WebSub hub (nothing leaves the machine): the first build announces every page
 * it published and no draft or scheduled article; an update to live coverage announces that
 * page and the feeds that carry it; a build that changed nothing sends nothing; a failing
 * service is a warning with its answer, and the command still succeeds.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, ROOT, runBuild } from "../helpers/build.ts";

const SITE = "https://www.quotidien-essai.example";
const KEY = "3f9a1c0b5d7e4a2f9c1d";
// 5 March, 13:00 in Paris: « Inflation en baisse » (6 March) and « Élections au Brésil » (5 March,
// 18:30) are scheduled, « Brouillon » is a draft; the live coverage's updates have all come.
const EPOCH = String(Date.parse("2024-03-05T12:00:00Z") / 1000);
const LIVE_SOURCE = "articles/economie/2024-03-05-greve-en-direct.md";

let dir: string;
let server: Server;
let origin: string;
let answers: Record<string, number> = {};
const received: { path: string; contentType?: string; body: string }[] = [];

const out = () => path.join(dir, "dist");
const env = () => ({ SOURCE_DATE_EPOCH: EPOCH, CACHE_DIR: path.join(dir, "cache") });

function build(): void {
  const run = runBuild(
    ["--quiet", "--out", out(), "--articles", path.join(dir, "articles"), "--data", path.join(dir, "data")],
    env(),
  );
  expect(run.status, run.stderr).toBe(0);
}

/**
 * `npm run ping` as npm runs it (package.json's command), from the project; not blocking, so that
 * the stand-in server of this process can answer it.
 */
async function ping(target = out()): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/cli/ping.ts", "--out", target], {
    cwd: ROOT,
    env: { ...process.env, ...env() },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const [status] = (await once(child, "close")) as [number | null];
  return { status, stdout, stderr };
}

const sent = () => received.splice(0, received.length);
const indexNowUrls = (requests: typeof received) =>
  requests.filter((r) => r.path === "/indexnow").flatMap((r) => JSON.parse(r.body).urlList as string[]);
const hubTopics = (requests: typeof received) =>
  requests.filter((r) => r.path === "/hub").flatMap((r) => new URLSearchParams(r.body).getAll("hub.url"));

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ path: request.url ?? "", contentType: request.headers["content-type"], body });
      response.writeHead(answers[request.url ?? ""] ?? 200, { "content-type": "text/plain" }).end("réponse du serveur");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = makeTempDir("news-ping-");
  cpSync(path.join(ROOT, "tests/fixtures/newsroom"), dir, { recursive: true });
  // Scheduled here, « Élections au Brésil » cannot carry its corrections of 6 March yet (no date
  // of an article's history may come after the build).
  const elections = path.join(dir, "articles/international/2024-03-05-elections-au-bresil.md");
  writeFileSync(elections, readFileSync(elections, "utf8").replace(/^corrections:\n(?: {2}.*\n)+/m, ""));
  const publisher = path.join(dir, "data/publisher.yaml");
  writeFileSync(
    publisher,
    `${readFileSync(publisher, "utf8")}ping:\n  indexnow:\n    key: ${KEY}\n    endpoint: ${origin}/indexnow\n  websub:\n    hub: ${origin}/hub\n`,
  );
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm run ping", () => {
  it("announces every page of a first build, and no draft or scheduled article", async () => {
    build();
    const run = await ping();
    expect(run.status, run.stderr).toBe(0);
    const requests = sent();
    const pages = readdirSync(out(), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith("index.html"))
      .map((file) => `${SITE}/${file.replace(/index\.html$/, "")}`)
      .sort();
    expect([...indexNowUrls(requests)].sort()).toEqual(pages);
    for (const url of [
      "/culture/brouillon/",
      "/economie/inflation-en-baisse/",
      "/international/elections-au-bresil/",
    ]) {
      expect(indexNowUrls(requests)).not.toContain(`${SITE}${url}`);
    }
    const [indexNow] = requests.filter((r) => r.path === "/indexnow");
    expect(indexNow?.contentType).toBe("application/json; charset=utf-8");
    expect(JSON.parse(indexNow?.body ?? "")).toMatchObject({
      host: "www.quotidien-essai.example",
      key: KEY,
      keyLocation: `${SITE}/${KEY}.txt`,
    });
    expect(hubTopics(requests)).toHaveLength(8);
    expect(run.stdout).toContain(
      `Ping: IndexNow (${origin.slice(7)}): ${pages.length} URLs sent (200 OK: réponse du serveur).`,
    );
  });

  it("publishes the IndexNow key at the site's root and the hub in every feed", () => {
    expect(readFileSync(path.join(out(), `${KEY}.txt`), "utf8")).toBe(KEY);
    for (const feed of ["atom.xml", "economie/atom.xml"]) {
      expect(readFileSync(path.join(out(), feed), "utf8")).toContain(`<link rel="hub" href="${origin}/hub"/>`);
    }
    expect(JSON.parse(readFileSync(path.join(out(), "feed.json"), "utf8")).hubs).toEqual([
      { type: "WebSub", url: `${origin}/hub` },
    ]);
  });

  it("after an update to live coverage, announces that page alone and the feeds that carry it", async () => {
    const file = path.join(dir, LIVE_SOURCE);
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        "## 2024-03-05T12:40:00+01:00",
        "## 2024-03-05T12:55:00+01:00 — Le cortège de Lyon s'élance\n\nÀ Lyon, le cortège part de la place Bellecour.\n\n$&",
      ),
    );
    build();
    const run = await ping();
    expect(run.status, run.stderr).toBe(0);
    const requests = sent();
    expect(indexNowUrls(requests)).toEqual([`${SITE}/economie/greve-en-direct/`]);
    expect(hubTopics(requests).sort()).toEqual(
      [`${SITE}/atom.xml`, `${SITE}/economie/atom.xml`, `${SITE}/economie/feed.json`, `${SITE}/feed.json`].sort(),
    );
  });

  it("sends nothing when the last build changed nothing, or twice for one build", async () => {
    expect((await ping()).stdout).toContain("already sent for the build of");
    expect(sent()).toEqual([]);
    build();
    const run = await ping();
    expect(run.status).toBe(0);
    expect(sent()).toEqual([]);
    expect(run.stdout).toMatch(/changed no page; nothing sent\.\n.*changed no feed; nothing sent\.\n$/);
  });

  it("announces a deleted article as a page gone", async () => {
    rmSync(path.join(dir, "articles/culture/2024-03-02-un-roman-prime.md"));
    build();
    await ping();
    expect(indexNowUrls(sent())).toContain(`${SITE}/culture/un-roman-prime/`);
    expect(existsSync(path.join(out(), "culture/un-roman-prime"))).toBe(false);
  });

  it("warns with the host's answer when a service fails, and succeeds all the same", async () => {
    const file = path.join(dir, LIVE_SOURCE);
    writeFileSync(file, readFileSync(file, "utf8").replace("Bonjour à tous !", "Bonjour à toutes et à tous !"));
    build();
    answers = { "/indexnow": 403, "/hub": 500 };
    const run = await ping();
    answers = {};
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      `Warning: ping: IndexNow (${origin.slice(7)}) answered 403 Forbidden: réponse du serveur; nothing is lost`,
    );
    expect(run.stderr).toContain(
      `Warning: ping: WebSub hub (${origin.slice(7)}) answered 500 Internal Server Error: réponse du serveur`,
    );
    sent();
    // Tried again by the next run, and then sent.
    expect((await ping()).stdout).toContain("1 URL sent (200 OK: réponse du serveur)");
    expect(indexNowUrls(sent())).toEqual([`${SITE}/economie/greve-en-direct/`]);
  });

  it("says so when there is no build to announce", async () => {
    const run = await ping(path.join(dir, "nulle-part"));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^Ping: nothing to announce for .*nulle-part\/: no record of a build; run npm run build first\.\n$/,
    );
  });
});

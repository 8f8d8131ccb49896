/**
 * `npm run ping` against a local HTTP server standing in for IndexNow and a WebSub hub: what is
 * sent, in the format each documents, and what is not.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BuildChanges } from "../../../scripts/publish/changes.ts";
import { INDEXNOW_BATCH, ping } from "../../../scripts/publish/ping.ts";
import { useTempDir } from "../../helpers/build.ts";

interface Received {
  path: string;
  contentType: string | undefined;
  body: string;
}

let server: Server;
let origin = "";
const received: Received[] = [];
/** The status each path answers with (and its body). */
let answers: Record<string, [number, string]> = {};

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const url = request.url ?? "";
      received.push({ path: url, contentType: request.headers["content-type"], body });
      const [status, text] = answers[url] ?? [200, ""];
      response.writeHead(status, { "content-type": "text/plain" }).end(text);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  received.length = 0;
  answers = { "/indexnow": [202, ""], "/hub": [204, ""] };
});

const dir = useTempDir("news-ping-");
const sentAt = () => path.join(dir(), "sent.json");

function changes(fields: Partial<BuildChanges> = {}): BuildChanges {
  return {
    id: "build-1",
    out: "/srv/dist",
    builtAt: "2024-03-08T12:00:00Z",
    site: "https://www.exemple.fr/actu/",
    pages: ["https://www.exemple.fr/actu/economie/greve-en-direct/", "https://www.exemple.fr/actu/"],
    removed: ["https://www.exemple.fr/actu/culture/retire/"],
    feeds: ["https://www.exemple.fr/actu/atom.xml", "https://www.exemple.fr/actu/feed.json"],
    ping: {
      indexnow: { key: "0123456789abcdef", endpoint: `${origin}/indexnow` },
      websub: { hub: `${origin}/hub` },
    },
    pageUrls: [],
    ...fields,
  };
}

describe("IndexNow", () => {
  it("gets the pages the build added, changed and removed, as the JSON its documentation shows", async () => {
    const outcome = await ping(changes({ ping: { indexnow: changes().ping?.indexnow } }), sentAt());
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.path).toBe("/indexnow");
    expect(request?.contentType).toBe("application/json; charset=utf-8");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      host: "www.exemple.fr",
      key: "0123456789abcdef",
      keyLocation: "https://www.exemple.fr/actu/0123456789abcdef.txt",
      urlList: [
        "https://www.exemple.fr/actu/economie/greve-en-direct/",
        "https://www.exemple.fr/actu/",
        "https://www.exemple.fr/actu/culture/retire/",
      ],
    });
    expect(outcome).toEqual({
      lines: [`Ping: IndexNow (${origin.slice("http://".length)}): 3 URLs sent (202 Accepted).`],
      warnings: [],
    });
  });

  it("sends at most 10,000 URLs a request", async () => {
    const pages = Array.from({ length: INDEXNOW_BATCH + 1 }, (_, n) => `https://www.exemple.fr/actu/a/${n}/`);
    await ping(changes({ pages, removed: [], feeds: [] }), sentAt());
    const lists = received.filter((r) => r.path === "/indexnow").map((r) => JSON.parse(r.body).urlList.length);
    expect(lists).toEqual([INDEXNOW_BATCH, 1]);
  });
});

describe("WebSub", () => {
  it("tells the hub which feeds changed: hub.mode=publish and one hub.url each", async () => {
    await ping(changes({ ping: { websub: { hub: `${origin}/hub` } } }), sentAt());
    expect(received).toHaveLength(1);
    expect(received[0]?.contentType).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(received[0]?.body);
    expect(form.get("hub.mode")).toBe("publish");
    expect(form.getAll("hub.url")).toEqual([
      "https://www.exemple.fr/actu/atom.xml",
      "https://www.exemple.fr/actu/feed.json",
    ]);
  });
});

describe("what is not sent", () => {
  it("nothing when the build changed nothing", async () => {
    const outcome = await ping(changes({ pages: [], removed: [], feeds: [] }), sentAt());
    expect(received).toEqual([]);
    expect(outcome.lines).toEqual([
      expect.stringContaining("the build of 2024-03-08T12:00:00Z changed no page; nothing sent."),
      expect.stringContaining("the build of 2024-03-08T12:00:00Z changed no feed; nothing sent."),
    ]);
  });

  it("nothing when publisher.yaml has no ping settings", async () => {
    expect((await ping(changes({ ping: null }), sentAt())).lines).toEqual([
      "Ping: off (publisher.yaml has no ping settings); nothing sent.",
    ]);
    expect(received).toEqual([]);
  });

  it("nothing a second time for the same build; again for the next one", async () => {
    await ping(changes(), sentAt());
    expect(received).toHaveLength(2);
    const again = await ping(changes(), sentAt());
    expect(received).toHaveLength(2);
    expect(again.lines.every((line) => line.includes("already sent for the build of"))).toBe(true);
    await ping(changes({ id: "build-2" }), sentAt());
    expect(received).toHaveLength(4);
  });

  it("no URL off the site the record names", async () => {
    await ping(changes({ pages: ["https://ailleurs.example/page/"], removed: [], feeds: [] }), sentAt());
    expect(received).toEqual([]);
  });
});

describe("a failed ping", () => {
  it("is a warning with the host's answer, and is tried again next time", async () => {
    answers["/indexnow"] = [403, "Forbidden: the key is not valid for this host"];
    const outcome = await ping(changes(), sentAt());
    expect(outcome.warnings).toEqual([
      expect.stringMatching(
        /^Warning: ping: IndexNow \(127\.0\.0\.1:\d+\) answered 403 Forbidden: Forbidden: the key is not valid for this host; nothing is lost/,
      ),
    ]);
    // The hub answered: only IndexNow is tried again.
    answers["/indexnow"] = [200, ""];
    await ping(changes(), sentAt());
    expect(received.map((request) => request.path)).toEqual(["/indexnow", "/hub", "/indexnow"]);
  });

  it("is a warning when the host cannot be reached", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await ping(changes({ ping: { websub: { hub: `http://127.0.0.1:${port}/hub` } } }), sentAt());
    expect(outcome.lines).toEqual([]);
    expect(outcome.warnings).toEqual([
      expect.stringMatching(/^Warning: ping: WebSub hub \(127\.0\.0\.1:\d+\) answered .*ECONNREFUSED/),
    ]);
  });
});

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSiteUrl } from "../../../scripts/input/site-url.ts";
import { changesFile, readChanges, recordChanges } from "../../../scripts/publish/changes.ts";
import { useTempDir } from "../../helpers/build.ts";

const dir = useTempDir("news-changes-");
const siteUrl = resolveSiteUrl("https://www.exemple.fr", { siteOrigin: undefined, pathPrefix: "/actu/" });
const PING = { indexnow: { key: "0123456789abcdef", endpoint: "https://api.indexnow.org/indexnow" } };

/** Writes `files` (relative path → text) under `root`. */
function tree(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

/** A build that wrote `written` (now in out/, the previous output in out.previous/) and kept `kept` pages. */
function build(written: Record<string, string>, previous: Record<string, string>, manifestPages: string[]) {
  const out = path.join(dir(), "out");
  tree(out, written);
  tree(`${out}.previous`, previous);
  const staging = path.join(dir(), "out.staging-1");
  const outputs = Object.keys(written).map((file) => ({ inputPath: "x", outputPath: path.join(staging, file) }));
  const file = changesFile(path.join(dir(), "cache"), out);
  return {
    out,
    file,
    record: () =>
      recordChanges(file, {
        out,
        staging,
        outputs,
        manifestPages,
        siteUrl,
        builtAt: "2024-03-08T12:00:00Z",
        ping: PING,
      }),
  };
}

describe("what a build changed", () => {
  it("lists the pages and feeds it wrote whose bytes differ from the previous output's, as public URLs", () => {
    const { file, record } = build(
      {
        "index.html": "<p>accueil v2</p>",
        "international/nouveau/index.html": "<p>nouveau</p>",
        "international/pareil/index.html": "<p>pareil</p>",
        "atom.xml": "<feed>v2</feed>",
        "feed.json": "{}",
        "sitemap.xml": "<urlset>v2</urlset>",
        "404.html": "<p>introuvable v2</p>",
      },
      {
        "index.html": "<p>accueil v1</p>",
        "international/pareil/index.html": "<p>pareil</p>",
        "atom.xml": "<feed>v1</feed>",
        "feed.json": "{}",
        "sitemap.xml": "<urlset>v1</urlset>",
        "404.html": "<p>introuvable v1</p>",
      },
      ["/international/nouveau/", "/international/pareil/", "/international/garde/"],
    );
    const changes = record();
    expect(changes).toMatchObject({
      pages: ["https://www.exemple.fr/actu/", "https://www.exemple.fr/actu/international/nouveau/"],
      feeds: ["https://www.exemple.fr/actu/atom.xml"],
      removed: [],
      ping: PING,
      site: "https://www.exemple.fr/actu/",
      builtAt: "2024-03-08T12:00:00Z",
    });
    expect(changes?.pageUrls).toEqual([
      "/",
      "/international/garde/",
      "/international/nouveau/",
      "/international/pareil/",
    ]);
    const read = readChanges(file);
    expect(read).toEqual(changes);
  });

  it("lists the pages the previous build had and this one has not, and nothing else when nothing changed", () => {
    const first = build({ "a/index.html": "a", "b/index.html": "b" }, {}, ["/a/", "/b/"]);
    expect(first.record()?.pages).toHaveLength(2);
    const second = build({ "a/index.html": "a" }, { "a/index.html": "a" }, ["/a/"]);
    expect(second.file).toBe(first.file);
    const changes = second.record();
    expect(changes?.pages).toEqual([]);
    expect(changes?.feeds).toEqual([]);
    expect(changes?.removed).toEqual(["https://www.exemple.fr/actu/b/"]);
  });

  it("gives each build an id of its own, so that pings are never skipped for a build like the last", () => {
    const { record } = build({ "a/index.html": "a" }, {}, ["/a/"]);
    expect(record()?.id).not.toBe(record()?.id);
  });

  it("says why there is no record rather than trusting a damaged one", () => {
    const file = path.join(dir(), "record.json");
    expect(readChanges(file)).toEqual({ reason: "no record of a build" });
    writeFileSync(file, '{"format":1,"pages":');
    expect(readChanges(file)).toEqual({ reason: "the last build's record is unreadable" });
  });

  it("warns and removes the last record when this one cannot be written: no older build is announced again", () => {
    const { file, record } = build({ "a/index.html": "a" }, {}, ["/a/"]);
    record();
    // Where the record is written first: a folder, so nothing can be written there.
    mkdirSync(`${file}.${process.pid}.tmp`);
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => warnings.push(line);
    try {
      expect(record()).toBeNull();
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual([expect.stringMatching(/^Warning: what this build changed could not be recorded/)]);
    expect(readChanges(file)).toEqual({ reason: "no record of a build" });
  });
});

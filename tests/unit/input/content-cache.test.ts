import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ArticleResult } from "../../../scripts/input/article.ts";
import { DiskArticleCache } from "../../../scripts/input/content-cache.ts";
import { makeArticle } from "../../helpers/articles.ts";
import { useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("content-cache-");

/** A cache over one source file; `parse` makes an article whose body is the file's text, and counts its calls. */
function setUp() {
  const articles = path.join(tempDir(), "articles");
  const source = path.join(tempDir(), "article.md");
  writeFileSync(source, "Un article.");
  let parses = 0;
  const parse = (bytes: Buffer): ArticleResult => {
    parses += 1;
    return { ok: true, article: { ...makeArticle(), bodyHtml: `<p>${bytes.toString()}</p>` } };
  };
  /** One build: a cache made afresh, the article (and any `others`) read, the index saved. */
  const build = (version = "v1", context = "metadata", committed?: string, others: string[] = []) => {
    const cache = new DiskArticleCache(path.join(tempDir(), "cache"), version, articles);
    cache.checkedAgainst(context);
    const read = cache.article(source, committed, parse);
    for (const other of others) cache.article(other, committed, parse);
    cache.save();
    return { ...read, stats: cache.stats };
  };
  const folder = (version = "v1") => path.join(tempDir(), "cache/content", version);
  return { source, build, folder, parses: () => parses };
}

const bodyOf = (result: ArticleResult) => (result.ok ? result.article.bodyHtml : undefined);

describe("DiskArticleCache", () => {
  it("keeps a parsed article between builds and reads its body only when asked", () => {
    const { build, parses } = setUp();
    const first = build();
    const second = build();
    expect(parses()).toBe(1);
    expect(second.key).toBe(first.key);
    expect(second.prints).toEqual(first.prints);
    expect(second.stats).toEqual({ kept: 1, parsed: 0, bodiesRead: 0 });
    expect(bodyOf(second.result)).toBe("<p>Un article.</p>");
    expect(second.stats.bodiesRead).toBe(1);
    // Everything but the body, the same.
    expect(JSON.stringify(second.result)).toBe(JSON.stringify(first.result));
  });

  it("parses again when the bytes change, and not when only the file's time does", () => {
    const { source, build, parses } = setUp();
    const first = build();
    utimesSync(source, new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(build().key).toBe(first.key);
    expect(parses()).toBe(1);
    writeFileSync(source, "Un article corrigé.");
    const third = build();
    expect(third.key).not.toBe(first.key);
    expect(bodyOf(third.result)).toBe("<p>Un article corrigé.</p>");
    expect(parses()).toBe(2);
  });

  it("notes an edit as one journal line, and writes the whole index again once the journal is long", () => {
    const { source, build, folder } = setUp();
    const others = Array.from({ length: 7 }, (_, i) => {
      const file = path.join(tempDir(), `autre-${i}.md`);
      writeFileSync(file, `Article ${i}.`);
      return file;
    });
    const lines = () => {
      const [name] = readdirSync(folder()).filter((file) => file.startsWith("journal-"));
      return name ? readFileSync(path.join(folder(), name), "utf8").split("\n").filter(Boolean).length : 0;
    };
    build("v1", "metadata", undefined, others);
    expect(lines()).toBe(8);
    writeFileSync(source, "Un article corrigé.");
    build("v1", "metadata", undefined, others);
    expect(lines()).toBe(9);
    for (let i = 0; lines() > 0; i += 1) {
      expect(i).toBeLessThan(64);
      writeFileSync(source, `Version ${i}.`);
      build("v1", "metadata", undefined, others);
    }
    expect(readdirSync(folder()).filter((file) => file.startsWith("index-"))).toHaveLength(1);
    expect(build("v1", "metadata", undefined, others).stats).toMatchObject({ kept: 8, parsed: 0 });
  });

  it("parses again for another code version, other metadata or another git date", () => {
    const { build, parses } = setUp();
    build();
    build("v2");
    build("v1", "other metadata");
    build("v1", "metadata", "2024-03-05T10:00:00+01:00");
    expect(parses()).toBe(4);
  });

  it("never trusts a damaged index, journal or body: it parses the article again", () => {
    const { source, build, folder, parses } = setUp();
    const journal = () => readdirSync(folder()).filter((file) => file.startsWith("journal-"));
    const damage = (prefix: string) => {
      const [name = ""] = readdirSync(folder()).filter((file) => file.startsWith(prefix));
      const file = path.join(folder(), name);
      const good = readFileSync(file, "utf8");
      for (const bad of [good.slice(0, -5), good.replace("Un titre", "Un faux titre"), ""]) {
        // The index alone: without the journal, where the article parsed again was noted.
        if (prefix === "index-") for (const line of journal()) rmSync(path.join(folder(), line));
        writeFileSync(file, bad);
        build();
      }
    };
    // One changed entry is a line of the journal.
    build();
    expect(readdirSync(folder()).filter((file) => file.startsWith("index-"))).toEqual([]);
    damage("journal-");
    expect(parses()).toBe(4);
    // A source gone: the whole index is written again, and the journal emptied.
    const other = path.join(tempDir(), "autre.md");
    writeFileSync(other, "Un autre article.");
    build("v1", "metadata", undefined, [other]);
    rmSync(other);
    build();
    expect(journal()).toEqual([]);
    const before = parses();
    damage("index-");
    expect(parses()).toBe(before + 3);
    expect(readFileSync(source, "utf8")).toBe("Un article.");
    // A body edited on disk: found when read, and made again from the source.
    const [body = ""] = readdirSync(path.join(folder(), "bodies"));
    writeFileSync(
      path.join(folder(), "bodies", body),
      readFileSync(path.join(folder(), "bodies", body), "utf8").replace("Un article", "Autre"),
    );
    expect(bodyOf(build().result)).toBe("<p>Un article.</p>");
  });

  it("makes a missing body again from the source, and never from a source that changed meanwhile", () => {
    const { source, build, folder, parses } = setUp();
    build();
    const bodies = path.join(folder(), "bodies");
    for (const name of readdirSync(bodies)) rmSync(path.join(bodies, name));
    expect(bodyOf(build().result)).toBe("<p>Un article.</p>");
    expect(parses()).toBe(2);
    expect(readdirSync(bodies)).toHaveLength(1);
    // Kept by its stat, then edited (same size, same time) before its body was read: the body
    // would not be the article's, so the build stops.
    for (const name of readdirSync(bodies)) rmSync(path.join(bodies, name));
    const mtime = new Date(2021, 5, 1);
    utimesSync(source, mtime, mtime);
    build();
    const kept = build();
    writeFileSync(source, "Un articlE.");
    utimesSync(source, mtime, mtime);
    expect(() => bodyOf(kept.result)).toThrow(/changed while the build ran; build again/);
  });

  it("removes the bodies no article uses any more once they outnumber the used ones", () => {
    const { source, build, folder } = setUp();
    for (let i = 0; i < 200; i += 1) {
      writeFileSync(source, `Version ${i}`);
      build();
    }
    // Pruned when the index is written again (after 64 journal lines here) and the unused ones
    // were more than a hundred beyond twice the used ones.
    expect(readdirSync(path.join(folder(), "bodies")).length).toBeLessThanOrEqual(2 * 1 + 100);
    expect(readdirSync(path.join(folder(), "bodies")).length).toBeLessThan(200);
  });
});

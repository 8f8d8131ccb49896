import { readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
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
  /** One build: a cache made afresh, one article read, the index saved. */
  const build = (version = "v1", context = "metadata", committed?: string) => {
    const cache = new DiskArticleCache(path.join(tempDir(), "cache"), version, articles);
    cache.checkedAgainst(context);
    const read = cache.article(source, committed, parse);
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

  it("parses again for another code version, other metadata or another git date", () => {
    const { build, parses } = setUp();
    build();
    build("v2");
    build("v1", "other metadata");
    build("v1", "metadata", "2024-03-05T10:00:00+01:00");
    expect(parses()).toBe(4);
  });

  it("never trusts a damaged index or body: it parses the article again", () => {
    const { build, folder, parses } = setUp();
    build();
    const [index = ""] = readdirSync(folder()).filter((name) => name.startsWith("index-"));
    const indexFile = path.join(folder(), index);
    const good = readFileSync(indexFile, "utf8");
    for (const bad of [good.slice(0, -5), good.replace("Un titre", "Un faux titre"), ""]) {
      writeFileSync(indexFile, bad);
      build();
    }
    expect(parses()).toBe(4);
    // A body edited on disk: found when read, and made again from the source.
    const [body = ""] = readdirSync(path.join(folder(), "bodies"));
    writeFileSync(
      path.join(folder(), "bodies", body),
      readFileSync(path.join(folder(), "bodies", body), "utf8").replace("Un article", "Autre"),
    );
    expect(bodyOf(build().result)).toBe("<p>Un article.</p>");
  });

  it("removes the bodies no article uses any more once they outnumber the used ones", () => {
    const { source, build, folder } = setUp();
    for (let i = 0; i < 120; i += 1) {
      writeFileSync(source, `Version ${i}`);
      build();
    }
    // Pruned as soon as the unused ones were more than a hundred beyond twice the used ones.
    expect(readdirSync(path.join(folder(), "bodies")).length).toBeLessThanOrEqual(2 * 1 + 100);
    expect(readdirSync(path.join(folder(), "bodies")).length).toBeLessThan(120);
  });
});

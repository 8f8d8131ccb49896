import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ArticleResult } from "../../../scripts/input/article.ts";
import { DiskArticleCache } from "../../../scripts/input/content-cache.ts";
import { useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("content-cache-");

/** A cache over one source file; `parse` counts its calls. */
function setUp(text = "Un article.") {
  const source = path.join(tempDir(), "article.md");
  writeFileSync(source, text);
  let parses = 0;
  const parse = (bytes: Buffer): ArticleResult => {
    parses += 1;
    return { ok: false, problems: [{ file: "article.md", field: "body", message: bytes.toString() }] };
  };
  const cache = (version = "v1") => {
    const made = new DiskArticleCache(path.join(tempDir(), "cache"), version);
    made.checkedAgainst("metadata");
    return made;
  };
  return { source, parse, cache, parses: () => parses, entries: () => path.join(tempDir(), "cache/content/v1") };
}

describe("DiskArticleCache", () => {
  it("keeps a parsed article between builds, and parses it again when its bytes change", () => {
    const { source, parse, cache, parses } = setUp();
    const first = cache().article(source, undefined, parse);
    const second = cache().article(source, undefined, parse);
    expect(second).toEqual(first);
    expect(parses()).toBe(1);
    writeFileSync(source, "Un article corrigé.");
    const third = cache().article(source, undefined, parse);
    expect(third.key).not.toBe(first.key);
    expect(parses()).toBe(2);
  });

  it("parses again for another code version, other metadata or another git date", () => {
    const { source, parse, cache, parses } = setUp();
    cache().article(source, undefined, parse);
    cache("v2").article(source, undefined, parse);
    const other = cache();
    other.checkedAgainst("other metadata");
    other.article(source, undefined, parse);
    cache().article(source, "2024-03-05T10:00:00+01:00", parse);
    expect(parses()).toBe(4);
  });

  it("never trusts a truncated, edited or foreign entry: it parses the article again", () => {
    const { source, parse, cache, parses, entries } = setUp();
    const { key, result } = cache().article(source, undefined, parse);
    const entry = path.join(entries(), `${key}.json`);
    const good = readFileSync(entry, "utf8");
    for (const bad of [
      good.slice(0, good.length - 5),
      good.replace("Un article.", "Un faux article."),
      good.replace(key, "0".repeat(64)),
      "",
    ]) {
      writeFileSync(entry, bad);
      expect(cache().article(source, undefined, parse).result).toEqual(result);
    }
    expect(parses()).toBe(5);
  });

  it("removes unused entries once they outnumber the used ones", () => {
    const { source, parse, cache, entries } = setUp();
    for (let i = 0; i < 120; i += 1) {
      writeFileSync(source, `Version ${i}`);
      cache().article(source, undefined, parse);
    }
    const last = cache();
    last.article(source, undefined, parse);
    last.prune();
    expect(readdirSync(entries())).toHaveLength(1);
  });
});

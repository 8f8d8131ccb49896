import path from "node:path";
import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import type { Article } from "../../../scripts/input/article.ts";
import { loadContentWithKeys } from "../../../scripts/lists/content.ts";
import { LIST_KINDS } from "../../../scripts/lists/listings.ts";
import { allPages } from "../../../scripts/lists/pages-to-render.ts";
import {
  type Segment,
  segmentPageCount,
  splitIntoSegments,
  withListedBodiesLeftOut,
} from "../../../scripts/lists/segments.ts";
import { ROOT } from "../../helpers/build.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
const { content } = loadContentWithKeys(
  { articlesDir: path.join(FIXTURE, "articles"), dataDir: path.join(FIXTURE, "data") },
  { includeDrafts: false },
);
const everything = allPages(content);
const listUrls = (segment: Segment) => LIST_KINDS.flatMap((kind) => segment.lists[kind].map((page) => page.url));

describe("splitIntoSegments", () => {
  const segments = splitIntoSegments(content, everything, 2);

  it("renders every page exactly once, the site-wide pages in the first segment only", () => {
    expect(segments.flatMap((segment) => segment.articles.map((article) => article.url)).sort()).toEqual(
      content.articles.map((article) => article.url).sort(),
    );
    const lists = LIST_KINDS.flatMap((kind) => content[kind].map((page) => page.url));
    expect(segments.flatMap(listUrls).sort()).toEqual(lists.sort());
    expect(segments[0]?.name).toBe("site");
    expect(segments.filter((segment) => segment.site !== null)).toHaveLength(1);
  });

  it("groups article pages by section and year, list pages by kind, and cuts groups at maxPages", () => {
    for (const segment of segments) {
      expect(segmentPageCount(segment)).toBeLessThanOrEqual(2);
      const [group] = segment.name.split("#");
      for (const article of segment.articles) {
        expect(group).toBe(`${article.section.slug}/${article.published.day.slice(0, 4)}`);
      }
      for (const kind of LIST_KINDS) if (segment.lists[kind].length > 0) expect(group).toBe(`lists/${kind}`);
    }
    const cut = segments.filter((segment) => segment.name.includes("#"));
    expect(cut.length).toBeGreaterThan(0);
    for (const segment of cut) expect(segments.map((s) => s.name)).toContain(segment.name.split("#")[0]);
  });

  it("gives a segment « À lire aussi » of its own articles only", () => {
    for (const segment of segments) {
      expect([...segment.related.keys()].sort()).toEqual(segment.articles.map((article) => article.url).sort());
    }
  });

  it("leaves the site-wide pages to another machine when asked", () => {
    const shares = splitIntoSegments(content, everything, 2, { site: false });
    expect(shares.some((segment) => segment.site !== null || segment.name === "site")).toBe(false);
  });

  it("refuses a size that is not a positive whole number", () => {
    expect(() => splitIntoSegments(content, everything, 0)).toThrow(RangeError);
  });
});

describe("withListedBodiesLeftOut", () => {
  const [whole] = splitIntoSegments(content, everything, 10_000, { site: false }).filter(
    (segment) => segment.articles.length > 0 && listUrls(segment).length === 0,
  );
  const [lists] = splitIntoSegments(content, everything, 10_000).filter(
    (segment) => segment.lists.homePages.length > 0,
  );
  const articles = whole as Segment;
  const listed = lists as Segment;

  it("keeps the segment's own articles, bodies and all", () => {
    const sent = withListedBodiesLeftOut(articles);
    expect(sent.articles).toBe(articles.articles);
    for (const article of sent.articles) expect(article.bodyHtml.length).toBeGreaterThan(0);
  });

  it("sends the articles a page only lists without their bodies, every other field as it was", () => {
    const sent = withListedBodiesLeftOut(listed);
    const items = LIST_KINDS.flatMap((kind) => sent.lists[kind].flatMap((page) => page.items));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.bodyHtml).toBe("");
      const original = content.articles.find((article) => article.url === item.url) as Article;
      expect({ ...item, bodyHtml: original.bodyHtml }).toEqual(original);
    }
    for (const kind of LIST_KINDS) for (const page of sent.lists[kind]) expect(page.articles).toBe(page.items);
    for (const related of withListedBodiesLeftOut(articles).related.values()) {
      for (const article of related) {
        if (!articles.articles.some((own) => own.url === article.url)) expect(article.bodyHtml).toBe("");
      }
    }
  });

  it("reads no body to leave it out, and copies each listed article once", () => {
    const read: string[] = [];
    const lazy = listed.lists.homePages.map((page) => {
      const items = page.items.map((item) => {
        const copy = { ...item };
        Object.defineProperty(copy, "bodyHtml", {
          enumerable: true,
          get: () => {
            read.push(item.url);
            return item.bodyHtml;
          },
        });
        return copy;
      });
      return { ...page, items, articles: items };
    });
    expect(lazy.flatMap((page) => page.items).length).toBeGreaterThan(0);
    const sent = withListedBodiesLeftOut({ ...listed, lists: { ...listed.lists, homePages: lazy } });
    expect(read).toEqual([]);
    expect(v8.serialize(sent).length).toBeLessThan(v8.serialize(listed).length);
    const [first] = sent.lists.homePages;
    expect(first?.articles).toBe(first?.items);
  });
});

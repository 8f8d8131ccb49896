import { describe, expect, it } from "vitest";
import type { Article } from "../scripts/content/article.ts";
import { articlesToRender } from "../scripts/content/pages-to-render.ts";

const article = (url: string, fields: Partial<Article> = {}): Article =>
  ({ url, title: `Titre ${url}`, bodyHtml: "<p>Texte</p>", wordCount: 1, readingMinutes: 1, readingTime: "1 min", tags: [], ...fields }) as Article;

describe("articlesToRender", () => {
  const a = article("/a/");
  const b = article("/b/");

  it("renders every page the first time", () => {
    expect(articlesToRender(undefined, [a, b])).toEqual([a, b]);
  });

  it("renders only the pages whose body changed when no listing field changed", () => {
    const edited = article("/b/", { bodyHtml: "<p>Texte corrigé</p>", wordCount: 2 });
    expect(articlesToRender([a, b], [a, edited])).toEqual([edited]);
    expect(articlesToRender([a, b], [a, article("/b/")])).toEqual([]);
  });

  it("renders every page when a headline, a date or the set of articles changed", () => {
    const retitled = article("/b/", { title: "Nouveau titre" });
    expect(articlesToRender([a, b], [a, retitled])).toEqual([a, retitled]);
    const redated = article("/b/", { published: { iso: "x", long: "x", short: "x", epoch: 1 } });
    expect(articlesToRender([a, b], [a, redated])).toHaveLength(2);
    expect(articlesToRender([a, b], [a])).toEqual([a]);
    const c = article("/c/");
    expect(articlesToRender([a, b], [a, c])).toEqual([a, c]);
  });
});

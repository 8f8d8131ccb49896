/**
 * A fingerprint for every page the content makes: a hash of everything the page shows. A page
 * whose fingerprint is the one it had in the last build shows exactly what it showed then, so
 * an incremental build takes it from that build instead of rendering it again.
 *
 * What each page shows:
 *  - every page: the site's frame (publisher, settings, sections in the navigation, the index
 *    pages, the appeal, the pages about the publisher in the footer);
 *  - an article's page: its whole article, and the listing fields of its « À lire aussi »;
 *  - a list page: its own fields, and the listing fields of its items; the home page's first
 *    page also the number of articles of each section.
 * An article is identified by the key of what it was made from (its source's bytes, path, git
 * date and metadata: input/load-sources.ts), so its body is never serialised here. Templates,
 * code and the environment are not in these fingerprints: the build compares them as a whole.
 */
import { createHash } from "node:crypto";
import { type Article, articlePrints } from "../input/article.ts";
import type { ArticleKeys } from "../input/load-sources.ts";
import type { Content } from "./content.ts";
import { LIST_KINDS, type ListingPage, type ListKind } from "./listings.ts";

export type PageKind = "article" | ListKind;

export interface PagePrint {
  kind: PageKind;
  /** Root-relative URL: the page is written to <url>index.html. */
  url: string;
  fingerprint: string;
  /** What the head and the sitemap read of the page. */
  article?: Article;
  listing?: ListingPage;
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** Every page of the content with its fingerprint, by URL, from the keys of each article (input/load-sources.ts). */
export function pageFingerprints(content: Content, articleKeys: ArticleKeys): Map<string, PagePrint> {
  // The preview marks scheduled articles on copies, and a build live coverage whose planned end
  // is to come (input/live.ts liveAt): the marks are part of what they show.
  const mark = (article: Article) =>
    (article.scheduled ? " scheduled" : "") + (article.live?.end && !article.live.ended ? " live" : "");
  const listed = (article: Article) =>
    (articleKeys.get(article.url)?.listed ?? articlePrints(article).listed) + mark(article);
  const frame = sha1(
    JSON.stringify([
      content.publisher,
      content.settings,
      content.appeal,
      content.indexes,
      content.sections.map(({ articles: _articles, ...section }) => section),
      // The footer links the pages about the publisher by title (the accessibility statement by its mention).
      content.newsroom.pages.map((page) => [page.linkText ?? page.title, page.url]),
    ]),
  );
  const prints = new Map<string, PagePrint>();
  for (const article of content.articles) {
    const own = (articleKeys.get(article.url)?.own ?? articlePrints(article).own) + mark(article);
    const related = (content.related[article.url] ?? []).map(listed);
    prints.set(article.url, {
      kind: "article",
      url: article.url,
      article,
      fingerprint: sha1([frame, own, ...related].join("\n")),
    });
  }
  const sectionCounts = JSON.stringify(content.sections.map((section) => section.articles.length));
  for (const kind of LIST_KINDS) {
    for (const page of content[kind]) {
      const { items: _items, articles: _articles, ...fields } = page;
      const parts = [frame, kind, JSON.stringify(fields), ...page.items.map(listed)];
      if (kind === "homePages" && page.number === 1) parts.push(sectionCounts);
      prints.set(page.url, { kind, url: page.url, listing: page, fingerprint: sha1(parts.join("\n")) });
    }
  }
  return prints;
}

/**
 * Authors' pages: /auteurs/<slug>/ shows who the author is (role, biography, links) and lists
 * their articles over numbered pages; /auteurs/ lists the authors. Every author declared in
 * authors.yaml has a page, with or without articles yet.
 */
import { type Article, excerpt } from "../input/article.ts";
import type { Author } from "../input/authors.ts";
import { AUTHORS_URL } from "../input/urls.ts";
import { type Crumb, type ListingPage, pagesOf } from "./listings.ts";

export const AUTHORS_TITLE = "Auteurs";

export interface AuthorPage extends ListingPage {
  kind: "author";
  profile: Author;
}

/** One author on the index. */
export interface AuthorSummary {
  name: string;
  role: string;
  url: string;
  articleCount: number;
}

/** The authors index (/auteurs/). */
export interface AuthorIndexPage {
  url: string;
  title: string;
  description: string;
  authors: AuthorSummary[];
}

export interface AuthorLists {
  authorPages: AuthorPage[];
  /** The index, or none when authors.yaml declares nobody. */
  authorIndex: AuthorIndexPage[];
  /** The index in site-wide navigation (the footer), or nothing. */
  crumbs: Crumb[];
}

export function buildAuthorLists(
  authors: readonly Author[],
  articlesNewestFirst: readonly Article[],
  pageSize: number,
): AuthorLists {
  const bySlug = new Map<string, Article[]>(authors.map((author) => [author.slug, []]));
  for (const article of articlesNewestFirst) {
    for (const author of article.authors) bySlug.get(author.slug)?.push(article);
  }
  const indexCrumb = { name: AUTHORS_TITLE, url: AUTHORS_URL };
  const authorPages = authors.flatMap((author) =>
    pagesOf(bySlug.get(author.slug) ?? [], pageSize, author.url, {
      kind: "author",
      heading: author.name,
      description: excerpt(author.bio),
      crumbs: [indexCrumb],
      showSection: true,
      profile: author,
    }).map((page) => ({ ...page, kind: "author" as const, profile: author })),
  );
  if (authors.length === 0) return { authorPages, authorIndex: [], crumbs: [] };
  const authorIndex = [
    {
      url: AUTHORS_URL,
      title: AUTHORS_TITLE,
      description: "Les journalistes et les services de la rédaction qui signent les articles.",
      authors: authors.map((author) => ({
        name: author.name,
        role: author.role,
        url: author.url,
        articleCount: bySlug.get(author.slug)?.length ?? 0,
      })),
    },
  ];
  return { authorPages, authorIndex, crumbs: [indexCrumb] };
}

/** Articles for unit tests, made by the real content pipeline from front matter and Markdown. */
import { type Article, parseArticle } from "../../scripts/input/article.ts";
import { authorsOf } from "../../scripts/input/authors.ts";
import type { TrustPage } from "../../scripts/input/pages.ts";
import type { Publisher, Settings } from "../../scripts/input/schema.ts";
import { resolveSiteUrl } from "../../scripts/input/site-url.ts";
import type { Publication } from "../../scripts/output/json-ld.ts";

export const publisher: Publisher = {
  name: "Le Quotidien",
  url: "https://www.exemple.fr",
  description: "Un journal.",
  logo: { svg: "/assets/logo.svg", width: 240, height: 40 },
  language: "fr",
  locale: "fr-FR",
  timeZone: "Europe/Paris",
  sections: [
    { slug: "international", name: "International", description: "Le monde." },
    { slug: "economie", name: "Économie", description: "L’économie." },
  ],
  pages: [],
  appeal: { title: "Soutenez-nous", paragraphs: ["Merci."] },
  search: { enabled: true },
};
const settings: Settings = { homeArticleCount: 10, wordsPerMinute: 230, pageSize: 20 };

/** Two authors articles can name: a journalist with links elsewhere, and the newsroom. */
export const authors = authorsOf(
  [
    {
      slug: "claire-martin",
      name: "Claire Martin",
      role: "Journaliste, service International",
      bio: "Claire Martin suit la diplomatie.",
      kind: "person",
      links: ["https://x.example/claire_martin", "https://www.claire-martin.example/"],
    },
    {
      slug: "la-redaction",
      name: "La Rédaction",
      role: "Signature collective",
      bio: "Les articles écrits ensemble.",
      kind: "organization",
      links: [],
    },
  ],
  "_data/authors.yaml",
).authors;

/** The site served at https://www.exemple.fr/actu/. */
export const context: Publication = {
  publisher,
  siteUrl: resolveSiteUrl(publisher.url, { siteOrigin: undefined, pathPrefix: "/actu/" }),
};

export interface ArticleOptions {
  title?: string;
  section?: string;
  slug?: string;
  date?: string;
  modified?: string;
  /** The free byline; "La Rédaction" unless `authors` is given. */
  author?: string;
  /** Slugs of `authors` above. */
  authors?: string[];
  corrections?: { date: string; text: string }[];
  tags?: string[];
  body?: string;
  /** Live coverage: its front matter `live` (the body holds the updates). */
  live?: { start: string; end?: string };
}

export function makeArticle(options: ArticleOptions = {}): Article {
  const section = options.section ?? "international";
  const date = options.date ?? "2023-04-18T14:05:00+02:00";
  const lines = [
    `title: ${JSON.stringify(options.title ?? "Un titre")}`,
    "standfirst: Le chapô de l'article.",
    `date: ${date}`,
    ...(options.modified ? [`modified: ${options.modified}`] : []),
    `section: ${section}`,
    ...(options.authors ? [`authors: ${JSON.stringify(options.authors)}`] : []),
    ...(options.author || !options.authors ? [`author: ${JSON.stringify(options.author ?? "La Rédaction")}`] : []),
    ...(options.corrections ? [`corrections: ${JSON.stringify(options.corrections)}`] : []),
    `tags: ${JSON.stringify(options.tags ?? ["Chine", "Russie"])}`,
    ...(options.live ? [`live: ${JSON.stringify(options.live)}`] : []),
  ];
  const file = `src/articles/${section}/${date.slice(0, 10)}-${options.slug ?? "un-titre"}.md`;
  const bytes = new TextEncoder().encode(`---\n${lines.join("\n")}\n---\n\n${options.body ?? "Premier paragraphe.\n"}`);
  const result = parseArticle(file, bytes, { publisher, settings, authors });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.article;
}

/** A page about the publisher, as scripts/input/pages.ts makes them: the contact page unless told. */
export function makeTrustPage(fields: Partial<TrustPage> = {}): TrustPage {
  return {
    sourcePath: "src/pages/contact.md",
    slug: "contact",
    url: "/contact/",
    title: "Contact",
    description: "Nous écrire.",
    bodyHtml: "<p>Texte.</p>",
    updated: null,
    roles: [],
    email: null,
    ...fields,
  };
}

/** Articles for unit tests, made by the real content pipeline from front matter and Markdown. */
import { type Article, parseArticle } from "../../scripts/input/article.ts";
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
};
const settings: Settings = { homeArticleCount: 10, wordsPerMinute: 230, pageSize: 20 };

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
  author?: string;
  tags?: string[];
  body?: string;
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
    `author: ${JSON.stringify(options.author ?? "La Rédaction")}`,
    `tags: ${JSON.stringify(options.tags ?? ["Chine", "Russie"])}`,
  ];
  const file = `src/articles/${section}/${date.slice(0, 10)}-${options.slug ?? "un-titre"}.md`;
  const bytes = new TextEncoder().encode(`---\n${lines.join("\n")}\n---\n\n${options.body ?? "Premier paragraphe.\n"}`);
  const result = parseArticle(file, bytes, { publisher, settings });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.article;
}

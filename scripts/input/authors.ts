/**
 * Authors: the people (and desks) of _data/authors.yaml, each with a page at /auteurs/<slug>/,
 * and an article's byline made from them. An article names its authors by slug (`authors:
 * [claire-martin]`), or has a free byline (`author: La Rédaction`) for desk and agency copy, or
 * both (`author: avec AFP` after the names).
 */
import { didYouMean } from "../text/did-you-mean.ts";
import type { ContentProblem } from "./content-error.ts";
import { typesetPlainText } from "./markdown.ts";
import type { AuthorEntry } from "./schema.ts";
import { AUTHORS_URL, authorUrl, PAGE_SEGMENT } from "./urls.ts";

/** The authors file, in the data folder beside publisher.yaml. */
export const AUTHORS_FILE = "authors.yaml";

export interface AuthorLink {
  url: string;
  /** The address without its scheme and `www.`: « x.com/claire_martin ». */
  label: string;
}

/** An author as their page shows them. */
export interface Author {
  slug: string;
  name: string;
  role: string;
  bio: string;
  /** A person, or an organization (the newsroom as a whole, an agency). */
  kind: AuthorEntry["kind"];
  /** Their page, root-relative. */
  url: string;
  /** Their pages elsewhere (sameAs). */
  links: AuthorLink[];
}

/** What an article keeps of each of its authors: what its byline, JSON-LD and feeds show. */
export interface AuthorRef {
  slug: string;
  name: string;
  url: string;
  kind: Author["kind"];
  /** The author's links, absolute. */
  sameAs: string[];
}

/** A run of the byline: a linked author's name, or text. */
export interface BylinePart {
  text: string;
  /** Set on an author's name: their page. */
  url?: string;
}

export interface Byline {
  authors: AuthorRef[];
  /** « Claire Martin et Jean Dupont avec AFP », as runs of text and links. */
  parts: BylinePart[];
  /** The free byline (front matter `author`), typeset; "" when there is none. */
  credit: string;
}

/** « x.com/claire_martin » for https://www.x.com/claire_martin/. */
export function linkLabel(url: string): string {
  const parsed = new URL(url);
  const rest = `${parsed.pathname}${parsed.search}`.replace(/\/$/, "");
  return `${parsed.host.replace(/^www\./, "")}${rest}`;
}

/**
 * The authors file's entries as pages show them, or the problems no schema can see: a slug
 * that takes the place where the authors index numbers its pages (/auteurs/page/2/).
 */
export function authorsOf(
  entries: readonly AuthorEntry[],
  file: string,
): { authors: Author[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  entries.forEach((entry, index) => {
    if (entry.slug === PAGE_SEGMENT) {
      problems.push({
        file,
        field: `authors.${index}.slug`,
        message: `"${entry.slug}" gives the URL ${authorUrl(entry.slug)}, where the numbered pages of ${AUTHORS_URL} go (${AUTHORS_URL}${PAGE_SEGMENT}/2/); expected another slug`,
      });
    }
  });
  const authors = entries.map((entry) => ({
    slug: entry.slug,
    name: typesetPlainText(entry.name),
    role: typesetPlainText(entry.role),
    bio: typesetPlainText(entry.bio),
    kind: entry.kind,
    url: authorUrl(entry.slug),
    links: entry.links.map((url) => ({ url, label: linkLabel(url) })),
  }));
  return { authors, problems };
}

/** « A », « A et B », « A, B et C », as runs between which the names go. */
function joinNames(names: BylinePart[]): BylinePart[] {
  return names.flatMap((name, index) => {
    if (index === 0) return [name];
    return [{ text: index === names.length - 1 ? " et " : ", " }, name];
  });
}

/** `"claire-martn" is not an author of authors.yaml; did you mean \`claire-martin\`?` */
export function unknownAuthorMessage(slug: string, known: readonly Author[]): string {
  const suggestion = didYouMean(
    slug,
    known.map((author) => author.slug),
  );
  if (suggestion) return `"${slug}" is not an author of ${AUTHORS_FILE}; did you mean \`${suggestion}\`?`;
  if (known.length === 0)
    return `"${slug}" is not an author: ${AUTHORS_FILE} declares none; expected a slug declared there`;
  const listed = known.slice(0, 8).map((author) => author.slug);
  return `"${slug}" is not an author of ${AUTHORS_FILE}; expected one of ${listed.join(", ")}${known.length > listed.length ? ", …" : ""}`;
}

/**
 * An article's byline from its front matter: the named authors (each once, each declared),
 * then the free byline. Front matter has at least one of them (the schema checks it).
 */
export function bylineOf(
  meta: { author?: string | undefined; authors?: string[] | undefined },
  known: readonly Author[],
  file: string,
): { byline: Byline; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const bySlug = new Map(known.map((author) => [author.slug, author]));
  const named: Author[] = [];
  (meta.authors ?? []).forEach((slug, index) => {
    const author = bySlug.get(slug);
    const field = `authors.${index}`;
    if (!author) problems.push({ file, field, message: unknownAuthorMessage(slug, known) });
    else if (named.includes(author))
      problems.push({ file, field, message: `"${slug}" is named twice; expected each author once` });
    else named.push(author);
  });
  const credit = meta.author === undefined ? "" : typesetPlainText(meta.author);
  const names = joinNames(named.map((author) => ({ text: author.name, url: author.url })));
  const parts: BylinePart[] = credit === "" ? names : [...names, { text: names.length > 0 ? ` ${credit}` : credit }];
  const authors = named.map(({ slug, name, url, kind, links }) => ({
    slug,
    name,
    url,
    kind,
    sameAs: links.map((link) => link.url),
  }));
  return { byline: { authors, parts, credit }, problems };
}

/**
 * Every URL the site will have, with what claims it, so that two things claiming one URL are
 * found before anything is rendered and named together. (Eleventy stopped at the second page
 * written to one path, with a stack trace, and left its staging folder behind.)
 *
 * Each kind of page claims its URLs in PAGE_KINDS: a new kind of page is one line there. A
 * claim is a URL, or a folder whose every URL is its claimant's: a list's numbered pages
 * (/culture/page/…), the site's assets (/assets/…).
 */

import type { ContentProblem } from "../input/content-error.ts";
import { LEGAL_PAGE_SLUGS } from "../input/pages.ts";
import type { Publisher } from "../input/schema.ts";
import {
  ARCHIVE_URL,
  ASSETS_URL,
  AUTHORS_URL,
  feedUrls,
  HEADERS_URL,
  HOME_URL,
  NEWS_SITEMAP_URL,
  NOT_FOUND_URL,
  PHOTOS_URL,
  pagesFolder,
  ROBOTS_URL,
  SEARCH_FILES_URL,
  SEARCH_URL,
  SITEMAP_URL,
  sectionUrl,
  socialCardUrl,
  TOPICS_URL,
  trustPageUrl,
} from "../input/urls.ts";
import { SLUG_PATTERN } from "../text/slug.ts";
import type { AuthorPage } from "./authors.ts";
import type { ListingPage, Listings } from "./listings.ts";

/**
 * What the claims read of the content (scripts/lists/content.ts): its list pages, declared
 * sections and the pages about the publisher.
 */
export type ClaimedContent = Listings & {
  publisher: Pick<Publisher, "sections">;
  authorPages: readonly AuthorPage[];
  newsroom: { pages: readonly { url: string; sourcePath: string; title: string }[] };
};

/** What claims a URL: what an editor would change, and how messages name it. */
export interface Claimant {
  /** The source to change (a path as messages show it), or "(site)" for the site's own pages. */
  file: string;
  field: string;
  /** How a message about another claimant names this one: "the index of topics". */
  name: string;
  /** What this claimant's problem line expects: "a unique slug per section". */
  fix: string;
  /** What it expects when the URL is in a folder another claims, if not `fix`. */
  folderFix?: string;
  /** What this claimant's problem line starts with, before "gives the URL": '"page"'. */
  subject?: string;
}

export interface UrlClaim {
  /** Root-relative. */
  url: string;
  /** A folder: every URL below it is the claimant's too; says what lives there ("the numbered pages of Culture"). */
  folderOf?: string;
  by: Claimant;
}

/** What the claims are worked out from besides the content. */
export interface ClaimSources {
  /** Every article source's URL, drafts and sources with problems included (Sources.articleUrls). */
  articleUrls: readonly { url: string; sourcePath: string }[];
  /** publisher.yaml as messages show it: sections are declared there. */
  publisherFile: string;
  /** authors.yaml as messages show it. */
  authorsFile: string;
}

const site = (name: string): Claimant => ({ file: "(site)", field: "(page)", name, fix: "one page per URL" });

const HOME = site("the home page");

/** The pages and files the site writes whatever the content. */
function siteClaims(): UrlClaim[] {
  const feeds = feedUrls(HOME_URL);
  return [
    { url: HOME_URL, by: HOME },
    { url: pagesFolder(HOME_URL), folderOf: "the home page's numbered pages", by: HOME },
    { url: TOPICS_URL, by: site(`the index of topics (${TOPICS_URL})`) },
    { url: ARCHIVE_URL, by: site(`the archive (${ARCHIVE_URL})`) },
    // Claimed even when authors.yaml declares nobody yet: a section must not take it meanwhile.
    { url: AUTHORS_URL, by: site(`the index of authors (${AUTHORS_URL})`) },
    {
      url: ASSETS_URL,
      folderOf: "the site's logo, favicon, stylesheet and sharing card",
      by: site("the site's assets"),
    },
    { url: PHOTOS_URL, folderOf: "the published photo files", by: site("the site's photos") },
    // Claimed even when search is off, like the authors' index.
    { url: SEARCH_URL, by: site(`the search page (${SEARCH_URL})`) },
    { url: SEARCH_FILES_URL, folderOf: "the search index's files", by: site("the search index") },
    { url: feeds.atom, by: site("the site's Atom feed") },
    { url: feeds.json, by: site("the site's JSON feed") },
    { url: SITEMAP_URL, by: site("the sitemap") },
    { url: NEWS_SITEMAP_URL, by: site("the news sitemap") },
    { url: ROBOTS_URL, by: site("robots.txt") },
    { url: NOT_FOUND_URL, by: site("the not-found page") },
    { url: HEADERS_URL, by: site("the HTTP headers file") },
    // The pages the law asks for are on every site (input/legal-pages.ts), like the indexes.
    ...LEGAL_PAGE_SLUGS.map((slug) => ({ url: trustPageUrl(slug), by: site(`the legal page ${trustPageUrl(slug)}`) })),
  ];
}

/**
 * The slugs a section may not take: the first folder of every URL the site claims for itself
 * (docs/editing.md lists them; a test holds it to this).
 */
export function reservedSlugs(): string[] {
  const firstFolders = siteClaims().map((claim) => claim.url.split("/")[1] ?? "");
  return [...new Set(firstFolders.filter((segment) => SLUG_PATTERN.test(segment)))].sort();
}

/** A list's pages (several lists one after another, as Content holds them) and each list's folder of numbered pages. */
function listClaims<Page extends ListingPage>(
  pages: readonly Page[],
  claimantOf: (first: Page) => Claimant,
): UrlClaim[] {
  const claims: UrlClaim[] = [];
  let by: Claimant | undefined;
  for (const page of pages) {
    if (page.number === 1 || !by) {
      by = claimantOf(page);
      claims.push({ url: pagesFolder(page.url), folderOf: `the numbered pages of ${page.heading}`, by });
    }
    claims.push({ url: page.url, by });
  }
  return claims;
}

function sectionClaims(content: ClaimedContent, sources: ClaimSources): UrlClaim[] {
  const reserved = reservedSlugs().join(", ");
  const claimants = new Map(
    content.publisher.sections.map((section, index): [string, Claimant] => [
      sectionUrl(section.slug),
      {
        file: sources.publisherFile,
        field: `sections.${index}.slug`,
        name: `the section « ${section.name} »`,
        fix: `a slug that is none of the site's own folders (${reserved})`,
        subject: JSON.stringify(section.slug),
      },
    ]),
  );
  const claimantOf = (url: string) => claimants.get(url) ?? site(url);
  return [
    ...[...claimants].flatMap(([url, by]) => [
      { url, by },
      { url: feedUrls(url).atom, by },
      { url: feedUrls(url).json, by },
    ]),
    ...listClaims(content.sectionPages, (first) => claimantOf(first.url)),
  ];
}

function articleClaims(sources: ClaimSources): UrlClaim[] {
  return sources.articleUrls.flatMap(({ url, sourcePath }) => {
    const by: Claimant = {
      file: sourcePath,
      field: "(file name)",
      name: sourcePath,
      fix: "a unique slug per section",
      folderFix: "another slug: page/ holds the section's numbered pages",
    };
    return [
      { url, by },
      { url: socialCardUrl(url), by },
    ];
  });
}

/** An author's pages: authors.yaml declares each author once, and all have a page, in its order. */
function authorClaims(pages: readonly AuthorPage[], sources: ClaimSources): UrlClaim[] {
  const claimants = new Map<string, Claimant>();
  return listClaims(pages, (first) => {
    const slug = first.profile.slug;
    const by = claimants.get(slug) ?? {
      file: sources.authorsFile,
      field: `authors.${claimants.size}.slug`,
      name: `the author « ${first.profile.name} »`,
      fix: `a slug that is no other page's`,
      subject: JSON.stringify(slug),
    };
    claimants.set(slug, by);
    return by;
  });
}

/**
 * The pages about the publisher live at the site's root (/a-propos/), among sections and the
 * site's own folders; the legal pages are the site's own (siteClaims).
 */
function trustPageClaims(content: ClaimedContent): UrlClaim[] {
  const legal = new Set(LEGAL_PAGE_SLUGS.map(trustPageUrl));
  return content.newsroom.pages
    .filter((page) => !legal.has(page.url))
    .map((page) => ({
      url: page.url,
      by: {
        file: page.sourcePath,
        field: "(file name)",
        name: `the page « ${page.title} »`,
        fix: "another slug",
      },
    }));
}

/** The newest article that carries a list's articles is what an editor would look at. */
function newestSource(page: ListingPage, field: string, name: string): Claimant {
  return { file: page.articles[0]?.sourcePath ?? "(site)", field, name, fix: "one page per URL" };
}

/** Every kind of page, in order: of two claimants of one URL, the later is the one reported. */
const PAGE_KINDS: ReadonlyArray<(content: ClaimedContent, sources: ClaimSources) => UrlClaim[]> = [
  () => siteClaims(),
  (content) => listClaims(content.homePages, () => HOME),
  sectionClaims,
  (_, sources) => articleClaims(sources),
  (content) => listClaims(content.topicPages, (page) => newestSource(page, "tags", `the topic « ${page.heading} »`)),
  (content) => listClaims(content.monthPages, (page) => newestSource(page, "date", `the archive of ${page.heading}`)),
  (content, sources) => authorClaims(content.authorPages, sources),
  trustPageClaims,
];

/** Every URL the content will produce, with its claimant. */
export function urlClaims(content: ClaimedContent, sources: ClaimSources): UrlClaim[] {
  return PAGE_KINDS.flatMap((kind) => kind(content, sources));
}

/** "/a/b/c/" → "/a/", "/a/b/", "/a/b/c/": the folders a URL lies in (itself too, when it is one). */
function foldersOf(url: string): string[] {
  const folders: string[] = [];
  for (let end = url.indexOf("/", 1); end !== -1; end = url.indexOf("/", end + 1)) folders.push(url.slice(0, end + 1));
  return folders;
}

/**
 * One problem per claimant that claims a URL already claimed, or one inside a folder another
 * claims, naming both. Linear in the number of claims (each URL has a few folders).
 */
export function urlClashes(claims: readonly UrlClaim[]): ContentProblem[] {
  const folders = new Map<string, UrlClaim>();
  for (const claim of claims) if (claim.folderOf && !folders.has(claim.url)) folders.set(claim.url, claim);
  const pages = new Map<string, UrlClaim>();
  const reported = new Set<Claimant>();
  const problems: ContentProblem[] = [];
  const report = (claim: UrlClaim, message: string, fix: string) => {
    if (reported.has(claim.by)) return;
    reported.add(claim.by);
    const subject = claim.by.subject ? `${claim.by.subject} ` : "";
    problems.push({ file: claim.by.file, field: claim.by.field, message: `${subject}${message}; expected ${fix}` });
  };
  for (const claim of claims) {
    if (claim.folderOf) continue;
    const inside = foldersOf(claim.url);
    // Below a page whose claimant was reported already (the articles of a section named "page"):
    // that problem is the cause, and the only one to fix.
    if (inside.some((url) => url !== claim.url && reported.has(pages.get(url)?.by as Claimant))) continue;
    const earlier = pages.get(claim.url);
    if (earlier && earlier.by !== claim.by) {
      report(claim, `gives the URL ${claim.url}, already used by ${earlier.by.name}`, claim.by.fix);
      continue;
    }
    pages.set(claim.url, claim);
    const folder = inside.map((url) => folders.get(url)).find((owner) => owner && owner.by !== claim.by);
    if (folder) {
      const message = `gives the URL ${claim.url}, in ${folder.url}, where ${folder.folderOf} are`;
      report(claim, message, claim.by.folderFix ?? claim.by.fix);
    }
  }
  return problems;
}

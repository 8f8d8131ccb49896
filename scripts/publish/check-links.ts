/**
 * Checks every internal link and #fragment of a built site, offline, and names the page that
 * holds each broken one. `npm run check:links` runs it (scripts/cli/check-links.ts).
 *
 * linkinator checks that every linked page and file exists (links to other origins are listed as
 * skipped, never fetched). Fragments are checked here: linkinator pools the fragments every page
 * asks of a target and reports a missing one on the page that first linked to the target (in a
 * site where every page links home, `/#absent` was reported on 404.html whichever page held it),
 * and a page's links to its own fragments on no page at all.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Parser } from "htmlparser2";
import { LinkChecker } from "linkinator";

export interface BrokenLink {
  /** The link, resolved against its page: "/culture/", "/culture/#nulle-part". */
  url: string;
  /** The page that holds it, relative to the checked folder: "culture/index.html". */
  page: string;
  /** Why it is broken: "404", "no element with this id on /culture/". */
  reason: string;
}

export interface LinkReport {
  checked: number;
  broken: BrokenLink[];
}

/** Every HTML page below `dir`, relative to it, sorted. */
function htmlPages(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

/** The URL path a static host serves a page at: "culture/index.html" → "/culture/". */
function pageUrl(page: string): string {
  return `/${page.replace(/(^|\/)index\.html$/, "$1")}`;
}

interface PageAnchors {
  /** Every id (and <a name>) of the page: what a fragment can point at. */
  targets: Set<string>;
  /** href of every <a> and <area> that has a fragment. */
  fragmentLinks: string[];
}

function readAnchors(file: string): PageAnchors {
  const anchors: PageAnchors = { targets: new Set(), fragmentLinks: [] };
  const parser = new Parser({
    onopentag(name, attributes) {
      if (attributes.id) anchors.targets.add(attributes.id);
      if (name === "a" && attributes.name) anchors.targets.add(attributes.name);
      if ((name === "a" || name === "area") && attributes.href?.includes("#"))
        anchors.fragmentLinks.push(attributes.href);
    },
  });
  parser.end(readFileSync(file, "utf8"));
  return anchors;
}

/** The page file a URL path is served from, as static hosts map them; null when there is none. */
function servedPage(dir: string, urlPath: string): string | null {
  const relative = urlPath.replace(/^\//, "");
  const candidates = urlPath.endsWith("/")
    ? [`${relative}index.html`]
    : [relative, `${relative}/index.html`, `${relative}.html`];
  return (
    candidates.find(
      (candidate) =>
        candidate.endsWith(".html") && statSync(path.join(dir, candidate), { throwIfNoEntry: false })?.isFile(),
    ) ?? null
  );
}

/** Links to a fragment that no element of the target page has, each named with the page holding it. */
function checkFragments(dir: string, pages: string[]): { checked: number; broken: BrokenLink[] } {
  const site = "http://site.invalid";
  const anchors = new Map<string, PageAnchors>();
  const anchorsOf = (page: string) => {
    let found = anchors.get(page);
    if (!found) {
      found = readAnchors(path.join(dir, page));
      anchors.set(page, found);
    }
    return found;
  };
  const broken: BrokenLink[] = [];
  let checked = 0;
  for (const page of pages) {
    const seen = new Set<string>();
    for (const href of anchorsOf(page).fragmentLinks) {
      let url: URL;
      try {
        url = new URL(href, site + pageUrl(page));
      } catch {
        continue; // not a URL: linkinator reports it
      }
      const fragment = url.hash.slice(1);
      const key = `${url.pathname}#${fragment}`;
      // Another site's fragment is not ours to check; "#" and "#top" scroll to the top.
      if (url.origin !== site || fragment === "" || fragment.toLowerCase() === "top" || seen.has(key)) continue;
      seen.add(key);
      let pathname: string;
      let id: string;
      try {
        pathname = decodeURIComponent(url.pathname);
        id = decodeURIComponent(fragment);
      } catch {
        pathname = url.pathname;
        id = fragment;
      }
      const target = servedPage(dir, pathname);
      if (target === null) continue; // a missing page: linkinator reports it
      checked += 1;
      const { targets } = anchorsOf(target);
      if (!targets.has(id) && !targets.has(fragment)) {
        broken.push({ url: key, page, reason: `no element with this id on ${pageUrl(target)}` });
      }
    }
  }
  return { checked, broken };
}

export async function checkLinks(dir: string): Promise<LinkReport> {
  const pages = htmlPages(dir);
  const checker = new LinkChecker();
  // Every page is an entry point, so pages nothing links to (404.html) are checked too.
  const result = await checker.check({
    path: pages,
    serverRoot: dir,
    recurse: true,
    checkFragments: false,
    // The served site only: absolute URLs to other hosts (canonicals, the publisher) stay offline.
    linksToSkip: async (link) => !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(link),
  });
  // linkinator names pages and links by their path below the folder ("culture/", "./").
  const rootRelative = (url: string) => (/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `/${url.replace(/^\.?\//, "")}`);
  const missing = result.links
    .filter((link) => link.state === "BROKEN")
    .map((link) => ({
      url: rootRelative(link.url),
      page: link.parent ?? "?",
      reason: link.status ? String(link.status) : "no answer",
    }));
  const fragments = checkFragments(dir, pages);
  return {
    checked: result.links.length + fragments.checked,
    broken: [...missing, ...fragments.broken].sort(
      (a, b) => a.page.localeCompare(b.page) || a.url.localeCompare(b.url),
    ),
  };
}

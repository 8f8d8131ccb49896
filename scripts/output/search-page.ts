/**
 * What the search page (src/search.njk) and the header's search field read: whether search is
 * on, the page's own security policy, its script, the outside engine's form when publisher.yaml
 * names one, and the links offered to readers without JavaScript.
 */

import type { Publisher } from "../input/schema.ts";
import type { SiteUrl } from "../input/site-url.ts";
import { SEARCH_FILES_URL, SEARCH_URL } from "../input/urls.ts";
import { type BrowseLinks, browseLinks } from "../lists/browse-links.ts";
import type { SitePages } from "../lists/segments.ts";
import { SCRIPT_FILE } from "./search-format.ts";
import { type SearchHeaders, searchContentSecurityPolicy } from "./security-headers.ts";

export interface SearchPageData extends BrowseLinks {
  enabled: boolean;
  url: string;
  /** The page's <meta> policy (security-headers.ts). */
  contentSecurityPolicy: string;
  /** Root-relative, like every link the HTML base plugin prefixes. */
  scriptUrl: string;
  /** A form to an outside engine: its action, the query's parameter, and hidden fields restricting it to the site. */
  engine: { name: string; url: string; query: string; hidden: { name: string; value: string }[] } | null;
}

/** The outside engine's origin, which the search page's form may send to. */
function engineOrigin(publisher: Pick<Publisher, "search">): string | undefined {
  const engine = publisher.search.engine;
  return engine ? new URL(engine.url).origin : undefined;
}

/** What the HTTP header's policy must allow for search (security-headers.ts). */
export function searchHeaders(publisher: Pick<Publisher, "search">): SearchHeaders {
  return { enabled: publisher.search.enabled, engineOrigin: engineOrigin(publisher) };
}

export function searchPageData(
  content: { publisher: Pick<Publisher, "search"> } & Pick<SitePages, "topics" | "archive">,
  siteUrl: SiteUrl,
): SearchPageData {
  const { search } = content.publisher;
  const engine = search.engine;
  // The site as engines name it: its host, and any path prefix (www.example.fr/actu).
  const site = `${new URL(siteUrl.base).host}${siteUrl.pathPrefix.replace(/\/$/, "")}`;
  return {
    enabled: search.enabled,
    url: SEARCH_URL,
    contentSecurityPolicy: searchContentSecurityPolicy(engineOrigin(content.publisher)),
    scriptUrl: `${SEARCH_FILES_URL}${SCRIPT_FILE}`,
    engine: engine
      ? { name: engine.name, url: engine.url, query: engine.query, hidden: [{ name: engine.site, value: site }] }
      : null,
    ...browseLinks(content),
  };
}

/**
 * Where the site is served: the origin (publisher.yaml `url`, or SITE_URL) and the path prefix
 * (PATH_PREFIX, default "/"), both read in environment.ts. The one place absolute URLs are
 * made: canonicals, feeds, sitemaps and JSON-LD all go through `absolute`, and Eleventy gets the
 * same prefix for its links.
 */
import type { Environment } from "./environment.ts";

export interface SiteUrl {
  /** https://www.example.fr */
  origin: string;
  /** "/" or "/actu/": always starts and ends with a slash. */
  pathPrefix: string;
  /** origin + pathPrefix: https://www.example.fr/actu/ */
  base: string;
  /** Root-relative URL of a page ("/international/") → its absolute public URL. */
  absolute(rootRelative: string): string;
}

/**
 * The site's public URL: SITE_URL's origin, when set, replaces the publisher's `url` (an origin
 * the publisher schema has checked); PATH_PREFIX adds a path.
 */
export function resolveSiteUrl(
  publisherUrl: string,
  environment: Pick<Environment, "siteOrigin" | "pathPrefix">,
): SiteUrl {
  const origin = environment.siteOrigin ?? new URL(publisherUrl).origin;
  const { pathPrefix } = environment;
  const base = `${origin}${pathPrefix}`;
  return {
    origin,
    pathPrefix,
    base,
    absolute(rootRelative: string): string {
      if (!rootRelative.startsWith("/") || rootRelative.startsWith("//")) {
        throw new Error(`"${rootRelative}" is not a root-relative URL; expected it to start with a single "/"`);
      }
      return `${base}${rootRelative.slice(1)}`;
    },
  };
}

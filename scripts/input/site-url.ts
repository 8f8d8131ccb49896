/**
 * Where the site is served: the origin (publisher.yaml `url`, or SITE_URL) and the path prefix
 * (PATH_PREFIX, default "/"). The one place absolute URLs are made: canonicals, feeds, sitemaps
 * and JSON-LD all go through `absolute`, and Eleventy gets the same prefix for its links.
 */

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

/** Normalises a path prefix to "/x/y/"; throws on anything that is not a plain URL path. */
export function resolvePathPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.PATH_PREFIX?.trim() ?? "";
  if (raw === "" || raw === "/") return "/";
  const segments = raw.split("/").filter((segment) => segment !== "");
  if (segments.some((segment) => !/^[A-Za-z0-9._~-]+$/.test(segment) || segment === "." || segment === "..")) {
    throw new Error(`PATH_PREFIX: "${raw}" is not a URL path; expected letters, digits, "-", "_", "." and "~" between slashes (e.g. /actu/)`);
  }
  return `/${segments.join("/")}/`;
}

/** The origin of an absolute http(s) URL that has no path beyond "/". */
function parseOrigin(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name}: "${value}" is not an absolute URL; expected e.g. https://www.example.fr`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new Error(`${name}: "${value}" is not an http(s) origin; expected e.g. https://www.example.fr`);
  }
  if (url.pathname !== "/") {
    throw new Error(
      `${name}: "${value}" has the path "${url.pathname}"; expected only the origin (e.g. ${url.origin}) with the path in PATH_PREFIX=${url.pathname}`,
    );
  }
  return url.origin;
}

/** The site's public URL: SITE_URL overrides the publisher's `url`, PATH_PREFIX adds a path. */
export function resolveSiteUrl(publisherUrl: string, env: NodeJS.ProcessEnv = process.env): SiteUrl {
  const fromEnv = env.SITE_URL?.trim();
  const origin = fromEnv ? parseOrigin(fromEnv, "SITE_URL") : parseOrigin(publisherUrl, "publisher url");
  const pathPrefix = resolvePathPrefix(env);
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

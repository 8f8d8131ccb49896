/**
 * The build's settings that come from the environment, read and checked in this one place:
 *
 *   SITE_URL           the site's origin, instead of the publisher's `url` (a staging host)
 *   PATH_PREFIX        the folder the site is served from ("/" by default, e.g. /actu/)
 *   SOURCE_DATE_EPOCH  the build's "now", in seconds since 1970 (reproducible builds)
 *   CACHE_DIR          where the build keeps what it can reuse (.cache by default): parsed
 *                      articles, the last build's manifest, drawn images
 *   IMAGE_CACHE_DIR    where drawn images are cached (<CACHE_DIR>/images by default)
 *
 * Every other module gets these values passed in. A bad value is a problem line naming the
 * variable, what was found and what is expected; all of them are reported together.
 */
import path from "node:path";
import { DateTime } from "luxon";
import { type ContentProblem, ContentValidationError } from "./content-error.ts";

export interface Environment {
  /** SITE_URL's origin (https://staging.example.org), when set: it replaces the publisher's `url`. */
  siteOrigin: string | undefined;
  /** "/" or "/actu/": always starts and ends with a slash. */
  pathPrefix: string;
  /** SOURCE_DATE_EPOCH when set, else the current time; in UTC, so the host's zone never shows. */
  buildTime: DateTime;
  /** Absolute path of the build's cache: parsed articles, manifests of previous builds. */
  cacheDir: string;
  /** Absolute path of the drawn-image cache. */
  imageCacheDir: string;
}

/** The latest SOURCE_DATE_EPOCH accepted: 9999-12-31T23:59:59Z (later years have five digits). */
const LAST_EPOCH_SECOND = 253_402_300_799;

const problem = (field: string, message: string): ContentProblem => ({ file: "environment", field, message });

/** "/actu" → "/actu/"; null when the text is not a plain URL path. */
export function normalisePathPrefix(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === "" || trimmed === "/") return "/";
  const segments = trimmed.split("/").filter((segment) => segment !== "");
  if (segments.some((segment) => !/^[A-Za-z0-9._~-]+$/.test(segment) || segment === "." || segment === ".."))
    return null;
  return `/${segments.join("/")}/`;
}

/** The origin of an absolute http(s) URL with no path beyond "/", or why it is not one. */
export function parseOrigin(value: string): { origin: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `"${value}" is not an absolute URL; expected e.g. https://www.example.fr` };
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    return { problem: `"${value}" is not an http(s) origin; expected e.g. https://www.example.fr` };
  }
  if (url.pathname !== "/") {
    return {
      problem: `"${value}" has the path "${url.pathname}"; expected only the origin (e.g. ${url.origin}) with the path in PATH_PREFIX=${url.pathname}`,
    };
  }
  return { origin: url.origin };
}

/** Reads the environment's settings; throws a ContentValidationError listing every bad value. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Environment {
  const problems: ContentProblem[] = [];

  let siteOrigin: string | undefined;
  const siteUrl = env.SITE_URL?.trim();
  if (siteUrl) {
    const parsed = parseOrigin(siteUrl);
    if ("origin" in parsed) siteOrigin = parsed.origin;
    else problems.push(problem("SITE_URL", parsed.problem));
  }

  const pathPrefix = normalisePathPrefix(env.PATH_PREFIX ?? "");
  if (pathPrefix === null) {
    problems.push(
      problem(
        "PATH_PREFIX",
        `"${env.PATH_PREFIX}" is not a URL path; expected letters, digits, "-", "_", "." and "~" between slashes (e.g. /actu/)`,
      ),
    );
  }

  let buildTime: DateTime = DateTime.utc();
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch) {
    if (!/^\d+$/.test(epoch) || Number(epoch) > LAST_EPOCH_SECOND) {
      problems.push(
        problem(
          "SOURCE_DATE_EPOCH",
          `"${epoch.length > 40 ? `${epoch.slice(0, 37)}…` : epoch}" is not a whole number of seconds since 1970-01-01T00:00:00Z; expected e.g. 1681819500, at most ${LAST_EPOCH_SECOND} (the end of year 9999)`,
        ),
      );
    } else {
      buildTime = DateTime.fromSeconds(Number(epoch), { zone: "utc" });
    }
  }

  const cacheDir = path.resolve(cwd, env.CACHE_DIR?.trim() || ".cache");
  const imageCacheDir = path.resolve(cwd, env.IMAGE_CACHE_DIR?.trim() || path.join(cacheDir, "images"));

  if (problems.length > 0) throw new ContentValidationError(problems);
  return { siteOrigin, pathPrefix: pathPrefix ?? "/", buildTime, cacheDir, imageCacheDir };
}

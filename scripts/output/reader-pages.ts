/**
 * What no file the build writes may carry, so that the site collects nothing from its readers by
 * construction (what the page « Données personnelles » says): no script but JSON-LD data, no
 * frame or embedded object, no request to another site (a resource attribute, a stylesheet's
 * url() or @import, a link's ping), and no cookie (a Set-Cookie rule in `_headers`, a
 * <meta http-equiv="set-cookie">). One file at a time, from its text: the build checks each page
 * as it is written (scripts/eleventy/output-check.ts), wherever and however pages are rendered.
 *
 * A link (<a href>) to another site is fine: following it is the reader's choice, and the page
 * requests nothing until then.
 */
import { Parser } from "htmlparser2";

/** The data block pages carry: never executed, and the only <script> allowed. */
const JSON_LD = "application/ld+json";

/** Elements that embed another document or a plugin: nothing of the kind belongs on a reader page. */
const EMBEDDING = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"]);

/** Attributes whose URL the browser requests by itself (or sends a form to), whatever the element. */
const RESOURCE_ATTRIBUTES = new Set([
  "src",
  "srcset",
  "imagesrcset",
  "poster",
  "data",
  "background",
  "action",
  "formaction",
  "manifest",
  "xlink:href",
]);

/**
 * <link rel> values that fetch nothing: the canonical URL, feeds and the like may name the site's
 * absolute URL, or another site's. Any other rel (stylesheet, icon, preload, preconnect…) makes a
 * request.
 */
const NAVIGATION_RELS = new Set([
  "alternate",
  "author",
  "bookmark",
  "canonical",
  "help",
  "license",
  "me",
  "next",
  "prev",
  "search",
  "shortlink",
]);

/** Elements whose href the browser loads: <link> (unless navigational), and SVG's <image> and <use>. */
const LOADED_HREF = new Set(["link", "image", "use", "feimage"]);

/** The first characters of an element as a problem line shows it: `<script src="https://…">`. */
function describe(name: string, attributes: Record<string, string>): string {
  const shown = Object.entries(attributes)
    .map(([key, value]) => (value === "" ? key : `${key}="${value}"`))
    .join(" ");
  const tag = `<${name}${shown ? ` ${shown}` : ""}>`;
  return tag.length > 100 ? `${tag.slice(0, 98)}…>` : tag;
}

/** Whether a URL, as an attribute gives it, is requested from another origin than `origin`. */
export function isOtherOrigin(url: string, origin: string): boolean {
  const trimmed = url.trim();
  const absolute = trimmed.startsWith("//") ? `https:${trimmed}` : trimmed;
  if (!/^https?:/i.test(absolute)) return false;
  try {
    return new URL(absolute).origin !== origin;
  } catch {
    // Not a URL a browser would load; not a request to anyone.
    return false;
  }
}

/** The URLs an attribute names: a srcset's candidates, or the one URL. */
function urlsOf(attribute: string, value: string): string[] {
  if (attribute !== "srcset" && attribute !== "imagesrcset") return [value];
  return value
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter((url) => url !== "");
}

/** url(…) and @import of a stylesheet, or of a style attribute, that another origin would serve. */
export function stylesheetProblems(css: string, origin: string): string[] {
  const problems: string[] = [];
  const pattern = /@import\s+(?:url\(\s*)?["']?([^"')\s;]+)|url\(\s*["']?([^"')\s]+)/gi;
  for (const match of css.matchAll(pattern)) {
    const url = match[1] ?? match[2] ?? "";
    if (isOtherOrigin(url, origin)) {
      problems.push(
        `${match[0]}: loads from another site; expected the site's own files only (no third-party request)`,
      );
    }
  }
  return problems;
}

/** Every problem of one HTML page, one line each: what was found, and what is expected. */
export function readerPageProblems(html: string, origin: string): string[] {
  const problems: string[] = [];
  let styleText: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const tag = () => describe(name, attributes);
        if (name === "script") {
          const type = (attributes.type ?? "").trim().toLowerCase();
          if (type !== JSON_LD || attributes.src !== undefined) {
            problems.push(`${tag()}: is a script; expected none but JSON-LD data (reader pages run no JavaScript)`);
          }
        } else if (EMBEDDING.has(name)) {
          problems.push(`${tag()}: embeds another document; expected none (reader pages embed nothing)`);
        } else if (name === "meta" && (attributes["http-equiv"] ?? "").trim().toLowerCase() === "set-cookie") {
          problems.push(`${tag()}: sets a cookie; expected none (reader pages set no cookie)`);
        } else if (name === "style") {
          styleText = "";
        }
        const rel = (attributes.rel ?? "").toLowerCase().split(/\s+/);
        const loadsHref =
          LOADED_HREF.has(name) && !(name === "link" && rel.every((value) => NAVIGATION_RELS.has(value)));
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith("on")) {
            problems.push(
              `${tag()}: ${attribute} is an event handler, a script; expected none (reader pages run no JavaScript)`,
            );
          } else if (attribute === "ping") {
            problems.push(`${tag()}: ping reports the click to a server; expected none (reader pages track nothing)`);
          } else if (attribute === "style") {
            problems.push(...stylesheetProblems(value, origin).map((problem) => `${tag()}: ${problem}`));
          } else if (/^\s*javascript:/i.test(value) && (attribute === "href" || RESOURCE_ATTRIBUTES.has(attribute))) {
            problems.push(
              `${tag()}: ${attribute} is a javascript: URL, a script; expected none (reader pages run no JavaScript)`,
            );
          } else if (RESOURCE_ATTRIBUTES.has(attribute) || (attribute === "href" && loadsHref)) {
            const other = urlsOf(attribute, value).find((url) => isOtherOrigin(url, origin));
            if (other) {
              problems.push(
                `${tag()}: ${attribute} loads ${other} from another site; expected the site's own files only (no third-party request)`,
              );
            }
          }
        }
      },
      ontext(text) {
        if (styleText !== null) styleText += text;
      },
      onclosetag(name) {
        if (name === "style" && styleText !== null) {
          problems.push(...stylesheetProblems(styleText, origin).map((problem) => `<style>: ${problem}`));
          styleText = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}

/** Rules of a `_headers` file (Netlify, Cloudflare Pages) that would set a cookie on readers' browsers. */
export function headersFileProblems(text: string): string[] {
  return text
    .split("\n")
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => /^\s+set-cookie\s*:/i.test(line))
    .map(
      ({ line, number }) =>
        `line ${number} "${line.trim()}": sets a cookie; expected none (reader pages set no cookie)`,
    );
}

/**
 * The problems of one written file, by what it is: an HTML page, a stylesheet, the `_headers`
 * file. Other files (feeds, sitemaps, robots.txt) are read by machines, not by readers' browsers.
 */
export function writtenFileProblems(outputPath: string, text: string, origin: string): string[] {
  if (outputPath.endsWith(".html")) return readerPageProblems(text, origin);
  if (outputPath.endsWith(".css")) return stylesheetProblems(text, origin);
  if (/(^|[/\\])_headers$/.test(outputPath)) return headersFileProblems(text);
  return [];
}

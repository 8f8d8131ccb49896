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

/**
 * Whether a URL, as an attribute gives it, is requested from another origin than `origin`: read
 * as a browser reads it against the page (//host, /\\host and http://host are other sites).
 */
export function isOtherOrigin(url: string, origin: string): boolean {
  let resolved: URL;
  try {
    resolved = new URL(url.trim(), `${origin}/`);
  } catch {
    // Not a URL a browser would load: no request to anyone.
    return false;
  }
  return /^https?:$/.test(resolved.protocol) && resolved.origin !== origin;
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

/** The entities templates write in attributes (Nunjucks escapes &, <, >, " and '), and numeric ones. */
function decodeAttribute(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(?:#(\d+)|#x([\da-f]+)|(amp|quot|apos|lt|gt|colon));/gi, (entity, decimal, hex, name) => {
    if (decimal) return String.fromCodePoint(Number(decimal));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    const named: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">", colon: ":" };
    return named[String(name).toLowerCase()] ?? entity;
  });
}

/**
 * A start tag and the raw text of its attributes (a quoted value may hold ">"), as a browser's
 * tokenizer reads well-formed HTML (the pages are: tests validate them). A regular expression,
 * not htmlparser2: over the synthetic newsroom's 3734 pages the whole check takes 97 µs a page,
 * against 327 µs with htmlparser2's parser (entities not decoded, uninteresting tags skipped;
 * whole processes in turn, CPU medians of 5 runs of 5 passes, on a loaded machine).
 * tests/build/legal-pages-build.test.ts checks that both find the same tags on every page of the
 * sites the tests build. Inside a comment it may
 * see tags that are not there: a false alarm, never a tag missed.
 */
const START_TAG = /<([a-zA-Z][^\s/>]*)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>/g;

/** Where the raw text of <script> and <style> ends: nothing in it is a tag. */
const RAW_TEXT_END: Record<string, RegExp> = { script: /<\/script/gi, style: /<\/style/gi };

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Attributes that may load, run or track, or an href that may be a javascript: URL: worth reading. */
const SUSPECT =
  /(?:^|[\s"'/])(?:on[a-z]+|style|ping|src|srcset|imagesrcset|poster|data|background|action|formaction|manifest|xlink:href)\s*=|href\s*=\s*["']?\s*[j&]/i;

/** A JSON-LD block's start tag as templates write it: nothing else to read. */
const JSON_LD_TAG = /^\s+type\s*=\s*["']?application\/ld\+json["']?\s*$/i;

/** An href the page's own origin serves (root-relative, no entity): a <link> with it loads nothing from elsewhere. */
const OWN_HREF = /(?:^|\s)href\s*=\s*"\/(?![/\\])[^"&]*"/i;

/**
 * Whether a start tag needs its attributes read: most of a page's hundreds are told safe from
 * their raw text (decoding the attributes of every <meta> and <link> was most of the check's time).
 */
function needsReading(name: string, attributes: string): boolean {
  if (SUSPECT.test(attributes)) return true;
  switch (name) {
    case "script":
      return !JSON_LD_TAG.test(attributes);
    case "meta":
      return /http-equiv/i.test(attributes) && /cookie|&/i.test(attributes);
    case "link":
    case "image":
    case "use":
    case "feimage":
      return /href/i.test(attributes) && !OWN_HREF.test(attributes);
    default:
      return EMBEDDING.has(name) || name === "style";
  }
}

/** The attributes of a start tag, names lower-cased, values decoded; the first of two with one name wins. */
export function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = (match[1] as string).toLowerCase();
    if (!(name in attributes)) attributes[name] = decodeAttribute(match[2] ?? match[3] ?? match[4] ?? "");
  }
  return attributes;
}

/** Every start tag of a page, with its attributes' raw text (and the text of a script or style). */
export function startTags(html: string): { name: string; attributes: string; text?: string }[] {
  const tags: { name: string; attributes: string; text?: string }[] = [];
  const pattern = new RegExp(START_TAG);
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    const name = (match[1] as string).toLowerCase();
    const attributes = match[2] as string;
    const end = RAW_TEXT_END[name];
    if (!end) {
      tags.push({ name, attributes });
      continue;
    }
    end.lastIndex = pattern.lastIndex;
    const closed = end.exec(html);
    tags.push({ name, attributes, text: html.slice(pattern.lastIndex, closed ? closed.index : html.length) });
    if (!closed) break;
    pattern.lastIndex = end.lastIndex;
  }
  return tags;
}

/** The problems of one start tag. */
function tagProblems(
  name: string,
  attributes: Record<string, string>,
  origin: string,
  problems: string[],
  allowed: Allowed,
): void {
  const tag = () => describe(name, attributes);
  if (name === "script") {
    const type = (attributes.type ?? "").trim().toLowerCase();
    const ownScript = attributes.src !== undefined && type === "" && allowed.script(attributes.src);
    if (!ownScript && (type !== JSON_LD || attributes.src !== undefined)) {
      problems.push(`${tag()}: is a script; expected none but JSON-LD data (reader pages run no JavaScript)`);
    }
  } else if (EMBEDDING.has(name)) {
    problems.push(`${tag()}: embeds another document; expected none (reader pages embed nothing)`);
  } else if (name === "meta" && (attributes["http-equiv"] ?? "").trim().toLowerCase() === "set-cookie") {
    problems.push(`${tag()}: sets a cookie; expected none (reader pages set no cookie)`);
  }
  const rel = (attributes.rel ?? "").toLowerCase().split(/\s+/);
  const loadsHref = LOADED_HREF.has(name) && !(name === "link" && rel.every((value) => NAVIGATION_RELS.has(value)));
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
    } else if (name === "form" && attribute === "action" && allowed.formAction(value)) {
      // The reader's own choice, like following a link: nothing is sent until they submit.
    } else if (RESOURCE_ATTRIBUTES.has(attribute) || (attribute === "href" && loadsHref)) {
      const other = urlsOf(attribute, value).find((url) => isOtherOrigin(url, origin));
      if (other) {
        problems.push(
          `${tag()}: ${attribute} loads ${other} from another site; expected the site's own files only (no third-party request)`,
        );
      }
    }
  }
}

/**
 * What one page may do beyond the rule: load its own script (the search page's), send a form to
 * another site (the search page's outside engine, named in publisher.yaml).
 */
export interface Allowed {
  script: (src: string) => boolean;
  formAction: (action: string) => boolean;
}

/** Nothing beyond the rule: every page but the search page. */
export const NOTHING_ALLOWED: Allowed = { script: () => false, formAction: () => false };

/** Every problem of one HTML page, one line each: what was found, and what is expected. */
export function readerPageProblems(html: string, origin: string, allowed: Allowed = NOTHING_ALLOWED): string[] {
  const problems: string[] = [];
  for (const { name, attributes, text } of startTags(html)) {
    if (needsReading(name, attributes)) {
      tagProblems(name, parseAttributes(attributes), origin, problems, allowed);
    }
    if (name === "style" && text) {
      problems.push(...stylesheetProblems(text, origin).map((problem) => `<style>: ${problem}`));
    }
  }
  return problems;
}

/** Rules of a `_headers` file (Netlify, Cloudflare Pages) that would set a cookie on readers' browsers. */
export function headersFileProblems(text: string): string[] {
  return text
    .split("\n")
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => /^\s*set-cookie\s*:/i.test(line))
    .map(
      ({ line, number }) =>
        `line ${number} "${line.trim()}": sets a cookie; expected none (reader pages set no cookie)`,
    );
}

/**
 * The problems of one written file, by what it is: an HTML page, a stylesheet, the `_headers`
 * file. Other files (feeds, sitemaps, robots.txt) are read by machines, not by readers' browsers.
 */
export function writtenFileProblems(
  outputPath: string,
  text: string,
  origin: string,
  allowed: Allowed = NOTHING_ALLOWED,
): string[] {
  if (outputPath.endsWith(".html")) return readerPageProblems(text, origin, allowed);
  if (outputPath.endsWith(".css")) return stylesheetProblems(text, origin);
  if (/(^|[/\\])_headers$/.test(outputPath)) return headersFileProblems(text);
  return [];
}

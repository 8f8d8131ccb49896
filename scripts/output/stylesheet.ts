/** The site's one stylesheet, minified once per build and named by its content hash. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import CleanCSS from "clean-css";

export interface Stylesheet {
  /** Root-relative, content-hashed: safe to cache for a year. */
  url: string;
  css: string;
}

const cleanCss = new CleanCSS({ level: 2 });

// The preview builds on every save; the stylesheet is minified again only when it changed.
let last: { source: string; stylesheet: Stylesheet } | undefined;

export function buildStylesheet(file: string): Stylesheet {
  const source = readFileSync(file, "utf8");
  if (last?.source === source) return last.stylesheet;
  const result = cleanCss.minify(source);
  if (result.errors.length > 0) throw new Error(`${file}: ${result.errors.join("; ")}`);
  const hash = createHash("sha256").update(result.styles).digest("hex").slice(0, 10);
  last = { source, stylesheet: { url: `/assets/site.${hash}.css`, css: result.styles } };
  return last.stylesheet;
}

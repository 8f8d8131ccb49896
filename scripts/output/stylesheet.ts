/** The site's one stylesheet, minified and named by its content hash. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import CleanCSS from "clean-css";
import { ASSETS_URL } from "../input/urls.ts";

export interface Stylesheet {
  /** Root-relative, content-hashed: safe to cache for a year. */
  url: string;
  css: string;
}

/**
 * Minifies one stylesheet file, again only when its text changed: the preview builds on every
 * save, and clean-css at level 2 takes tens of milliseconds.
 */
export class StylesheetBuilder {
  readonly #cleanCss = new CleanCSS({ level: 2 });
  #last: { source: string; stylesheet: Stylesheet } | undefined;

  constructor(readonly file: string) {}

  build(): Stylesheet {
    const source = readFileSync(this.file, "utf8");
    if (this.#last?.source === source) return this.#last.stylesheet;
    const result = this.#cleanCss.minify(source);
    if (result.errors.length > 0) throw new Error(`${this.file}: ${result.errors.join("; ")}`);
    const hash = createHash("sha256").update(result.styles).digest("hex").slice(0, 10);
    this.#last = { source, stylesheet: { url: `${ASSETS_URL}site.${hash}.css`, css: result.styles } };
    return this.#last.stylesheet;
  }
}

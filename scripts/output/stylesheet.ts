/** The site's one stylesheet, minified and named by its content hash. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type CleanCSS from "clean-css";
import { ASSETS_URL } from "../input/urls.ts";
import { writeWhole } from "../input/write-whole.ts";

export interface Stylesheet {
  /** Root-relative, content-hashed: safe to cache for a year. */
  url: string;
  css: string;
}

const require = createRequire(import.meta.url);
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Minifies one stylesheet file, again only when its text changed: clean-css at level 2 takes
 * 25–160 ms (loading it and minifying), a tenth of a build that renders a few pages. The result
 * is kept in memory (the preview builds on every save) and, given a cache folder, on disk under
 * the hash of the source and clean-css's version, checked by its own hash when read.
 */
export class StylesheetBuilder {
  #cleanCss: InstanceType<typeof CleanCSS> | undefined;
  #last: { source: string; stylesheet: Stylesheet } | undefined;

  constructor(
    readonly file: string,
    readonly cacheDir?: string,
  ) {}

  build(): Stylesheet {
    const source = readFileSync(this.file, "utf8");
    if (this.#last?.source === source) return this.#last.stylesheet;
    const css = this.#minified(source);
    const hash = sha256(css).slice(0, 10);
    this.#last = { source, stylesheet: { url: `${ASSETS_URL}site.${hash}.css`, css } };
    return this.#last.stylesheet;
  }

  #minified(source: string): string {
    const version = (require("clean-css/package.json") as { version: string }).version;
    const cached =
      this.cacheDir &&
      path.join(this.cacheDir, "stylesheets", `${sha256(`clean-css ${version} level 2\0${source}`)}.css`);
    if (cached) {
      try {
        const text = readFileSync(cached, "utf8");
        const newline = text.indexOf("\n");
        if (newline === 64 && sha256(text.slice(newline + 1)) === text.slice(0, newline))
          return text.slice(newline + 1);
      } catch {
        // Not cached yet.
      }
    }
    this.#cleanCss ??= new (require("clean-css") as typeof CleanCSS)({ level: 2 });
    const result = this.#cleanCss.minify(source);
    if (result.errors.length > 0) throw new Error(`${this.file}: ${result.errors.join("; ")}`);
    if (cached) {
      try {
        writeWhole(cached, `${sha256(result.styles)}\n${result.styles}`);
      } catch {
        // A stylesheet that cannot be kept is minified again next time.
      }
    }
    return result.styles;
  }
}

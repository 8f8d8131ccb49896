/**
 * html-minifier-terser with the options the build used to minify every page with (before pages
 * were written minified): tests/minified-pages.test.ts holds the pages to it.
 */
import { minify, type Options } from "html-minifier-terser";

export const MINIFY_OPTIONS: Options = {
  collapseWhitespace: true,
  collapseBooleanAttributes: true,
  decodeEntities: true,
  removeComments: true,
  removeRedundantAttributes: true,
  removeScriptTypeAttributes: false,
  useShortDoctype: true,
  // The stylesheet is minified once per build and JSON-LD is written compact.
  minifyCSS: false,
  minifyJS: false,
};

export function minifyHtml(html: string): Promise<string> {
  return minify(html, MINIFY_OPTIONS);
}

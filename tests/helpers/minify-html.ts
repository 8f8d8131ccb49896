/** HTML post-processing: minification with the options that pay off on our pages. */
import { minify, type Options } from "html-minifier-terser";

export const MINIFY_OPTIONS: Options = {
  collapseWhitespace: true,
  collapseBooleanAttributes: true,
  decodeEntities: true,
  removeComments: true,
  removeRedundantAttributes: true,
  removeScriptTypeAttributes: false,
  useShortDoctype: true,
  // The stylesheet is minified once per build, JSON-LD is written compact: nothing to redo per page.
  minifyCSS: false,
  minifyJS: false,
};

export function minifyHtml(html: string): Promise<string> {
  return minify(html, MINIFY_OPTIONS);
}

/** Where content comes from: explicit options, then ARTICLES_DIR / DATA_DIR, then the defaults. */
import path from "node:path";
import type { ContentPaths } from "./load-content.ts";

// Kept apart from the Eleventy plugin so that the editor's commands start without loading Eleventy.
export function resolveContentPaths(options: Partial<ContentPaths> = {}): ContentPaths {
  return {
    articlesDir: path.resolve(options.articlesDir ?? process.env.ARTICLES_DIR ?? "src/articles"),
    dataDir: path.resolve(options.dataDir ?? process.env.DATA_DIR ?? "_data"),
  };
}

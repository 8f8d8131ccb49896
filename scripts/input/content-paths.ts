/** Where article sources, pages about the publisher and publisher data are read from. */
import path from "node:path";

export interface ContentPaths {
  /** Folder of article sources: <articlesDir>/<section>/<yyyy-mm-dd>-<slug>.md */
  articlesDir: string;
  /** Folder holding publisher.yaml, settings.yaml and authors.yaml. */
  dataDir: string;
  /** Folder of the pages about the publisher: <pagesDir>/<slug>.md (scripts/input/pages.ts); none when unset. */
  pagesDir?: string;
}

/** The folders of Eleventy's configuration that content is read from (.eleventy.js `directories`). */
export interface SourceDirectories {
  /** Templates; articles are in its `articles/` folder. */
  input: string;
  /** Publisher metadata and settings. */
  data: string;
}

/** Command-line flags (--articles, --data, --pages) when given, else the project's folders; absolute. */
export function resolveContentPaths(
  flags: { articles?: string | undefined; data?: string | undefined; pages?: string | undefined },
  directories: SourceDirectories,
  cwd = process.cwd(),
): ContentPaths {
  return {
    articlesDir: path.resolve(cwd, flags.articles ?? path.join(directories.input, "articles")),
    dataDir: path.resolve(cwd, flags.data ?? directories.data),
    pagesDir: path.resolve(cwd, flags.pages ?? path.join(directories.input, "pages")),
  };
}

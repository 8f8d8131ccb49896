/**
 * The Eleventy glue: loads the validated content once per build and hands it to templates as
 * global data. No domain logic here: that lives in scripts/input/.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { HtmlBasePlugin } from "@11ty/eleventy";
import nunjucks from "nunjucks";
import { buildTime } from "../input/build-time.ts";
import { findContentValidationError } from "../input/content-error.ts";
import { resolveContentPaths } from "../input/content-paths.ts";
import { headMeta } from "../output/head-meta.ts";
import { type Content, type ContentPaths, loadContent } from "../input/load-content.ts";
import type { PageInput } from "../output/page.ts";
import { LIST_KINDS, type PagesToRender, PreviewRenders } from "../lists/pages-to-render.ts";
import { CONTENT_SECURITY_POLICY, headersFile, REFERRER_POLICY } from "../output/security-headers.ts";
import { type SiteMeta, siteMeta } from "../output/site-meta.ts";
import { CompactTemplateLoader } from "./compact-template-loader.ts";
import { dropLineBreaksBetweenTags } from "./line-breaks-between-tags.ts";
import { buildStylesheet, type Stylesheet } from "../output/stylesheet.ts";

export interface NewsPluginOptions extends Partial<ContentPaths> {
  /** The stylesheet source. */
  stylesheet?: string;
  /** Where layouts and partials are (Eleventy's includes folder). */
  includesDir?: string;
}

export { resolveContentPaths };

// Eleventy's config API is untyped JavaScript; this is the part we use.
interface EleventyConfig {
  addPlugin(plugin: unknown, options?: unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addWatchTarget(target: string): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  addNunjucksGlobal(name: string, value: unknown): void;
  addTransform(name: string, transform: (content: unknown) => unknown): void;
  addPreprocessor(name: string, extensions: string, preprocess: (data: unknown, content: string) => string): void;
  setLibrary(name: "njk", environment: nunjucks.Environment): void;
  addCollection(name: string, build: (api: { getAll(): { url: string | false; data: PageData }[] }) => unknown): void;
  on(event: "eleventy.beforeWatch", listener: (changedFiles: string[]) => void): void;
  on(
    event: string,
    listener: (arg: { runMode: string; results?: { outputPath: string | false }[] }) => void | Promise<void>,
  ): void;
  ignores: { add(glob: string): void };
  benchmarks?: { config?: { setIsVerbose?(verbose: boolean): void } };
}

/** The page data the head and the sitemap read (see scripts/output/page.ts). */
type PageData = Record<string, unknown> & { page?: { url?: string | false } };

/**
 * Freezes a plain object of global data, and the plain objects inside it. Eleventy deep-copies
 * unfrozen objects of global data into every template's data (`related` has a key per article),
 * and its paginated pages read global data through a proxy that wraps every unfrozen object at
 * each read (`publisher.logo.width` made two proxies, on every page); a frozen object is shared
 * as it is. Arrays and their items are handed out as they are already, and are left alone.
 */
function frozen<T>(value: T): T {
  if (value === null || typeof value !== "object" || Array.isArray(value) || Object.isFrozen(value)) return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  for (const inner of Object.values(value)) frozen(inner);
  return Object.freeze(value);
}

/** Page data → PageInput: section pages' `section` and the home page's latest list are listings. */
function pageInput(data: PageData, meta: SiteMeta, url: string | false = data.page?.url ?? false): PageInput {
  return {
    url,
    title: data.pageTitle as string | undefined,
    description: data.description as string | undefined,
    article: data.article as PageInput["article"],
    listing: (data.listing ?? data.section ?? (url === "/" ? meta.homeListing : undefined)) as PageInput["listing"],
    noindex: data.noindex === true,
  };
}

export default function newsPlugin(eleventyConfig: EleventyConfig, options: NewsPluginOptions = {}): void {
  const paths = resolveContentPaths(options);
  // Eleventy makes this timing group before it applies quiet mode, so on a busy machine its
  // "Benchmark … html-transformer" warnings reached the build's output; they are noise here
  // (scripts that measure speed print their own numbers).
  eleventyConfig.benchmarks?.config?.setIsVerbose?.(false);
  const stylesheetFile = path.resolve(options.stylesheet ?? "_includes/css/site.css");
  let content: Content | undefined;
  let stylesheet: Stylesheet | undefined;
  let meta: SiteMeta | undefined;
  // The preview renders again only the pages an edit changed (pages-to-render.ts); anything else
  // that changed (templates, metadata, CSS, code) means every page. Builds render everything.
  const preview = new PreviewRenders();
  let toRender: PagesToRender | undefined;
  let everyPageNeeded = true;
  const isArticleSource = (file: string) => path.resolve(file).startsWith(`${paths.articlesDir}${path.sep}`);
  eleventyConfig.on("eleventy.beforeWatch", (changedFiles) => {
    if (!changedFiles.every(isArticleSource)) everyPageNeeded = true;
  });

  // Once per build (and per rebuild when watching): validate everything before any page renders.
  // Articles unchanged since the last run are reused (load-content caches them by mtime and size).
  eleventyConfig.on("eleventy.before", ({ runMode }) => {
    try {
      content = loadContent(paths, { includeDrafts: runMode !== "build" });
    } catch (error) {
      // The dev server keeps running and prints the editor's problems, without a stack trace.
      const invalid = findContentValidationError(error);
      if (invalid) Object.assign(invalid, { skipOriginalStack: true });
      throw error;
    }
    stylesheet = buildStylesheet(stylesheetFile);
    meta = siteMeta(content, buildTime());
    toRender = preview.plan(content, runMode === "build" || everyPageNeeded);
  });
  // Only a build that finished has written its pages; a failed one leaves them to the next.
  eleventyConfig.on("eleventy.after", ({ results }) => {
    const written = (results ?? []).flatMap((result) => (result.outputPath ? [result.outputPath] : []));
    for (const gone of preview.written(written)) rmSync(gone, { force: true });
    everyPageNeeded = false;
  });
  const data = <T>(pick: (c: Content) => T) => () => {
    if (!content) throw new Error("content requested before eleventy.before ran");
    return frozen(pick(content));
  };
  // Eleventy copies every key of global data into each page's data, twice per page, through a
  // proxy: a key costs about 10 µs a page. Hence no key that no template reads, and one key for
  // what the paginated templates paginate over.
  eleventyConfig.addGlobalData("publisher", data((c) => c.publisher));
  eleventyConfig.addGlobalData("site", data((c) => c.site));
  eleventyConfig.addGlobalData("sections", data((c) => c.sections));
  eleventyConfig.addGlobalData("appeal", data((c) => c.appeal));
  // Topics, archive, « À lire aussi » and the index pages for site-wide navigation.
  for (const key of ["topics", "archive", "related", "indexes"] as const) {
    eleventyConfig.addGlobalData(key, data((c) => c[key]));
  }
  // Pagination data (`pagesToRender.articles`, `pagesToRender.homePages`, …): every page, except
  // in the preview after an edit (see above). List pages are precomputed, one object per page.
  eleventyConfig.addGlobalData("pagesToRender", () =>
    frozen({
      articles: toRender?.articles,
      ...Object.fromEntries(LIST_KINDS.map((key) => [key, toRender?.lists[key]])),
      feedFiles: meta && preview.files(meta.feedFiles),
    }),
  );
  eleventyConfig.addGlobalData("stylesheet", () => frozen(stylesheet));
  eleventyConfig.addGlobalData("security", frozen({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: REFERRER_POLICY,
    headersFile: headersFile(),
  }));

  const siteMetaOrThrow = (): SiteMeta => {
    if (!meta) throw new Error("site metadata requested before eleventy.before ran");
    return meta;
  };
  // Called from _includes/partials/meta.njk; Nunjucks passes the page's data as this.ctx.
  eleventyConfig.addNunjucksGlobal("headMeta", function (this: { ctx: PageData }) {
    const current = siteMetaOrThrow();
    return headMeta(pageInput(this.ctx, current), current.head);
  });
  // Sitemaps list the pages Eleventy writes, so new page types appear without changes here.
  // In the preview, pages an edit did not change are not rendered again but still exist: their
  // entries from the previous build stay (the set of pages is the same then).
  let crawledPages = new Map<string | false, PageInput>();
  eleventyConfig.addCollection("crawlerFiles", (api) => {
    const current = siteMetaOrThrow();
    const pages = new Map(toRender?.everything === false ? crawledPages : []);
    for (const item of api.getAll()) pages.set(item.url, pageInput(item.data, current, item.url));
    crawledPages = pages;
    return preview.files(current.crawlerFiles([...pages.values()]));
  });

  // Article sources are read by the content pipeline, not rendered by Eleventy one by one.
  eleventyConfig.ignores.add(path.join(path.relative(process.cwd(), paths.articlesDir), "**"));
  // The preview (scripts/cli/serve.ts) watches article sources itself, at less cost per save.
  if (process.env.PREVIEW_WATCHES_ARTICLES !== "1") eleventyConfig.addWatchTarget(paths.articlesDir);
  eleventyConfig.addWatchTarget(paths.dataDir);
  eleventyConfig.addWatchTarget(stylesheetFile);
  eleventyConfig.addPassthroughCopy({ "src/assets": "assets" });

  // Pages come out of Nunjucks minified: every template is loaded without the line breaks
  // between its tags (line-breaks-between-tags.ts), once per build, instead of minifying each
  // written page. Page templates go through the preprocessor; layouts and partials, reached with
  // `{% extends %}` and `{% include %}`, through the loader. (Eleventy reads its one layout,
  // page.njk, itself: it only extends, so nothing of it reaches a page.)
  const includesDir = path.resolve(options.includesDir ?? "_includes");
  eleventyConfig.setLibrary("njk", new nunjucks.Environment(new CompactTemplateLoader([includesDir, process.cwd()])));
  eleventyConfig.addPreprocessor("line-breaks-between-tags", "njk", (_data, content) => dropLineBreaksBetweenTags(content));

  // A no-op (no HTML parsing) while the path prefix is "/". Subheading ids are set when the
  // Markdown renders (scripts/input/heading-ids.ts), not by re-parsing every page.
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Last of the transforms (Eleventy's HTML transformer, which the base plugin uses, runs first).
  // Eleventy holds every written page until the build ends; as UTF-8 bytes a page takes about
  // half the memory it takes as a JavaScript string (two bytes a character as soon as one
  // character is beyond Latin-1, and French typography puts several on every page).
  eleventyConfig.addTransform("utf8-bytes", (content: unknown) => (typeof content === "string" ? Buffer.from(content) : content));
}

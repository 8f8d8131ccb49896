/**
 * The Eleventy glue: hands templates the validated content as global data, the head's metadata
 * as a Nunjucks function, and the sitemaps a collection of every page written. No domain logic
 * here: that lives in scripts/input/, lists/ and output/. Everything it needs is passed in as
 * options by the build or the preview (see .eleventy.js).
 */
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { HtmlBasePlugin } from "@11ty/eleventy";
import nunjucks from "nunjucks";
import type { ContentPaths } from "../input/content-paths.ts";
import type { Environment } from "../input/environment.ts";
import { type LeadPhoto, leadFigureHtml, type PhotoLayout, pictureHtml } from "../input/responsive-photos.ts";
import type { Publisher } from "../input/schema.ts";
import { resolveSiteUrl } from "../input/site-url.ts";
import type { Content, LoadedContent } from "../lists/content.ts";
import { LIST_KINDS, type ListKind } from "../lists/listings.ts";
import { allPages, type PreviewRenders } from "../lists/pages-to-render.ts";
import { type Segment, wholeSegment } from "../lists/segments.ts";
import { CMS_FOLDER, deployedCmsPolicy } from "../output/cms-page.ts";
import { type HeadContext, headMeta } from "../output/head-meta.ts";
import {
  headContext,
  type SiteFormats,
  siteCrawlerFiles,
  siteFormats,
  sitemapEntry,
} from "../output/machine-formats.ts";
import { type PageInput, pageTrail } from "../output/page.ts";
import { searchHeaders, searchPageData } from "../output/search-page.ts";
import {
  CONTENT_SECURITY_POLICY,
  headersFile,
  PREVIEW_CONTENT_SECURITY_POLICY,
  REFERRER_POLICY,
} from "../output/security-headers.ts";
import { type Stylesheet, StylesheetBuilder } from "../output/stylesheet.ts";
import { CompactTemplateLoader } from "./compact-template-loader.ts";
import { dropLineBreaksBetweenTags } from "./line-breaks-between-tags.ts";
import { addOutputCheck } from "./output-check.ts";

/** What one Eleventy run of a build renders: its segment, and the site's machine formats. */
export interface SegmentInput {
  segment: Segment;
  formats: SiteFormats;
}

export interface NewsPluginOptions {
  /** Where article sources and publisher data are: never read as templates; the preview watches them. */
  paths: ContentPaths;
  /** SITE_URL, PATH_PREFIX and the build time (scripts/input/environment.ts). */
  environment: Environment;
  /**
   * The build: the pages this run renders (scripts/lists/segments.ts), with what they show.
   * Templates other than the segment's are not read. A function, as Eleventy copies its plugins'
   * options (and a copy of a Map is empty).
   */
  segment?: () => SegmentInput;
  /** The preview: the content pages show, loaded again before every build. */
  content?: () => LoadedContent;
  /** The preview only: which pages an edit changed, so that only those are rendered again. */
  preview?: PreviewRenders;
  /** The preview only: runs after each build that finished (it places the photos). */
  afterWrite?: (content: Content) => Promise<void>;
}

// Eleventy's config API is untyped JavaScript; this is the part we use.
export interface EleventyConfig {
  directories: { input: string; includes: string; data: string; output: string };
  addPlugin(plugin: unknown, options?: unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addWatchTarget(target: string): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  addNunjucksGlobal(name: string, value: unknown): void;
  addTransform(name: string, transform: (content: unknown) => unknown): void;
  addPreprocessor(name: string, extensions: string, preprocess: (data: unknown, content: string) => string): void;
  setLibrary(name: "njk", environment: nunjucks.Environment): void;
  setInputDirectory(dir: string): void;
  setIncludesDirectory(dir: string): void;
  setDataDirectory(dir: string): void;
  setTemplateFormats(formats: string | string[]): void;
  setServerOptions(options: object): void;
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

const noContent = (): LoadedContent => {
  throw new Error("the news plugin needs a segment (a build) or the content (the preview)");
};

/** Page data → PageInput. List pages (home, section, topic, month) carry their page as `listing`. */
function pageInput(data: PageData, url: string | false = data.page?.url ?? false): PageInput {
  return {
    url,
    title: data.pageTitle as string | undefined,
    description: data.description as string | undefined,
    article: data.article as PageInput["article"],
    listing: data.listing as PageInput["listing"],
    trustPage: data.trustPage as PageInput["trustPage"],
    noindex: data.noindex === true,
  };
}

/** The page templates of each kind of page a segment renders (below the input folder); every other template writes a site-wide page. */
const PAGE_TEMPLATES: Record<"articles" | ListKind, string> = {
  articles: "article.njk",
  homePages: "lists/index.njk",
  sectionPages: "lists/section.njk",
  topicPages: "lists/topic.njk",
  monthPages: "lists/archive-month.njk",
  authorPages: "lists/author.njk",
};

/** The templates a segment does not need, below `input`: Eleventy then never reads them. */
function templatesToIgnore(input: string, segment: Segment): string[] {
  const needed = new Set<string>();
  if (segment.articles.length > 0) needed.add(PAGE_TEMPLATES.articles);
  for (const kind of LIST_KINDS) if (segment.lists[kind].length > 0) needed.add(PAGE_TEMPLATES[kind]);
  const pageTemplates = new Set(Object.values(PAGE_TEMPLATES));
  return readdirSync(input, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => file.endsWith(".njk") && !needed.has(file) && (segment.site === null || pageTemplates.has(file)));
}

export default function newsPlugin(eleventyConfig: EleventyConfig, options: NewsPluginOptions): void {
  const { paths, preview } = options;
  const { directories } = eleventyConfig;
  // Eleventy makes this timing group before it applies quiet mode, so on a busy machine its
  // "Benchmark … html-transformer" warnings reached the build's output; they are noise here
  // (scripts that measure speed print their own numbers).
  eleventyConfig.benchmarks?.config?.setIsVerbose?.(false);
  const stylesheets = new StylesheetBuilder(
    path.resolve(directories.includes, "css/site.css"),
    options.environment.cacheDir,
  );
  let current: SegmentInput | undefined;
  let content: Content | undefined;
  let head: HeadContext | undefined;
  let stylesheet: Stylesheet | undefined;
  // The preview renders again only the pages an edit changed (pages-to-render.ts); anything else
  // that changed (templates, metadata, CSS) means every page. Builds render everything.
  let everyPageNeeded = true;
  const isArticleSource = (file: string) => path.resolve(file).startsWith(`${paths.articlesDir}${path.sep}`);
  eleventyConfig.on("eleventy.beforeWatch", (changedFiles) => {
    if (!changedFiles.every(isArticleSource)) everyPageNeeded = true;
  });

  /** The preview's segment: the whole site, or the pages an edit changed, with the site-wide pages. */
  const previewSegment = (loader: () => LoadedContent): SegmentInput => {
    const loaded = loader();
    content = loaded.content;
    const toRender = preview ? preview.plan(content, loaded.articleKeys, everyPageNeeded) : allPages(content);
    const publication = { publisher: content.publisher, siteUrl: siteUrlOf(content.publisher) };
    const formats = siteFormats(content, publication, options.environment.buildTime);
    const otherPages = toRender.kept.flatMap((kept) => sitemapEntry(kept) ?? []);
    return { segment: wholeSegment(content, toRender), formats: { ...formats, otherPages } };
  };
  const siteUrlOf = (publisher: Publisher) => resolveSiteUrl(publisher.url, options.environment);

  // Once per build (and per rebuild in the preview), before any page renders. A content problem
  // is a ContentValidationError, which tells Eleventy to print it without a stack trace.
  eleventyConfig.on("eleventy.before", () => {
    current = options.segment?.() ?? previewSegment(options.content ?? noContent);
    const { publisher } = current.segment.frame;
    head = headContext(publisher, siteUrlOf(publisher), current.formats.feedLinks);
    stylesheet = stylesheets.build();
  });
  // Only a build that finished has written its pages; a failed one leaves them to the next.
  eleventyConfig.on("eleventy.after", async ({ results }) => {
    everyPageNeeded = false;
    if (!preview) return;
    const written = (results ?? []).flatMap((result) => (result.outputPath ? [result.outputPath] : []));
    for (const gone of preview.written(written)) rmSync(gone, { force: true });
    if (content) await options.afterWrite?.(content);
  });
  const segmentOrThrow = (): SegmentInput => {
    if (!current) throw new Error("the segment requested before eleventy.before ran");
    return current;
  };
  const data =
    <T>(pick: (input: SegmentInput) => T) =>
    () =>
      frozen(pick(segmentOrThrow()));
  // Eleventy copies every key of global data into each page's data, twice per page, through a
  // proxy: a key costs about 10 µs a page. Hence no key that no template reads, and one key for
  // what the paginated templates paginate over. Nothing here grows with the archive: the proxy
  // asks Object.isFrozen of every object at every read, which for an object with a key per
  // article (« À lire aussi » by URL, once) cost 156 µs at 20,000 articles, on every page.
  for (const key of ["publisher", "sections", "appeal", "indexes", "newsroom"] as const) {
    eleventyConfig.addGlobalData(
      key,
      data((input) => input.segment.frame[key]),
    );
  }
  // The indexes of topics and of the archive: only the segment with the site-wide pages has them.
  eleventyConfig.addGlobalData(
    "topics",
    data((input) => input.segment.site?.topics ?? []),
  );
  eleventyConfig.addGlobalData(
    "archive",
    data((input) => input.segment.site?.archive ?? []),
  );
  // Pagination data (`pagesToRender.articles`, `pagesToRender.homePages`, …): the segment's pages.
  eleventyConfig.addGlobalData("pagesToRender", () => {
    const { segment, formats } = segmentOrThrow();
    return frozen({
      articles: segment.articles,
      ...segment.lists,
      feedFiles: preview ? preview.files(formats.feedFiles) : formats.feedFiles,
    });
  });
  // « À lire aussi » of an article of this segment.
  eleventyConfig.addNunjucksGlobal("relatedTo", (url: string) => segmentOrThrow().segment.related.get(url) ?? []);
  eleventyConfig.addGlobalData("stylesheet", () => frozen(stylesheet));
  // French typography in templates (« Correction du … : »): Nunjucks strings have no \u escape,
  // and an entity would be decoded by any minifier.
  eleventyConfig.addNunjucksGlobal("nbsp", "\u00A0");
  eleventyConfig.addGlobalData("security", () => {
    const { segment } = segmentOrThrow();
    const cmsPolicy = deployedCmsPolicy(segment.site?.cms);
    return frozen({
      // The preview's pages let its live-reload script run; built pages run no script (but the search page's).
      contentSecurityPolicy: preview ? PREVIEW_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
      referrerPolicy: REFERRER_POLICY,
      // With the CMS deployed (settings.yaml), /admin/ has a policy of its own.
      headersFile: headersFile({
        ...(cmsPolicy ? { cms: { folder: CMS_FOLDER, contentSecurityPolicy: cmsPolicy } } : {}),
        search: searchHeaders(segment.frame.publisher),
      }),
    });
  });
  // The search page and the header's search field (scripts/output/search-page.ts): small, whatever the archive's size.
  eleventyConfig.addGlobalData("search", () => {
    const { segment } = segmentOrThrow();
    const { publisher } = segment.frame;
    return frozen(
      searchPageData(
        { publisher, topics: segment.site?.topics ?? [], archive: segment.site?.archive ?? [] },
        siteUrlOf(publisher),
      ),
    );
  });

  const headOrThrow = (): HeadContext => {
    if (!head) throw new Error("site metadata requested before eleventy.before ran");
    return head;
  };
  // Called from _includes/partials/meta.njk; Nunjucks passes the page's data as this.ctx.
  eleventyConfig.addNunjucksGlobal("headMeta", function (this: { ctx: PageData }) {
    return headMeta(pageInput(this.ctx), headOrThrow());
  });
  // Called from _includes/partials/breadcrumb.njk: the same trail as the BreadcrumbList above.
  eleventyConfig.addNunjucksGlobal("breadcrumbTrail", function (this: { ctx: PageData }) {
    return pageTrail(pageInput(this.ctx));
  });
  // Photos are written by the code that writes them in article text (scripts/input/responsive-photos.ts).
  // In lists a photo illustrates the headline beside it, which says it all: it is decorative there.
  eleventyConfig.addNunjucksGlobal("leadFigure", (photo: LeadPhoto) => leadFigureHtml(photo));
  // A list shows an article's photo as every other list does (six times per article at 4000, with
  // « À lire aussi »): written once per build.
  let teaserPictures = new Map<string, string>();
  eleventyConfig.on("eleventy.before", () => {
    teaserPictures = new Map();
  });
  eleventyConfig.addNunjucksGlobal("teaserPicture", (photo: LeadPhoto, layout: PhotoLayout) => {
    const key = `${layout} ${photo.file}`;
    let html = teaserPictures.get(key);
    if (html === undefined) {
      html = pictureHtml(photo, "", layout);
      teaserPictures.set(key, html);
    }
    return html;
  });
  // Sitemaps list the pages Eleventy writes, so new page types appear without changes here, and
  // the pages of other segments and those kept from the last build (not rendered again: they
  // still exist).
  eleventyConfig.addCollection("crawlerFiles", (api) => {
    const { segment, formats } = segmentOrThrow();
    if (!segment.site) return [];
    const pages = api.getAll().map((item) => pageInput(item.data, item.url));
    const files = siteCrawlerFiles(pages, formats, {
      publisher: segment.frame.publisher,
      siteUrl: headOrThrow().siteUrl,
    });
    return preview ? preview.files(files) : files;
  });

  if (options.segment) {
    for (const file of templatesToIgnore(directories.input, options.segment().segment)) {
      eleventyConfig.ignores.add(path.join(directories.input, file));
    }
  }
  // Article sources are read by the content pipeline, not rendered by Eleventy one by one; the
  // preview watches them itself, at less cost per save than Eleventy's watcher.
  eleventyConfig.ignores.add(path.join(path.relative(process.cwd(), paths.articlesDir), "**"));
  eleventyConfig.addWatchTarget(paths.dataDir);
  if (paths.pagesDir) eleventyConfig.addWatchTarget(paths.pagesDir);
  eleventyConfig.addWatchTarget(stylesheets.file);
  if (!options.segment || options.segment().segment.site) {
    eleventyConfig.addPassthroughCopy({ [path.join(directories.input, "assets")]: "assets" });
  }

  // Pages come out of Nunjucks minified: every template is loaded without the line breaks
  // between its tags (line-breaks-between-tags.ts), once per build, instead of minifying each
  // written page. Page templates go through the preprocessor; layouts and partials, reached with
  // `{% extends %}` and `{% include %}`, through the loader. (Eleventy reads its one layout,
  // page.njk, itself: it only extends, so nothing of it reaches a page.)
  eleventyConfig.setLibrary(
    "njk",
    new nunjucks.Environment(new CompactTemplateLoader([path.resolve(directories.includes), process.cwd()])),
  );
  eleventyConfig.addPreprocessor("line-breaks-between-tags", "njk", (_data, text) => dropLineBreaksBetweenTags(text));

  // A no-op (no HTML parsing) while the path prefix is "/". Subheading ids are set when the
  // Markdown renders (scripts/input/heading-ids.ts), not by re-parsing every page.
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Every written page, stylesheet and _headers: no script but JSON-LD, no frame, no third-party
  // request, no cookie (scripts/output/reader-pages.ts); the build fails on any.
  addOutputCheck(
    eleventyConfig,
    () => headOrThrow().siteUrl.origin,
    () => segmentOrThrow().segment.frame.publisher.search.engine?.url,
  );

  // Last of the transforms (Eleventy's HTML transformer, which the base plugin uses, runs first).
  // Eleventy holds every written page until the build ends; as UTF-8 bytes a page takes about
  // half the memory it takes as a JavaScript string (two bytes a character as soon as one
  // character is beyond Latin-1, and French typography puts several on every page).
  eleventyConfig.addTransform("utf8-bytes", (text: unknown) => (typeof text === "string" ? Buffer.from(text) : text));
}

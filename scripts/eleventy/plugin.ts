/**
 * The Eleventy glue: loads the validated content once per build and hands it to templates as
 * global data. No domain logic here: that lives in scripts/content/.
 */
import path from "node:path";
import { HtmlBasePlugin, IdAttributePlugin } from "@11ty/eleventy";
import { type Content, type ContentPaths, loadContent } from "../content/load-content.ts";
import { buildStylesheet, type Stylesheet } from "./stylesheet.ts";

export interface NewsPluginOptions extends Partial<ContentPaths> {
  /** The stylesheet source. */
  stylesheet?: string;
}

/** Where content comes from: options, then ARTICLES_DIR / DATA_DIR (set by the build CLI), then defaults. */
export function resolveContentPaths(options: NewsPluginOptions = {}): ContentPaths {
  return {
    articlesDir: path.resolve(options.articlesDir ?? process.env.ARTICLES_DIR ?? "src/articles"),
    dataDir: path.resolve(options.dataDir ?? process.env.DATA_DIR ?? "_data"),
  };
}

// Eleventy's config API is untyped JavaScript; this is the part we use.
interface EleventyConfig {
  addPlugin(plugin: unknown, options?: unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addWatchTarget(target: string): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  on(event: string, listener: (arg: { runMode: string }) => void | Promise<void>): void;
  ignores: { add(glob: string): void };
}

export default function newsPlugin(eleventyConfig: EleventyConfig, options: NewsPluginOptions = {}): void {
  const paths = resolveContentPaths(options);
  const stylesheetFile = path.resolve(options.stylesheet ?? "_includes/css/site.css");
  let content: Content | undefined;
  let stylesheet: Stylesheet | undefined;

  // Once per build (and per rebuild when watching): validate everything before any page renders.
  eleventyConfig.on("eleventy.before", ({ runMode }) => {
    content = loadContent(paths, { includeDrafts: runMode !== "build" });
    stylesheet = buildStylesheet(stylesheetFile);
  });
  const data = <T>(pick: (c: Content) => T) => () => {
    if (!content) throw new Error("content requested before eleventy.before ran");
    return pick(content);
  };
  eleventyConfig.addGlobalData("publisher", data((c) => c.publisher));
  eleventyConfig.addGlobalData("site", data((c) => c.site));
  eleventyConfig.addGlobalData("articles", data((c) => c.articles));
  eleventyConfig.addGlobalData("sections", data((c) => c.sections));
  eleventyConfig.addGlobalData("latest", data((c) => c.latest));
  eleventyConfig.addGlobalData("appeal", data((c) => c.appeal));
  eleventyConfig.addGlobalData("stylesheet", () => stylesheet);

  // Article sources are read by the content pipeline, not rendered by Eleventy one by one.
  eleventyConfig.ignores.add(path.join(path.relative(process.cwd(), paths.articlesDir), "**"));
  eleventyConfig.addWatchTarget(paths.articlesDir);
  eleventyConfig.addWatchTarget(paths.dataDir);
  eleventyConfig.addWatchTarget(stylesheetFile);
  eleventyConfig.addPassthroughCopy({ "src/assets": "assets" });

  eleventyConfig.addPlugin(HtmlBasePlugin);
  // Subheading ids (ASCII slugs) so readers can link to a part of an article.
  eleventyConfig.addPlugin(IdAttributePlugin, { selector: "[id],h2,h3,h4,h5,h6" });
}

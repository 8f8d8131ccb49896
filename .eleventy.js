// Eleventy configuration. Run under tsx (see package.json) so the TypeScript plugin loads.
import { resolvePathPrefix } from "./scripts/content/site-url.ts";
import newsPlugin from "./scripts/eleventy/plugin.ts";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(newsPlugin);

  return {
    dir: {
      input: "src",
      includes: "../_includes",
      // Publisher and site metadata are YAML, read and validated by the content pipeline.
      data: "../_data",
      output: "dist",
    },
    // PATH_PREFIX (default "/"): the HTML base plugin prefixes every root-relative link with it.
    pathPrefix: resolvePathPrefix(),
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
    markdownTemplateEngine: false,
  };
}

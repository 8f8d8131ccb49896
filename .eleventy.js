// Eleventy configuration. Run under tsx (see package.json) so the TypeScript plugin loads.
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
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
    markdownTemplateEngine: false,
  };
}

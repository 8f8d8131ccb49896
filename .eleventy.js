// Eleventy configuration. Run under tsx (see package.json) so the TypeScript plugin loads.
// TypeScript modules are imported dynamically: Eleventy's watcher parses the config's static
// imports with a JavaScript-only parser (to watch them) and stops the dev server on TypeScript.
export default async function (eleventyConfig) {
  const { default: newsPlugin } = await import("./scripts/eleventy/plugin.ts");
  const { resolvePathPrefix } = await import("./scripts/input/site-url.ts");
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

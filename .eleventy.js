// @ts-check
/**
 * Eleventy's configuration: where templates, layouts and publisher data are, and the news plugin
 * that hands templates the validated content. The build (scripts/publish/build.ts) and the preview
 * (scripts/publish/preview.ts) run Eleventy with `eleventyConfig(options)`, passing the plugin
 * what they loaded: the content, the paths it came from, the environment's settings and, in the
 * preview, which pages an edit changed. Eleventy's own command line is not used.
 */
import path from "node:path";

/** Relative to the project. Articles are read from `<input>/articles/`, publisher metadata from `<data>/`. */
export const directories = Object.freeze({ input: "src", includes: "_includes", data: "_data", output: "dist" });

/**
 * @param {import("./scripts/eleventy/plugin.ts").NewsPluginOptions} options
 * @returns {(config: import("./scripts/eleventy/plugin.ts").EleventyConfig) => Promise<void>}
 */
export function eleventyConfig(options) {
  return async (config) => {
    // Imported here, not above: reading `directories` must not load Eleventy (half a second).
    const { default: newsPlugin } = await import("./scripts/eleventy/plugin.ts");
    config.setInputDirectory(directories.input);
    // Eleventy reads these two relative to the input folder.
    config.setIncludesDirectory(path.relative(directories.input, directories.includes));
    config.setDataDirectory(path.relative(directories.input, directories.data));
    // Pages are Nunjucks templates; article sources are Markdown read by the content pipeline.
    config.setTemplateFormats("njk");
    config.addPlugin(newsPlugin, options);
  };
}

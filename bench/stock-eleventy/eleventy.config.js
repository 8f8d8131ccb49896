// The benchmark's baseline: a stock Eleventy project (Markdown + one Nunjucks layout, default
// settings, no minifier). scripts/cli/bench.ts copies it to a temporary folder and writes the
// synthetic articles into src/<section>/.
export default function () {
  return {
    dir: { input: "src", includes: "_includes", data: "_data", output: "_site" },
  };
}

// The benchmark's baseline: a stock Eleventy project building the same set of pages as the site
// (Markdown articles with one Nunjucks layout; the home page, each section, each topic and each
// month paginated by 20; the topic and archive indexes; a 404), written the way Eleventy's docs
// show, with default settings and no minifier. scripts/cli/bench.ts copies it to a temporary
// folder and writes the synthetic articles into src/<section>/.
const PAGE_SIZE = 20;

export default function (eleventyConfig) {
  const slugify = eleventyConfig.getFilter("slugify");
  const posts = (api) => api.getFilteredByGlob("src/*/*.md").sort((a, b) => b.date - a.date);
  /** Every page of every group's list: { name, url, number, total, items }, paginated by PAGE_SIZE. */
  const listPages = (api, keysOf, urlOf) => {
    const groups = new Map();
    for (const post of posts(api)) {
      for (const key of keysOf(post)) {
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(post);
      }
    }
    const pages = [];
    for (const [key, items] of groups) {
      const total = Math.ceil(items.length / PAGE_SIZE);
      for (let number = 1; number <= total; number += 1) {
        const url = number === 1 ? urlOf(key) : `${urlOf(key)}page/${number}/`;
        pages.push({ name: key, url, number, total, items: items.slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE) });
      }
    }
    return pages;
  };
  eleventyConfig.addCollection("posts", posts);
  eleventyConfig.addCollection("sectionPages", (api) =>
    listPages(
      api,
      (post) => [post.data.section],
      (section) => `/${section}/`,
    ),
  );
  eleventyConfig.addCollection("topicPages", (api) =>
    listPages(
      api,
      (post) => post.data.topics,
      (topic) => `/sujets/${slugify(topic)}/`,
    ),
  );
  eleventyConfig.addCollection("monthPages", (api) =>
    listPages(
      api,
      (post) => [post.data.month],
      (month) => `/archives/${month}/`,
    ),
  );
  return {
    dir: { input: "src", includes: "_includes", data: "_data", output: "_site" },
  };
}

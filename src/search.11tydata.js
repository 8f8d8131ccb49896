// The search page exists only while search is on (publisher.yaml `search.enabled`).
export default {
  permalink: (data) => (data.search.enabled ? data.search.url : false),
  eleventyExcludeFromCollections: (data) => !data.search.enabled,
};

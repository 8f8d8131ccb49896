// What every list template shares (home, section, topic, month): each page is one ListingPage
// precomputed in scripts/lists/listings.ts, rendered by _includes/layouts/listing.njk. Each
// template says only which list it paginates over.
export default {
  // A function: Eleventy would compile a "{{ listing.url }}" string template again for every page.
  permalink: (data) => data.listing.url,
  layout: "layouts/page.njk",
  pageLayout: "layouts/listing.njk",
};

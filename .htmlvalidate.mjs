// html-validate settings for the built pages in dist/ (tests/html-validate.test.ts).
export default {
  root: true,
  extends: ["html-validate:recommended", "html-validate:document"],
  rules: {
    // Both spellings are valid HTML; the templates and the minifier write it in lower case.
    "doctype-style": ["error", { style: "lowercase" }],
    // Subresource integrity protects what comes from other origins; the site loads nothing from them.
    "require-sri": ["error", { target: "crossorigin" }],
    // Titles are headlines (up to 110 characters, see the schema) plus the publisher's name:
    // the 70-character search-snippet advice does not fit a news site.
    "long-title": "off",
  },
};

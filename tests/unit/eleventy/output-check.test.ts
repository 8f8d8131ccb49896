import { describe, expect, it } from "vitest";
import { addOutputCheck, WrittenFileProblems } from "../../../scripts/eleventy/output-check.ts";
import { ContentValidationError } from "../../../scripts/input/content-error.ts";

describe("WrittenFileProblems", () => {
  it("groups the problems of many pages by template and message: one line each, the first URL named, the others counted", () => {
    const found = new WrittenFileProblems();
    const script = "<script>: is a script";
    found.add("src/article.njk", "/b/", [script]);
    found.add("src/article.njk", "/a/", [script]);
    found.add("src/article.njk", "/c/", [script]);
    found.add("src/lists/section.njk", "/international/", [script]);
    found.add("src/headers.njk", "/_headers", ['line 3 "set-cookie: a": sets a cookie']);
    expect(found.problems()).toEqual([
      { file: "src/article.njk", field: "/a/ (and 2 other pages)", message: script },
      { file: "src/headers.njk", field: "/_headers", message: 'line 3 "set-cookie: a": sets a cookie' },
      { file: "src/lists/section.njk", field: "/international/", message: script },
    ]);
    found.clear();
    expect(found.problems()).toEqual([]);
  });
});

describe("addOutputCheck", () => {
  it("checks every written file as a transform and fails the build once, after the last page", () => {
    const listeners = new Map<string, () => void>();
    let transform: ((this: unknown, content: unknown) => unknown) | undefined;
    addOutputCheck(
      {
        on: (event, listener) => listeners.set(event, listener),
        addTransform: (_, callback) => {
          transform = callback;
        },
      },
      () => "https://www.exemple.fr",
      () => "https://duckduckgo.com/",
    );
    const write = (url: string, content: unknown) =>
      transform?.call({ page: { inputPath: "./src/article.njk", outputPath: `/out${url}index.html`, url } }, content);
    listeners.get("eleventy.before")?.();
    expect(write("/a/", "<p>Bien.</p>")).toBe("<p>Bien.</p>");
    write("/b/", "<iframe src=/x/></iframe>");
    write("/c/", Buffer.from("<script>alert(1)</script>"));
    // The search page may send its form to the engine publisher.yaml names; no other page may.
    const engineForm = '<form action="https://duckduckgo.com/"><input name="q"></form>';
    write("/recherche/", engineForm);
    write("/d/", engineForm);
    write("/recherche/", '<form action="https://collect.example/"><input name="q"></form>');
    expect(() => listeners.get("eleventy.after")?.()).toThrow(ContentValidationError);
    try {
      listeners.get("eleventy.after")?.();
    } catch (error) {
      expect((error as ContentValidationError).problems).toEqual([
        {
          file: "src/article.njk",
          field: "/b/",
          message: '<iframe src="/x/">: embeds another document; expected none (reader pages embed nothing)',
        },
        // A page already made into bytes is read too.
        {
          file: "src/article.njk",
          field: "/c/",
          message: "<script>: is a script; expected none but JSON-LD data (reader pages run no JavaScript)",
        },
        {
          file: "src/article.njk",
          field: "/d/",
          message:
            '<form action="https://duckduckgo.com/">: action loads https://duckduckgo.com/ from another site; expected the site\'s own files only (no third-party request)',
        },
        {
          file: "src/article.njk",
          field: "/recherche/",
          message:
            '<form action="https://collect.example/">: action loads https://collect.example/ from another site; expected the site\'s own files only (no third-party request)',
        },
      ]);
    }
    // The next build starts afresh.
    listeners.get("eleventy.before")?.();
    expect(() => listeners.get("eleventy.after")?.()).not.toThrow();
  });
});

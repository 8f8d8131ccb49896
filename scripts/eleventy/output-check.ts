/**
 * Checks every file Eleventy writes with scripts/output/reader-pages.ts (no script but JSON-LD,
 * no frame, no third-party request, no cookie), as it is written, and fails the build once all
 * are written with every problem found: a template that adds a script to the article layout is
 * one line naming the template, a page and how many other pages have it, not 20,000 lines.
 */
import { type ContentProblem, ContentValidationError } from "../input/content-error.ts";
import { SEARCH_FILES_URL, SEARCH_URL } from "../input/urls.ts";
import { type Allowed, isOtherOrigin, NOTHING_ALLOWED, writtenFileProblems } from "../output/reader-pages.ts";
import { SCRIPT_FILE } from "../output/search-format.ts";
import { shownPath } from "../text/shown-path.ts";

interface Found {
  problem: ContentProblem;
  others: number;
}

/** The part of Eleventy's configuration the check uses (plugin.ts's EleventyConfig has it). */
interface CheckedConfig {
  on(event: "eleventy.before" | "eleventy.after", listener: () => void): void;
  addTransform(name: string, transform: (content: unknown) => unknown): void;
}

/** What Eleventy gives a transform as `this`. */
interface TransformContext {
  page: { inputPath: string; outputPath: string | false; url: string | false };
}

/** The problems of every page of a build, grouped by template and message. */
export class WrittenFileProblems {
  #found = new Map<string, Found>();

  add(template: string, url: string, messages: readonly string[]): void {
    for (const message of messages) {
      const key = `${template}\0${message}`;
      const found = this.#found.get(key);
      if (!found) {
        this.#found.set(key, { problem: { file: template, field: url, message }, others: 0 });
        continue;
      }
      found.others += 1;
      // Pages are written in no set order: the line names the first URL, whatever the order.
      if (url < found.problem.field) found.problem.field = url;
    }
  }

  /** One problem per template and message, by template, naming the first page and counting the others. */
  problems(): ContentProblem[] {
    const found = [...this.#found.values()].sort((a, b) =>
      a.problem.file < b.problem.file ? -1 : a.problem.file > b.problem.file ? 1 : 0,
    );
    return found.map(({ problem, others }) =>
      others === 0
        ? problem
        : { ...problem, field: `${problem.field} (and ${others} other page${others === 1 ? "" : "s"})` },
    );
  }

  clear(): void {
    this.#found.clear();
  }
}

/** Adds the check as a transform; `origin` is the site's, `engineUrl` the outside search engine's (publisher.yaml). */
export function addOutputCheck(config: CheckedConfig, origin: () => string, engineUrl: () => string | undefined): void {
  const found = new WrittenFileProblems();
  config.on("eleventy.before", () => found.clear());
  config.addTransform("reader-pages", function (this: TransformContext, content: unknown) {
    const { inputPath, outputPath, url } = this.page;
    // Text, or the bytes a later transform made of it (plugin.ts writes pages as UTF-8 bytes).
    const text = typeof content === "string" ? content : Buffer.isBuffer(content) ? content.toString("utf8") : null;
    if (text !== null && outputPath) {
      // The search page alone runs a script, its own from the site, and may send its form to
      // the outside engine publisher.yaml names (scripts/output/search-page.ts).
      const allowed: Allowed =
        url === SEARCH_URL
          ? {
              script: (src) => src.endsWith(`${SEARCH_FILES_URL}${SCRIPT_FILE}`) && !isOtherOrigin(src, origin()),
              formAction: (action) => {
                const engine = engineUrl();
                return engine !== undefined && action === engine;
              },
            }
          : NOTHING_ALLOWED;
      found.add(shownPath(inputPath), url || outputPath, writtenFileProblems(outputPath, text, origin(), allowed));
    }
    return content;
  });
  config.on("eleventy.after", () => {
    const problems = found.problems();
    if (problems.length > 0) throw new ContentValidationError(problems);
  });
}

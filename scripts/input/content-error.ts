/** Content problems an editor can cause: always "file: field: what was found, what was expected". */
import { escapeControlCharacters } from "../text/control-characters.ts";
import { escapeBidiControls } from "../text/visible-text.ts";

export interface ContentProblem {
  /** Path of the source file, relative to the working directory. */
  file: string;
  /** Dotted field path (e.g. "date", "sections.2.slug"), or a part of the file such as "body". */
  field: string;
  message: string;
}

/**
 * The problem's line. Control characters and bidirectional controls are written as \u
 * escapes: a file name or a value may hold ESC, which would start an escape sequence in the
 * editor's terminal, or U+202E, which would show the rest of the line backwards.
 */
export function formatProblem(problem: ContentProblem): string {
  return escapeBidiControls(escapeControlCharacters(`${problem.file}: ${problem.field}: ${problem.message}`));
}

/** Thrown once per build with every problem found, so editors fix them all in one pass. */
export class ContentValidationError extends Error {
  readonly problems: readonly ContentProblem[];
  /** Read by Eleventy's error handler (npm start): the problems are the message, a stack trace is noise. */
  readonly skipOriginalStack = true;

  constructor(problems: readonly ContentProblem[]) {
    super(
      `${problems.length} content problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join("\n") +
        "\nNothing was published; fix these and build again.",
    );
    this.name = "ContentValidationError";
    this.problems = problems;
  }
}

/** Finds our error inside the wrappers that Eleventy puts around errors thrown from data. */
export function findContentValidationError(error: unknown): ContentValidationError | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth += 1) {
    if (current instanceof ContentValidationError) return current;
    if (current instanceof Error && current.name === "ContentValidationError" && "problems" in current) {
      return current as ContentValidationError;
    }
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  return null;
}

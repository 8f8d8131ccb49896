/** The problem lines of a step that should refuse its input. */
import { ContentValidationError, formatProblem } from "../../scripts/input/content-error.ts";

/** Runs `step` and returns every problem line it reported; throws if it accepted its input. */
export function problemLinesOf(step: () => unknown): string[] {
  try {
    step();
  } catch (error) {
    if (error instanceof ContentValidationError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error("expected the input to be refused");
}

/**
 * Warnings printed while the build runs (by plugins, libraries or our own code through
 * console.warn), collected so that the summary can count them. Eleventy's timing notices
 * («[11ty] Benchmark …», which depend on the machine's load, not on the content) are dropped.
 */
import { stripVTControlCharacters } from "node:util";

export interface WarningCapture {
  readonly warnings: string[];
  /** Puts console.warn back. */
  stop(): void;
}

export function isTimingNotice(line: string): boolean {
  return /^\[11ty\] Benchmark\s/.test(stripVTControlCharacters(line).trim());
}

export function captureWarnings(): WarningCapture {
  const original = console.warn;
  const warnings: string[] = [];
  console.warn = (...parts: unknown[]) => {
    const line = parts.map(String).join(" ");
    if (isTimingNotice(line)) return;
    warnings.push(stripVTControlCharacters(line));
    original(...parts);
  };
  return {
    warnings,
    stop: () => {
      console.warn = original;
    },
  };
}

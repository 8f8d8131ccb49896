/**
 * The preview's problem panel: what the last build found wrong, shown at the top of every page
 * the preview serves until the next good build, so that an editor sees a mistake where they
 * look (the browser), not only in the terminal. The page under it is the last good one.
 *
 * The server writes the panel into each page it serves (it works without script), and a small
 * script of the preview's own origin (preview-client/problems.js, allowed by the preview's
 * `script-src 'self'`) adds, updates or removes it as builds fail and succeed, over the dev
 * server's WebSocket. Both show the same model, made here once.
 */
import { findContentValidationError, formatProblem } from "../input/content-error.ts";
import { escapeControlCharacters } from "../text/control-characters.ts";
import { escapeXml } from "../text/xml.ts";

/** What the panel shows: a heading, a sentence, and the build's own problem lines. */
export interface ProblemPanel {
  title: string;
  intro: string;
  lines: string[];
}

/** The WebSocket message type the panel's script listens for (the dev server's are `eleventy.*`). */
export const PROBLEMS_MESSAGE = "news.problems";
/** Where the preview serves the panel's script, stylesheet and current state. */
export const PROBLEMS_FOLDER = "/.preview/";
export const PANEL_ID = "apercu-problemes";

/** Control characters and more than this many characters of one line are not the editor's concern. */
const MAX_LINE_LENGTH = 2000;

/**
 * The lines a failed build printed: one per content problem (`file: field: found; expected`),
 * exactly as `npm run build` prints them; anything else (a template error) as the first line of
 * its message, never a stack trace.
 */
export function problemLines(error: unknown): string[] {
  const invalid = findContentValidationError(error);
  if (invalid) return invalid.problems.map(formatProblem);
  let message = error instanceof Error ? error.message : String(error);
  // Eleventy wraps template errors; the cause says what went wrong.
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 10; depth += 1) {
    message = cause.message || message;
    cause = (cause as { originalError?: unknown }).originalError ?? cause.cause;
  }
  const first = message.split("\n").find((line) => line.trim() !== "") ?? "unknown error";
  return [escapeControlCharacters(first.trim()).slice(0, MAX_LINE_LENGTH)];
}

/** The panel for these lines, or null when there is nothing to show. */
export function problemPanel(lines: readonly string[]): ProblemPanel | null {
  if (lines.length === 0) return null;
  const count = lines.length === 1 ? "1\u00A0problème" : `${lines.length}\u00A0problèmes`;
  return {
    title: `Aperçu pas à jour\u00A0: ${count} à corriger`,
    intro:
      "La page ci-dessous est la dernière version correcte. Corrigez le fichier et enregistrez\u00A0: l’aperçu se met à jour tout seul.",
    lines: [...lines],
  };
}

/**
 * The panel as HTML, for the server to write at the top of `<body>`. The lines are the build's,
 * in English: `lang="en"` lets a screen reader pronounce them as such.
 */
export function problemPanelHtml(panel: ProblemPanel): string {
  const items = panel.lines.map((line) => `<li>${escapeXml(line)}</li>`).join("");
  return (
    `<div id="${PANEL_ID}" class="apercu-problemes" role="alert">` +
    `<p class="apercu-problemes-titre">${escapeXml(panel.title)}</p>` +
    `<p>${escapeXml(panel.intro)}</p>` +
    `<ul lang="en">${items}</ul></div>`
  );
}

/**
 * The problems of the preview's last build: set when a build fails, cleared when one succeeds.
 * The server reads it for each page and tells open pages when it changes.
 */
export class ProblemBoard {
  #lines: string[] = [];
  readonly #listeners = new Set<(lines: readonly string[]) => void>();

  get lines(): readonly string[] {
    return this.#lines;
  }

  /** A build failed with `error`. */
  failed(error: unknown): void {
    this.#set(problemLines(error));
  }

  /** A build finished: whatever was wrong has been fixed. */
  succeeded(): void {
    this.#set([]);
  }

  onChange(listener: (lines: readonly string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(lines: string[]): void {
    if (lines.length === this.#lines.length && lines.every((line, index) => line === this.#lines[index])) return;
    this.#lines = lines;
    for (const listener of this.#listeners) listener(lines);
  }
}

/**
 * The page the preview serves where it has nothing yet, while the sources are broken at start
 * (the server adds the panel, its script and stylesheet, as to every page).
 */
export function waitingPage(): string {
  return (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><title>Aperçu en attente</title></head>' +
    "<body><main><h1>Aperçu en attente</h1>" +
    "<p>L’aperçu n’a encore rien construit. Il le fera dès que le problème ci-dessus sera corrigé.</p></main></body></html>"
  );
}

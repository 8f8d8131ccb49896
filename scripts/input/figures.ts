/**
 * Photos in an article's text. A paragraph that starts with a photo beside the article, alone
 * on its line, is a figure; the lines under it are its caption, and a last line starting with
 * « Photo : » (or « Crédit : ») is its credit:
 *
 *   ![Li Shangfu et Sergueï Choïgou se serrent la main](2023-04-18-choigou.jpg)
 *   Li Shangfu et Sergueï Choïgou à Moscou, le 16 avril 2023.
 *   Photo : Alexander Zemlianichenko / AP
 *
 * The alt text (between the brackets) is required; `![""](…)` marks a decorative photo. A
 * markdown-it core rule, run after typography so captions are typeset like the text.
 */

import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { frenchTypography } from "../text/typography.ts";
import { hasVisibleCharacter } from "../text/visible-text.ts";
import { figureHtml, pictureHtml, type ResponsivePhoto } from "./responsive-photos.ts";

/** An image or link target that names a file beside the article (no scheme, not root-relative). */
export const LOCAL_FILE = /^(?![a-z][a-z0-9+.-]*:|[/#\\])[^?#\s]+\.[a-z0-9]+$/i;

export type PhotoLookup = (src: string) => { ok: true; photo: ResponsivePhoto } | { ok: false; message: string };

/** What the rule reads and writes in markdown-it's environment. */
export interface FigureEnv {
  /** Finds and checks the photo a figure names. */
  resolvePhoto?: PhotoLookup;
  /** The body's first line in its file, for messages. */
  firstLine: number;
  /** Photos shown, in order. */
  photos: ResponsivePhoto[];
  /** Problems with photos: their line in the file and what is wrong. */
  photoProblems: { line: number; message: string }[];
}

const CREDIT_LINE = /^(?:photo|crédit)\s*:\s*/iu;
const DECORATIVE = /^(?:""|“”|«\s*»)$/u;
const isBreak = (token: Token | undefined) => token?.type === "softbreak" || token?.type === "hardbreak";

/** Inline tokens split at line breaks. */
function lines(tokens: Token[]): Token[][] {
  const result: Token[][] = [[]];
  for (const token of tokens) {
    if (isBreak(token)) result.push([]);
    else result.at(-1)?.push(token);
  }
  return result;
}

function figure(state: StateCore, inline: Token, env: FigureEnv, line: number): string | null {
  const [image, ...rest] = inline.children as Token[];
  // markdown-it percent-encodes targets; messages show what the editor wrote.
  const src = state.md.normalizeLinkText((image as Token).attrGet("src") ?? "");
  const quoted = JSON.stringify(src);
  const alt = frenchTypography(state.md.renderer.renderInlineAsText(image?.children ?? [], state.md.options, env));
  const [, ...textLines] = lines(rest);
  const last = textLines.at(-1);
  const creditStart = last?.[0];
  const creditText = last ? state.md.renderer.renderInlineAsText(last, state.md.options, env) : "";
  const hasCredit =
    creditStart?.type === "text" &&
    CREDIT_LINE.test(creditStart.content) &&
    hasVisibleCharacter(creditText.replace(CREDIT_LINE, ""));
  const problems: string[] = [];
  if (!hasVisibleCharacter(alt)) {
    problems.push(
      `the photo ${quoted} has no alt text; expected ![a description of the photo](${src}), or ![""](${src}) for a decorative one`,
    );
  }
  if (!hasCredit || !last) {
    problems.push(`the photo ${quoted} has no credit; expected a last line « Photo : author / agency » under it`);
  }
  const found = (env.resolvePhoto ?? (() => ({ ok: false, message: `${quoted} cannot be read here` })))(src);
  if (!found.ok) problems.push(found.message);
  if (problems.length > 0 || !found.ok || !last || !creditStart) {
    for (const message of problems) env.photoProblems.push({ line, message: `line ${line}: ${message}` });
    return null;
  }
  creditStart.content = creditStart.content.replace(CREDIT_LINE, "");
  const render = (tokens: Token[]) => state.md.renderer.renderInline(tokens, state.md.options, env);
  // A line that shows nothing (zero-width characters) is no caption.
  const caption = textLines
    .slice(0, -1)
    .filter((tokens) => hasVisibleCharacter(state.md.renderer.renderInlineAsText(tokens, state.md.options, env)))
    .map(render)
    .join(" ");
  env.photos.push(found.photo);
  return figureHtml(
    pictureHtml(found.photo, DECORATIVE.test(alt.trim()) ? "" : alt.trim(), "body"),
    caption,
    render(last),
    "photo",
  );
}

/** The core rule: figures become HTML blocks; any other use of a file beside the article is a problem. */
export function figuresRule(state: StateCore): void {
  const env = state.env as FigureEnv;
  const tokens = state.tokens;
  for (let index = 0; index < tokens.length; index += 1) {
    const inline = tokens[index] as Token;
    if (inline.type !== "inline" || !inline.children) continue;
    const line = (inline.map?.[0] ?? 0) + env.firstLine;
    const [first, second] = inline.children;
    const isFigure =
      first?.type === "image" &&
      LOCAL_FILE.test(first.attrGet("src") ?? "") &&
      (second === undefined || isBreak(second)) &&
      tokens[index - 1]?.type === "paragraph_open" &&
      tokens[index + 1]?.type === "paragraph_close";
    if (isFigure) {
      const html = figure(state, inline, env, line);
      if (html !== null) {
        const block = new state.Token("html_block", "", 0);
        block.content = html;
        block.map = inline.map;
        // Which photo it shows, for the part of the body it is in (renderBodyParts).
        block.meta = { photo: env.photos.at(-1) };
        tokens.splice(index - 1, 3, block);
        index -= 1;
      }
      continue;
    }
    for (const token of inline.children) {
      const target =
        token.type === "image" ? token.attrGet("src") : token.type === "link_open" ? token.attrGet("href") : null;
      if (target === null || !LOCAL_FILE.test(target)) continue;
      env.photoProblems.push({
        line,
        message:
          token.type === "image"
            ? `line ${line}: the photo ${JSON.stringify(target)} shares its line with text; expected it alone on the first line of a paragraph, its caption and credit on the next lines`
            : `line ${line}: ${JSON.stringify(target)} is not an allowed link; expected an http(s)://, mailto:, root-relative (/…) or #fragment URL`,
      });
    }
  }
}

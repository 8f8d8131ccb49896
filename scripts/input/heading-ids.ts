/**
 * Ids on article subheadings (ASCII slugs, unique within the page) so readers can link to a
 * part of an article. Done once per article while its Markdown renders, rather than by parsing
 * every built page again (Eleventy's IdAttributePlugin cost over half the build at 1000 articles).
 */
import type Token from "markdown-it/lib/token.mjs";
import { slugify } from "../text/slug.ts";

/** Ids the page layouts use around the article body; a subheading never takes one of them. */
export const LAYOUT_IDS: ReadonlySet<string> = new Set([
  "contenu",
  "appel-aux-lecteurs",
  "a-lire-aussi",
  "rubriques",
  // « L'essentiel », above the updates of live coverage (live.ts).
  "l-essentiel",
]);

function inlineText(token: Token | undefined): string {
  return (token?.children ?? [])
    .map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : ""))
    .join("");
}

/** A markdown-it core rule: sets `id` on every heading_open that has none. */
export function headingIdsRule(state: { tokens: Token[] }): void {
  const used = new Set(LAYOUT_IDS);
  // Ids given before this rule (the updates of live coverage, live-headings.ts) are taken.
  for (const token of state.tokens) {
    const id = token.type === "heading_open" ? token.attrGet("id") : null;
    if (id) used.add(id);
  }
  // The next number to try after each base: counting from 2 again for every repeat made a body of
  // 27,000 "## a" headings quadratic (each one walked past all the numbers taken before it).
  const nextNumber = new Map<string, number>();
  state.tokens.forEach((token, index) => {
    if (token.type !== "heading_open" || token.attrGet("id")) return;
    const base = slugify(inlineText(state.tokens[index + 1])) || "section";
    let id = base;
    if (used.has(id)) {
      let n = nextNumber.get(base) ?? 2;
      while (used.has(`${base}-${n}`)) n += 1;
      id = `${base}-${n}`;
      nextNumber.set(base, n + 1);
    }
    used.add(id);
    token.attrSet("id", id);
  });
}

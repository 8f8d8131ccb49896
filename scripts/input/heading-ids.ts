/**
 * Ids on article subheadings (ASCII slugs, unique within the page) so readers can link to a
 * part of an article. Done once per article while its Markdown renders, rather than by parsing
 * every built page again (Eleventy's IdAttributePlugin cost over half the build at 1000 articles).
 */
import type Token from "markdown-it/lib/token.mjs";
import { slugify } from "../text/slug.ts";

/** Ids the page layouts use around the article body; a subheading never takes one of them. */
export const LAYOUT_IDS: ReadonlySet<string> = new Set(["contenu", "appel-aux-lecteurs", "a-lire-aussi", "rubriques"]);

function inlineText(token: Token | undefined): string {
  return (token?.children ?? [])
    .map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : ""))
    .join("");
}

/** A markdown-it core rule: sets `id` on every heading_open that has none. */
export function headingIdsRule(state: { tokens: Token[] }): void {
  const used = new Set(LAYOUT_IDS);
  state.tokens.forEach((token, index) => {
    if (token.type !== "heading_open" || token.attrGet("id")) return;
    const base = slugify(inlineText(state.tokens[index + 1])) || "section";
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    token.attrSet("id", id);
  });
}

/** ASCII URL slugs from French text: « Défense & sécurité » → "defense-securite". */

const LIGATURES: Record<string, string> = { œ: "oe", Œ: "oe", æ: "ae", Æ: "ae", ß: "ss" };

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(text: string, maxLength = 80): string {
  // Decomposed first, so that a ligature carrying an accent (ǽ) loses the accent and keeps its letters.
  const ascii = text
    .normalize("NFKD")
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c] ?? c)
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\u2019']/g, "-")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length <= maxLength) return ascii;
  // Cut at a word boundary so a slug never ends in half a word.
  const cut = ascii.slice(0, maxLength + 1);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > 0 ? cut.slice(0, lastDash) : ascii.slice(0, maxLength)).replace(/-+$/g, "");
}

/**
 * A topic's slug from its tag. Plus signs and a sharp after a letter are spelled out, so that
 * tags told apart by them get pages of their own: « C++ » → c-plus-plus, « Canal+ » → canal-plus,
 * « C# » → c-sharp, « C » → c (a hashtag's leading # is dropped: « #MeToo » → metoo). Every other
 * sign is dropped, as in slugify.
 */
export function tagSlug(tag: string): string {
  return slugify(tag.replace(/\+/g, " plus ").replace(/(?<=[\p{L}\p{N}])#/gu, " sharp "));
}

/**
 * What two spellings of one tag share when they differ only in case, accents or ligatures (and
 * spacing): « Élysée », « elysee » and « ÉLYSÉE » are one tag; « Élysée! » is another.
 */
export function tagFold(tag: string): string {
  return tag
    .normalize("NFKD")
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c] ?? c)
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/gu, " ")
    .trim();
}

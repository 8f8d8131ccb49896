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

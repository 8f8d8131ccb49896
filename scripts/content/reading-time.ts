/** Word count and reading time of French prose. */

/** Average silent reading speed of French news prose, in words per minute. */
export const WORDS_PER_MINUTE = 230;

/** Words are runs of letters or digits; "l’armée" and "militaro-politiques" count as one. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[’'\-.,][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Whole minutes, rounded up, never less than one. */
export function readingMinutes(words: number, wordsPerMinute = WORDS_PER_MINUTE): number {
  return Math.max(1, Math.ceil(words / wordsPerMinute));
}

export function readingTimeLabel(minutes: number): string {
  return `${minutes}\u00A0min de lecture`;
}

/**
 * Live coverage for tests: an article source with `live` in its front matter and updates in
 * its body, newest first. The updates' text is made of the seed article's words in a seeded
 * order: as hard to compress as real French prose (gzip keeps 40 % of either), so page weights
 * measured on it hold for real coverage.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { seededRandom } from "../../scripts/bench/synthetic-corpus.ts";

const SEED_TEXT = readFileSync(path.resolve(import.meta.dirname, "../fixtures/seed/000_120417579168021d.txt"), "utf8");
const VOCABULARY = [...new Set(SEED_TEXT.toLowerCase().match(/[\p{L}’'-]{2,}/gu))];

/** `count` words in sentences, capitalised and ended with a full stop. */
function prose(random: () => number, count: number): string {
  const words: string[] = [];
  let sentenceStart = true;
  for (let index = 0; index < count; index += 1) {
    let word = VOCABULARY[Math.floor(random() * VOCABULARY.length)] ?? "mot";
    if (sentenceStart) word = word.charAt(0).toUpperCase() + word.slice(1);
    sentenceStart = index === count - 1 || random() < 0.07;
    words.push(sentenceStart ? `${word}.` : word);
  }
  return words.join(" ");
}

export interface LiveSourceOptions {
  /** How many updates, one every `minutes` from `start`. */
  updates: number;
  /** Words of each update's text, in two paragraphs. */
  words?: number;
  start?: string;
  minutes?: number;
  end?: string;
  section?: string;
}

/** The source of a live article: front matter, « L'essentiel », the updates newest first. */
export function liveSource(options: LiveSourceOptions): string {
  const { updates, words = 70, minutes = 10, section = "international" } = options;
  const start = options.start ?? "2024-03-05T07:00:00+01:00";
  const random = seededRandom(24);
  const first = Date.parse(start);
  const offset = start.slice(-6);
  const times = Array.from({ length: updates }, (_, index) => {
    const local = new Date(first + index * minutes * 60_000 + Number(offset.slice(0, 3)) * 3_600_000);
    return `${local.toISOString().slice(0, 19)}${offset}`;
  });
  const blocks = times.reverse().map((time) => {
    const half = Math.floor(words / 2);
    return `## ${time} — ${prose(random, 8).replace(/\.$/, "")}\n\n${prose(random, half)}\n\n${prose(random, words - half)}\n`;
  });
  return [
    "---",
    'title: "Suivez en direct la journée de mobilisation"',
    "standfirst: Les syndicats appellent à une journée de grève ; suivez-la heure par heure.",
    `date: ${start}`,
    `section: ${section}`,
    "author: La Rédaction",
    "tags: [Grève]",
    "live:",
    `  start: ${start}`,
    ...(options.end ? [`  end: ${options.end}`] : []),
    "---",
    "",
    prose(random, 45),
    "",
    ...blocks,
  ].join("\n");
}

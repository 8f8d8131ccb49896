/**
 * The headings that start the updates of live coverage: in a live article's body, every level-2
 * heading is one update, its time first, then its headline:
 *
 *   ## 2024-03-05T14:05+01:00 — Le cortège s'élance de la Bastille
 *
 * A markdown-it core rule, run before typography: it takes the time off the heading's text (the
 * headline alone is typeset and shown) and gives the heading the update's id, made from its
 * time, so that a subheading never takes it. What the time must be is checked in live.ts.
 */
import type { DateTime } from "luxon";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import { parseIsoWithOffset } from "../text/dates.ts";

/** An update's heading as written: its line, its text, and its time when that parses. */
export interface UpdateHeading {
  /** 1-based line in the file. */
  line: number;
  /** The heading's text as written, without the hashes. */
  raw: string;
  /** The first word, where the time goes. */
  timeText: string;
  /** The time, when `timeText` is a date-time with offset. */
  time: DateTime | null;
  /** The update's anchor (from its time), or null without a time. */
  id: string | null;
}

/** What the rule reads and writes in markdown-it's environment (renderBodyParts sets it). */
export interface LiveEnv {
  firstLine: number;
  live?: {
    /** The publisher's time zone: ids say the time readers see. */
    zone: string;
    /** Every level-2 heading, in order. */
    headings: UpdateHeading[];
    /** Deeper headings that start with a date: updates with a hash too many. */
    timedSubheadings: { line: number; level: number }[];
  };
}

/**
 * The time, a dash (—, – or a hyphen between spaces) if any, and the headline:
 * "2024-03-05T14:05+01:00 — Le cortège…" (an em or en dash may touch the time).
 */
const TIME_THEN_HEADLINE = /^\s*([^\s—–]+)\s*(?:[—–]|-(?=\s|$))?\s*/u;
/** What an editor who meant a time wrote first: a date, or a clock time (14:05, 14h05, 14 h 05). */
export const LOOKS_LIKE_A_TIME = /^\d{4}-\d{2}-\d{2}(?:T|$)|^\d{1,2}(?::|h|$)/;

/** The time part of an update heading's text, and where the headline starts. */
export function splitUpdateHeading(raw: string): { timeText: string; headlineStart: number } {
  const match = TIME_THEN_HEADLINE.exec(raw);
  return { timeText: match?.[1] ?? "", headlineStart: match?.[0].length ?? 0 };
}

const two = (n: number) => String(n).padStart(2, "0");

/** "maj-2024-03-05-14h05" (the publisher's day and time; seconds when there are any). */
export function updateId(time: DateTime, zone: string): string {
  const d = time.setZone(zone);
  const seconds = d.second === 0 ? "" : `m${two(d.second)}`;
  return `maj-${d.year}-${two(d.month)}-${two(d.day)}-${two(d.hour)}h${two(d.minute)}${seconds}`;
}

/** The core rule; does nothing outside live coverage. */
export function updateHeadingsRule(state: StateCore): void {
  const env = state.env as LiveEnv;
  if (!env.live) return;
  const { zone, headings } = env.live;
  const used = new Set<string>();
  state.tokens.forEach((token, index) => {
    if (token.type !== "heading_open") return;
    const inline = state.tokens[index + 1];
    if (inline?.type !== "inline") return;
    const line = (token.map?.[0] ?? 0) + env.firstLine;
    if (token.tag !== "h2" && /^\s*\d{4}-\d{2}-\d{2}T/.test(inline.content)) {
      env.live?.timedSubheadings.push({ line, level: Number(token.tag.slice(1)) });
    }
    // Top-level only: a heading in a quotation or a list is not where an update starts.
    if (token.tag !== "h2" || token.level !== 0) return;
    const raw = inline.content;
    const { timeText } = splitUpdateHeading(raw);
    const time = parseIsoWithOffset(timeText);
    let id: string | null = null;
    if (time) {
      // Two updates in one minute of an hour that happens twice (the autumn clock change).
      const base = updateId(time, zone);
      id = base;
      for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
      used.add(id);
      token.attrSet("id", id);
      // The headline alone is shown and typeset: the time goes from the first text.
      const first = inline.children?.[0];
      if (first?.type === "text") first.content = first.content.slice(splitUpdateHeading(first.content).headlineStart);
    }
    headings.push({ line, raw, timeText, time, id });
  });
}

/**
 * `npm run ping`: tells search engines and feed readers at once what the last build published,
 * from the build's own record (changes.ts), never by guessing:
 *  - IndexNow (https://www.indexnow.org/documentation): one POST of the pages the build added,
 *    changed or removed, as JSON {host, key, keyLocation, urlList}, at most 10,000 URLs each;
 *    the key file is at the site's root, published by the build (src/indexnow-key.njk);
 *  - WebSub (https://www.w3.org/TR/websub/): the hub the feeds name (<link rel="hub">) gets
 *    `hub.mode=publish` and a `hub.url` per feed that changed.
 * Off unless publisher.yaml has `ping`. A service that fails is a warning with its answer: the
 * site is published whatever a search engine says. A build that changed nothing sends nothing,
 * and what was sent for a build is not sent again.
 */
import { readFileSync } from "node:fs";
import { writeWhole } from "../input/write-whole.ts";
import { escapeControlCharacters } from "../text/control-characters.ts";
import type { BuildChanges } from "./changes.ts";

/** IndexNow takes at most this many URLs per request. */
export const INDEXNOW_BATCH = 10_000;
const TIMEOUT_MS = 15_000;

export interface PingOutcome {
  /** What was sent, or why nothing was, one line per service. */
  lines: string[];
  /** Services that failed, with their answer. */
  warnings: string[];
}

type Service = "indexnow" | "websub";
/** Per service, the build whose changes it was last sent. */
type Sent = Partial<Record<Service, string>>;

/** Where what was sent is remembered, beside the record. */
export function sentFile(changesFile: string): string {
  return changesFile.replace(/\.changes\.json$/, ".sent.json");
}

function readSent(file: string): Sent {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
    return parsed !== null && typeof parsed === "object" ? (parsed as Sent) : {};
  } catch {
    return {};
  }
}

function writeSent(file: string, sent: Sent): void {
  writeWhole(file, JSON.stringify(sent));
}

/** A host's answer as one line: its status and the start of what it said. */
async function answerOf(response: Response): Promise<string> {
  const body = (await response.text().catch(() => "")).replace(/\s+/g, " ").trim();
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  return escapeControlCharacters(
    body === "" ? status : `${status}: ${body.length > 200 ? `${body.slice(0, 197)}…` : body}`,
  );
}

/** A POST; its answer, or why there is none. */
async function post(url: string, contentType: string, body: string): Promise<{ ok: boolean; answer: string }> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": contentType },
      body,
      redirect: "follow",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { ok: response.ok, answer: await answerOf(response) };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    const reason =
      error instanceof Error
        ? error.name === "TimeoutError"
          ? `no answer in ${TIMEOUT_MS / 1000} s`
          : error.message
        : String(error);
    return { ok: false, answer: escapeControlCharacters(cause ? `${reason} (${cause})` : reason) };
  }
}

const hostOf = (url: string) => new URL(url).host;

/** The site's URLs only: what the record lists, checked once more. */
const onSite = (urls: readonly string[], site: string) => urls.filter((url) => url.startsWith(site));

/** The JSON body IndexNow documents for a set of URLs. */
export function indexNowBody(changes: BuildChanges, key: string, urls: readonly string[]): string {
  return JSON.stringify({
    host: hostOf(changes.site),
    key,
    keyLocation: `${changes.site}${key}.txt`,
    urlList: urls,
  });
}

/** The form body of a WebSub publish ping for `topics`. */
export function webSubBody(topics: readonly string[]): string {
  const form = new URLSearchParams([["hub.mode", "publish"], ...topics.map((topic) => ["hub.url", topic])]);
  return form.toString();
}

/** Sends what `changes` lists to the services its `ping` names; `sentAt` remembers what went. */
export async function ping(changes: BuildChanges, sentAt: string): Promise<PingOutcome> {
  const lines: string[] = [];
  const warnings: string[] = [];
  const { ping: settings } = changes;
  if (!settings || (!settings.indexnow && !settings.websub)) {
    return { lines: ["Ping: off (publisher.yaml has no ping settings); nothing sent."], warnings };
  }
  const sent = readSent(sentAt);
  const build = `the build of ${changes.builtAt}`;

  if (settings.indexnow) {
    const { key, endpoint } = settings.indexnow;
    const name = `IndexNow (${hostOf(endpoint)})`;
    const urls = onSite([...changes.pages, ...changes.removed], changes.site);
    if (urls.length === 0) {
      lines.push(`Ping: ${name}: ${build} changed no page; nothing sent.`);
    } else if (sent.indexnow === changes.id) {
      lines.push(`Ping: ${name}: already sent for ${build}; nothing sent.`);
    } else {
      let failed: string | undefined;
      let answer = "";
      for (let start = 0; start < urls.length && !failed; start += INDEXNOW_BATCH) {
        const batch = urls.slice(start, start + INDEXNOW_BATCH);
        const result = await post(endpoint, "application/json; charset=utf-8", indexNowBody(changes, key, batch));
        answer = result.answer;
        if (!result.ok) failed = result.answer;
      }
      if (failed) {
        warnings.push(
          `Warning: ping: ${name} answered ${failed}; nothing is lost: search engines will find the pages when they next crawl, or run npm run ping again`,
        );
      } else {
        sent.indexnow = changes.id;
        lines.push(`Ping: ${name}: ${urls.length} URL${urls.length === 1 ? "" : "s"} sent (${answer}).`);
      }
    }
  }

  if (settings.websub) {
    const { hub } = settings.websub;
    const name = `WebSub hub (${hostOf(hub)})`;
    const feeds = onSite(changes.feeds, changes.site);
    if (feeds.length === 0) {
      lines.push(`Ping: ${name}: ${build} changed no feed; nothing sent.`);
    } else if (sent.websub === changes.id) {
      lines.push(`Ping: ${name}: already sent for ${build}; nothing sent.`);
    } else {
      const result = await post(hub, "application/x-www-form-urlencoded", webSubBody(feeds));
      if (!result.ok) {
        warnings.push(
          `Warning: ping: ${name} answered ${result.answer}; nothing is lost: feed readers will see the new entries when they next poll, or run npm run ping again`,
        );
      } else {
        sent.websub = changes.id;
        lines.push(`Ping: ${name}: ${feeds.length} feed${feeds.length === 1 ? "" : "s"} announced (${result.answer}).`);
      }
    }
  }
  writeSent(sentAt, sent);
  return { lines, warnings };
}

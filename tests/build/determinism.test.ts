/**
 * Same sources → byte-identical dist/, whatever the machine's time zone, locale or date:
 * anything that depends on "now" takes SOURCE_DATE_EPOCH (scripts/input/build-time.ts).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildSite, normalizeText, ROOT, readPage } from "../helpers/build.ts";
import { hashTree } from "../helpers/tree.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
const SHIFT_CLOCK = path.join(ROOT, "tests/helpers/shift-clock.mjs");
const DAY = 24 * 60 * 60 * 1000;
// 2024-06-01T00:00:00Z: one fixed "now" for both builds.
const SOURCE_DATE_EPOCH = "1717200000";

/** A build pretending to run in another zone and locale, `days` after today. */
const environment = (tz: string, lang: string, days: number): NodeJS.ProcessEnv => ({
  TZ: tz,
  LANG: lang,
  LC_ALL: lang,
  SOURCE_DATE_EPOCH,
  SHIFT_CLOCK_MS: String(days * DAY),
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${SHIFT_CLOCK}`.trim(),
});

const sites: BuiltSite[] = [];
afterAll(() => {
  for (const site of sites) site.cleanup();
});

describe("deterministic output", () => {
  let paris: BuiltSite;
  let auckland: BuiltSite;
  beforeAll(() => {
    const sources = { articles: path.join(FIXTURE, "articles"), data: path.join(FIXTURE, "data") };
    paris = buildSite({ ...sources, env: environment("UTC", "C", 0) });
    sites.push(paris);
    // Another hemisphere, another locale, 200 days later (across a daylight-saving change).
    auckland = buildSite({ ...sources, env: environment("Pacific/Auckland", "en_US.UTF-8", 200) });
    sites.push(auckland);
  });

  it("the clock shift really moves a build's clock (so the test below can fail)", () => {
    const script =
      "console.log(JSON.stringify([Date.now(), new Date().getTime(), new Date(0).getTime(), typeof Date()]))";
    const run = (days: number) =>
      JSON.parse(
        spawnSync(process.execPath, ["-e", script], {
          env: { ...process.env, ...environment("UTC", "C", days) },
          encoding: "utf8",
        }).stdout,
      ) as [number, number, number, string];
    const [today, later] = [run(0), run(200)];
    expect(later[0] - today[0]).toBeGreaterThan(199 * DAY);
    expect(later[1] - today[1]).toBeGreaterThan(199 * DAY);
    expect(later[2]).toBe(0);
    expect(later[3]).toBe("string");
  });

  it("is byte-identical across time zones, locales and days", () => {
    const first = hashTree(paris.outDir);
    expect(Object.keys(first).length).toBeGreaterThan(5);
    expect(hashTree(auckland.outDir)).toEqual(first);
  });

  it("shows publication times in the publisher's zone, not the machine's", () => {
    const time = readPage(auckland.outDir, "/culture/un-roman-prime/").querySelector("article time");
    expect(time?.getAttribute("datetime")).toBe("2024-03-02T12:00:00+01:00");
    expect(normalizeText(time?.textContent)).toBe("samedi 2 mars 2024 à 12 h 00");
  });
});

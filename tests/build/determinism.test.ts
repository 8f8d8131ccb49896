/**
 * Same sources → byte-identical dist/, whatever the machine's time zone, locale or date:
 * anything that depends on "now" takes SOURCE_DATE_EPOCH (scripts/input/environment.ts), and
 * nothing reads the machine's zone. The sources add to the newsroom articles dated where zones
 * are odd: before 1900 (Paris kept its local mean time, +00:09:21), at midnight on the 1st, at
 * the end of a month and of a leap February, inside the hour a daylight-saving change skips and
 * the one it repeats.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildSite, makeTempDir, normalizeText, ROOT, readPage } from "../helpers/build.ts";
import { runBuildAsync } from "../helpers/spawn-build.ts";
import { hashTree } from "../helpers/tree.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/newsroom");
const SHIFT_CLOCK = path.join(ROOT, "tests/helpers/shift-clock.mjs");
const DAY = 24 * 60 * 60 * 1000;
// 2024-06-01T00:00:00Z: one fixed "now" for both builds.
const SOURCE_DATE_EPOCH = "1717200000";

/** Articles (file date, slug, front matter date) at the edges of months, years, zones and daylight saving. */
const ODD_DATES: [string, string, string][] = [
  ["1850-01-01", "minuit-cinq-en-1850", "1850-01-01T00:05:00+00:09"],
  ["1899-12-31", "derniere-minute-du-siecle", "1899-12-31T23:59:00+00:09"],
  ["1911-03-11", "paris-quitte-son-heure", "1911-03-11T00:01:00Z"],
  ["2024-02-29", "fin-de-fevrier-bissextile", "2024-02-29T23:59:00+01:00"],
  ["2024-03-31", "heure-d-ete-sautee", "2024-03-31T02:30:00+01:00"],
  ["2023-10-29", "heure-d-hiver-repetee", "2023-10-29T02:30:00+01:00"],
  ["2024-05-01", "minuit-le-premier-mai", "2024-05-01T00:00:00+02:00"],
  ["2023-12-30", "deja-2023-12-31-a-kiritimati", "2023-12-31T10:00:00+14:00"],
];

/** The newsroom and the odd-dated articles, in a temporary folder. */
function oddSources(): { articles: string; data: string } {
  const dir = makeTempDir("news-dates-");
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(path.join(dir, "articles/international"), { recursive: true });
  for (const [day, slug, date] of ODD_DATES) {
    writeFileSync(
      path.join(dir, "articles/international", `${day}-${slug}.md`),
      `---\ntitle: "${slug}"\nstandfirst: Daté ${date}.\ndate: ${date}\nsection: international\nauthor: La Rédaction\ntags: [Dates]\n---\n\nPublié le ${date}.\n`,
    );
  }
  return { articles: path.join(dir, "articles"), data: path.join(dir, "data") };
}

/** A build pretending to run in another zone and locale, `days` after today. */
const environment = (tz: string, lang: string, days: number): NodeJS.ProcessEnv => ({
  TZ: tz,
  LANG: lang,
  LC_ALL: lang,
  SOURCE_DATE_EPOCH,
  SHIFT_CLOCK_MS: String(days * DAY),
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${SHIFT_CLOCK}`.trim(),
});

/**
 * Zones whose offsets are odd, or were: +14:00 and a day skipped in 1994 (Kiritimati), half an
 * hour behind (St John's), +05:45 (Kathmandu), local mean time -00:43:08 until 1972 (Monrovia).
 */
const ODD_ZONES: [string, string, number][] = [
  ["Pacific/Kiritimati", "tr_TR.UTF-8", 1],
  ["America/St_Johns", "fr_CA.UTF-8", 40],
  ["Asia/Kathmandu", "ne_NP.UTF-8", 90],
  ["Africa/Monrovia", "C.UTF-8", 300],
];

const sites: BuiltSite[] = [];
afterAll(() => {
  for (const site of sites) site.cleanup();
});

describe("deterministic output", () => {
  let paris: BuiltSite;
  let auckland: BuiltSite;
  let sources: { articles: string; data: string };
  beforeAll(() => {
    sources = oddSources();
    paris = buildSite({ ...sources, env: environment("UTC", "C", 0) });
    sites.push(paris);
    // Another hemisphere, another locale, 200 days later (across a daylight-saving change).
    auckland = buildSite({ ...sources, env: environment("Pacific/Auckland", "en_US.UTF-8", 200) });
    sites.push(auckland);
  });
  afterAll(() => {
    if (sources) rmSync(path.dirname(sources.articles), { recursive: true, force: true });
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

  it.concurrent.each(ODD_ZONES)("is byte-identical when the machine is in %s (%s)", async (zone, lang, days) => {
    const outDir = path.join(makeTempDir("news-zone-"), "dist");
    try {
      const args = ["--quiet", "--out", outDir, "--articles", sources.articles, "--data", sources.data];
      const run = await runBuildAsync(args, environment(zone, lang, days));
      expect(run.stderr).toBe("");
      expect(hashTree(outDir)).toEqual(hashTree(paris.outDir));
    } finally {
      rmSync(path.dirname(outDir), { recursive: true, force: true });
    }
  });

  it("files each odd date under its month in the publisher's zone", () => {
    const archive = readPage(paris.outDir, "/archives/");
    const months = [...archive.querySelectorAll(".archive-year li a")].map((a) => [
      a.getAttribute("href"),
      a.textContent,
    ]);
    expect(months).toEqual(
      expect.arrayContaining([
        ["/archives/1850/01/", "janvier 1850"],
        ["/archives/1899/12/", "décembre 1899"],
        ["/archives/1911/03/", "mars 1911"],
        ["/archives/2024/02/", "février 2024"],
        ["/archives/2023/12/", "décembre 2023"],
        ["/archives/2024/05/", "mai 2024"],
      ]),
    );
  });

  it("writes a time of local mean time exactly, in UTC, and shows it in the zone's clock", () => {
    const time = readPage(paris.outDir, "/international/minuit-cinq-en-1850/").querySelector("article time");
    // 00:05 at +00:09 is 23:56 UTC; Paris's clock then read 00:05:21.
    expect(time?.getAttribute("datetime")).toBe("1849-12-31T23:56:00Z");
    expect(normalizeText(time?.textContent)).toBe("mardi 1er janvier 1850 à 0 h 05");
    const skipped = readPage(paris.outDir, "/international/heure-d-ete-sautee/").querySelector("article time");
    expect(skipped?.getAttribute("datetime")).toBe("2024-03-31T03:30:00+02:00");
  });

  it("shows publication times in the publisher's zone, not the machine's", () => {
    const time = readPage(auckland.outDir, "/culture/un-roman-prime/").querySelector("article time");
    expect(time?.getAttribute("datetime")).toBe("2024-03-02T12:00:00+01:00");
    expect(normalizeText(time?.textContent)).toBe("samedi 2 mars 2024 à 12 h 00");
  });
});

import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { normalisePathPrefix, readEnvironment } from "../../../scripts/input/environment.ts";
import { problemLinesOf } from "../../helpers/problems.ts";

/** The problem lines a bad environment gives. */
const problems = (env: NodeJS.ProcessEnv) => problemLinesOf(() => readEnvironment(env));

describe("readEnvironment: SOURCE_DATE_EPOCH", () => {
  it("uses SOURCE_DATE_EPOCH when set, in UTC", () => {
    const { buildTime } = readEnvironment({ SOURCE_DATE_EPOCH: "1681819500" });
    expect(buildTime.toISO()).toBe("2023-04-18T12:05:00.000Z");
    expect(buildTime.zoneName).toBe("UTC");
  });

  it("falls back to the current time", () => {
    const before = DateTime.utc().toMillis();
    const now = readEnvironment({}).buildTime.toMillis();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now - before).toBeLessThan(5_000);
    expect(readEnvironment({ SOURCE_DATE_EPOCH: "" }).buildTime.isValid).toBe(true);
  });

  it.each(["2023-04-18", "-5", "1.5", "99999999999999999999"])(
    "refuses SOURCE_DATE_EPOCH=%j in one line naming it",
    (value) => {
      expect(problems({ SOURCE_DATE_EPOCH: value })).toEqual([
        expect.stringMatching(
          new RegExp(
            `^environment: SOURCE_DATE_EPOCH: "${value.replace(/[.]/g, "\\.")}" is not a whole number of seconds .*; expected`,
          ),
        ),
      ]);
    },
  );
});

describe("readEnvironment: SITE_URL and PATH_PREFIX", () => {
  it.each([
    [undefined, "/"],
    ["", "/"],
    ["/", "/"],
    ["actu", "/actu/"],
    ["/actu", "/actu/"],
    ["/actu/", "/actu/"],
    ["/fr/actu/", "/fr/actu/"],
  ])("reads PATH_PREFIX=%j as %j", (value, expected) => {
    expect(readEnvironment(value === undefined ? {} : { PATH_PREFIX: value }).pathPrefix).toBe(expected);
    expect(normalisePathPrefix(value ?? "")).toBe(expected);
  });

  it.each(["/a b/", "/../", "/actu?x=1", "/é/"])("refuses PATH_PREFIX=%j, naming the variable", (value) => {
    expect(problems({ PATH_PREFIX: value })).toEqual([
      expect.stringMatching(/^environment: PATH_PREFIX: .* is not a URL path; expected/),
    ]);
  });

  it("reads SITE_URL's origin", () => {
    expect(readEnvironment({ SITE_URL: "http://localhost:8080/" }).siteOrigin).toBe("http://localhost:8080");
    expect(readEnvironment({}).siteOrigin).toBeUndefined();
  });

  it("refuses a SITE_URL with a path and says to use PATH_PREFIX", () => {
    expect(problems({ SITE_URL: "https://exemple.github.io/actu" })).toEqual([
      expect.stringMatching(/^environment: SITE_URL: .*PATH_PREFIX=\/actu/),
    ]);
  });

  it.each(["exemple.fr", "ftp://exemple.fr", "https://exemple.fr/?q=1"])("refuses SITE_URL=%j", (value) => {
    expect(problems({ SITE_URL: value })).toEqual([expect.stringMatching(/^environment: SITE_URL: /)]);
  });

  it("reports every bad variable at once", () => {
    expect(
      problems({ SITE_URL: "nope", PATH_PREFIX: "/a b/", SOURCE_DATE_EPOCH: "x" }).map((line) =>
        line.split(":")[1]?.trim(),
      ),
    ).toEqual(["SITE_URL", "PATH_PREFIX", "SOURCE_DATE_EPOCH"]);
  });
});

describe("readEnvironment: IMAGE_CACHE_DIR", () => {
  it("defaults to .cache/images under the working directory, and resolves a given folder", () => {
    expect(readEnvironment({}, "/projet").imageCacheDir).toBe("/projet/.cache/images");
    expect(readEnvironment({ IMAGE_CACHE_DIR: "cache" }, "/projet").imageCacheDir).toBe("/projet/cache");
  });
});

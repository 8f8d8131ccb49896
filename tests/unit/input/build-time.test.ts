import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { buildTime } from "../../../scripts/input/build-time.ts";

describe("buildTime", () => {
  it("uses SOURCE_DATE_EPOCH when set, in UTC", () => {
    const now = buildTime({ SOURCE_DATE_EPOCH: "1681819500" });
    expect(now.toISO()).toBe("2023-04-18T12:05:00.000Z");
    expect(now.zoneName).toBe("UTC");
  });

  it("falls back to the current time", () => {
    const before = DateTime.utc().toMillis();
    const now = buildTime({}).toMillis();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now - before).toBeLessThan(5_000);
    expect(buildTime({ SOURCE_DATE_EPOCH: "" }).isValid).toBe(true);
  });

  it("rejects a value that is not a whole number of seconds", () => {
    expect(() => buildTime({ SOURCE_DATE_EPOCH: "2023-04-18" })).toThrow(/SOURCE_DATE_EPOCH: "2023-04-18" is not/);
    expect(() => buildTime({ SOURCE_DATE_EPOCH: "-5" })).toThrow(/SOURCE_DATE_EPOCH/);
  });
});

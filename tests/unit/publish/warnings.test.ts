import { afterEach, describe, expect, it, vi } from "vitest";
import { captureWarnings, isTimingNotice } from "../../../scripts/publish/warnings.ts";

afterEach(() => vi.restoreAllMocks());

describe("captureWarnings", () => {
  it("collects and still prints warnings, drops Eleventy's timing notices, and restores console.warn", () => {
    const printed = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const capture = captureWarnings();
    console.warn("[11ty] Benchmark    109ms  13%     5× (Configuration) Transform");
    console.warn("\u001b[33mun avertissement\u001b[39m", 2);
    capture.stop();
    console.warn("after");
    expect(capture.warnings).toEqual(["un avertissement 2"]);
    expect(printed.mock.calls.map((call) => call[0])).toEqual(["\u001b[33mun avertissement\u001b[39m", "after"]);
  });

  it("recognises timing notices with or without colours", () => {
    expect(isTimingNotice("\u001b[33m[11ty] Benchmark   3000ms  40%  1× (Data) x\u001b[39m")).toBe(true);
    expect(isTimingNotice("[11ty] Something else")).toBe(false);
  });
});

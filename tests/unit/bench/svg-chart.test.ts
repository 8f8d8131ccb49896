import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { buildTimeChart, niceStep } from "../../../scripts/bench/svg-chart.ts";

describe("buildTimeChart", () => {
  const svg = buildTimeChart([
    {
      name: "ce site",
      color: "#b3001b",
      points: [
        { n: 4000, seconds: 9 },
        { n: 1000, seconds: 3 },
      ],
    },
    {
      name: "Hugo <minify>",
      color: "#2e7d32",
      points: [
        { n: 1000, seconds: 1 },
        { n: 4000, seconds: 3.8 },
      ],
    },
  ]);
  const document = parseHTML(svg).document;

  it("draws one line per series, points in order of N, with a legend", () => {
    const lines = [...document.querySelectorAll("polyline")].map(
      (line) => line.getAttribute("points")?.split(" ") ?? [],
    );
    expect(lines).toHaveLength(2);
    const xs = lines[0]!.map((point) => Number(point.split(",")[0]));
    expect(xs[0]).toBeLessThan(xs[1]!);
    expect(svg).toContain("Hugo &lt;minify&gt;");
  });

  it("has an accessible title", () => {
    expect(document.querySelector("svg")?.getAttribute("role")).toBe("img");
    expect(document.querySelector("title")?.textContent).toContain("Temps de build");
  });

  it("uses round tick steps", () => {
    expect(niceStep(9)).toBe(2);
    expect(niceStep(10000)).toBe(2000);
  });
});

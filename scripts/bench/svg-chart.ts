/** A small SVG line chart of build time against the number of articles. No dependency needed. */
import { escapeXml } from "../text/xml.ts";

export interface ChartSeries {
  name: string;
  color: string;
  points: { n: number; seconds: number }[];
}

// The legend takes the last 210 px: "ce site, modif. du corps" needs about 160.
const WIDTH = 700;
const HEIGHT = 360;
const MARGIN = { top: 40, right: 210, bottom: 50, left: 60 };

/** 1, 2, 5, 10, 20, 50…: a round step giving about `count` ticks up to `max`. */
export function niceStep(max: number, count = 5): number {
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw);
  return step ?? 10 * magnitude;
}

const round = (value: number) => Math.round(value * 10) / 10;

export function buildTimeChart(
  series: readonly ChartSeries[],
  title = "Temps de build selon le nombre d’articles",
): string {
  const all = series.flatMap((s) => s.points);
  const maxN = Math.max(1, ...all.map((p) => p.n));
  const maxSecondsRaw = Math.max(1, ...all.map((p) => p.seconds));
  const yStep = niceStep(maxSecondsRaw);
  const maxSeconds = Math.ceil(maxSecondsRaw / yStep) * yStep;
  const xStep = niceStep(maxN);
  const maxX = Math.ceil(maxN / xStep) * xStep;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (n: number) => round(MARGIN.left + (n / maxX) * plotW);
  const y = (s: number) => round(MARGIN.top + plotH - (s / maxSeconds) * plotH);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="chart-title" font-family="sans-serif" font-size="12">`,
    `<title id="chart-title">${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (let s = 0; s <= maxSeconds + 1e-9; s += yStep) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(s)}" y2="${y(s)}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 8}" y="${y(s) + 4}" text-anchor="end">${round(s)}</text>`,
    );
  }
  for (let n = 0; n <= maxX; n += xStep) {
    parts.push(`<text x="${x(n)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${n}</text>`);
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH}" stroke="#333"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">articles</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">secondes (médiane)</text>`,
  );
  series.forEach((line, index) => {
    const points = [...line.points].sort((a, b) => a.n - b.n);
    if (points.length > 0) {
      parts.push(
        `<polyline fill="none" stroke="${line.color}" stroke-width="2.5" points="${points.map((p) => `${x(p.n)},${y(p.seconds)}`).join(" ")}"/>`,
        ...points.map(
          (p) =>
            `<circle cx="${x(p.n)}" cy="${y(p.seconds)}" r="4" fill="${line.color}"><title>${escapeXml(line.name)} : ${p.n} articles, ${p.seconds.toFixed(1)} s</title></circle>`,
        ),
      );
    }
    const legendY = MARGIN.top + 10 + index * 22;
    parts.push(
      `<line x1="${WIDTH - MARGIN.right + 16}" x2="${WIDTH - MARGIN.right + 40}" y1="${legendY}" y2="${legendY}" stroke="${line.color}" stroke-width="3"/>`,
      `<text x="${WIDTH - MARGIN.right + 46}" y="${legendY + 4}">${escapeXml(line.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}

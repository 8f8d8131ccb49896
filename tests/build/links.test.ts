/** linkinator over a freshly built site: every internal link and #fragment resolves. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLinks } from "../../scripts/publish/check-links.ts";
import { type BuiltSite, buildSite } from "../helpers/build.ts";

let site: BuiltSite;
beforeAll(() => {
  site = buildSite();
});
afterAll(() => site?.cleanup());

describe("links", () => {
  it("has no broken internal link or fragment in the built site", async () => {
    const report = await checkLinks(site.outDir);
    expect(report.broken.map((link) => `${link.url} on ${link.parent}`)).toEqual([]);
    expect(report.checked).toBeGreaterThan(5);
  });

  it("catches a broken fragment (the check can fail)", async () => {
    writeFileSync(
      path.join(site.outDir, "extra.html"),
      '<!doctype html><title>x</title><a href="/#absent">x</a><a href="/nulle-part/">y</a>',
    );
    const report = await checkLinks(site.outDir);
    expect(report.broken.map((link) => link.url).sort()).toEqual(
      expect.arrayContaining([expect.stringContaining("#absent"), expect.stringContaining("nulle-part")]),
    );
  });
});

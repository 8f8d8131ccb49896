/** linkinator over a freshly built site: every internal link and #fragment resolves. */
import { mkdirSync, writeFileSync } from "node:fs";
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
    expect(report.broken.map((link) => `${link.url} on ${link.page}`)).toEqual([]);
    expect(report.checked).toBeGreaterThan(5);
  });

  it("names the page that holds each broken link or fragment, in a site where every page links home", async () => {
    const page = (links: string) => `<!doctype html><html lang="fr"><title>x</title><h2 id="ici">x</h2>${links}</html>`;
    writeFileSync(
      path.join(site.outDir, "extra.html"),
      page('<a href="/#absent">x</a><a href="/nulle-part/">y</a><a href="#ici">ok</a><a href="#">haut</a>'),
    );
    mkdirSync(path.join(site.outDir, "autre"));
    writeFileSync(
      path.join(site.outDir, "autre", "index.html"),
      page(
        '<a href="#pas-ici">z</a><a href="/extra.html#ici">ok</a><a href="/extra.html#pas-la">w</a><a href="/">home</a>',
      ),
    );
    const report = await checkLinks(site.outDir);
    expect(report.broken.map(({ page, url }) => `${page}: ${url}`)).toEqual([
      "autre/index.html: /autre/#pas-ici",
      "autre/index.html: /extra.html#pas-la",
      "extra.html: /#absent",
      "extra.html: /nulle-part/",
    ]);
    expect(report.broken.find((link) => link.url === "/#absent")?.reason).toBe("no element with this id on /");
    expect(report.broken.find((link) => link.url === "/nulle-part/")?.reason).toBe("404");
  });
});

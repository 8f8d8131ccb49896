import { describe, expect, it } from "vitest";
import { resolvePathPrefix, resolveSiteUrl } from "../../../scripts/input/site-url.ts";

describe("resolvePathPrefix", () => {
  it.each([
    [undefined, "/"],
    ["", "/"],
    ["/", "/"],
    ["actu", "/actu/"],
    ["/actu", "/actu/"],
    ["/actu/", "/actu/"],
    ["/fr/actu/", "/fr/actu/"],
  ])("reads PATH_PREFIX=%j as %j", (value, expected) => {
    expect(resolvePathPrefix(value === undefined ? {} : { PATH_PREFIX: value })).toBe(expected);
  });

  it.each(["/a b/", "/../", "/actu?x=1", "/é/"])("rejects %j, naming the variable", (value) => {
    expect(() => resolvePathPrefix({ PATH_PREFIX: value })).toThrow(/^PATH_PREFIX: /);
  });
});

describe("resolveSiteUrl", () => {
  it("uses the publisher's url and no prefix by default", () => {
    const site = resolveSiteUrl("https://www.exemple.fr", {});
    expect(site.base).toBe("https://www.exemple.fr/");
    expect(site.absolute("/international/un-titre/")).toBe("https://www.exemple.fr/international/un-titre/");
  });

  it("lets SITE_URL and PATH_PREFIX override it, and puts the prefix in every absolute URL", () => {
    const site = resolveSiteUrl("https://www.exemple.fr/", { SITE_URL: "http://localhost:8080/", PATH_PREFIX: "/actu/" });
    expect(site.origin).toBe("http://localhost:8080");
    expect(site.pathPrefix).toBe("/actu/");
    expect(site.absolute("/")).toBe("http://localhost:8080/actu/");
    expect(site.absolute("/sitemap.xml")).toBe("http://localhost:8080/actu/sitemap.xml");
  });

  it("refuses a SITE_URL with a path and says to use PATH_PREFIX", () => {
    expect(() => resolveSiteUrl("https://www.exemple.fr", { SITE_URL: "https://exemple.github.io/actu" })).toThrow(
      /SITE_URL: .*PATH_PREFIX=\/actu/,
    );
  });

  it.each(["exemple.fr", "ftp://exemple.fr", "https://exemple.fr/?q=1"])("refuses SITE_URL=%j", (value) => {
    expect(() => resolveSiteUrl("https://www.exemple.fr", { SITE_URL: value })).toThrow(/^SITE_URL: /);
  });

  it("only makes root-relative URLs absolute", () => {
    const site = resolveSiteUrl("https://www.exemple.fr", {});
    expect(() => site.absolute("international/")).toThrow(/root-relative/);
    expect(() => site.absolute("//evil.example/")).toThrow(/root-relative/);
  });
});

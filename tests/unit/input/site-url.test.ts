import { describe, expect, it } from "vitest";
import { resolveSiteUrl } from "../../../scripts/input/site-url.ts";

describe("resolveSiteUrl", () => {
  it("uses the publisher's url and no prefix by default", () => {
    const site = resolveSiteUrl("https://www.exemple.fr", { siteOrigin: undefined, pathPrefix: "/" });
    expect(site.base).toBe("https://www.exemple.fr/");
    expect(site.absolute("/international/un-titre/")).toBe("https://www.exemple.fr/international/un-titre/");
  });

  it("lets SITE_URL's origin and PATH_PREFIX override it, and puts the prefix in every absolute URL", () => {
    const site = resolveSiteUrl("https://www.exemple.fr/", {
      siteOrigin: "http://localhost:8080",
      pathPrefix: "/actu/",
    });
    expect(site.origin).toBe("http://localhost:8080");
    expect(site.pathPrefix).toBe("/actu/");
    expect(site.absolute("/")).toBe("http://localhost:8080/actu/");
    expect(site.absolute("/sitemap.xml")).toBe("http://localhost:8080/actu/sitemap.xml");
  });

  it("only makes root-relative URLs absolute", () => {
    const site = resolveSiteUrl("https://www.exemple.fr", { siteOrigin: undefined, pathPrefix: "/" });
    expect(() => site.absolute("international/")).toThrow(/root-relative/);
    expect(() => site.absolute("//evil.example/")).toThrow(/root-relative/);
  });
});

import { describe, expect, it } from "vitest";
import { MAX_URL_LENGTH, refusedRequest } from "../../../scripts/eleventy/preview-server.ts";

describe("refusedRequest", () => {
  it.each([
    "/",
    "/international/sommet-a-geneve/",
    "/assets/site.0123456789.css",
    "/%C3%A9t%C3%A9/",
    "/recherche?q=%ff",
    "/.11ty/reload-client.js",
    "/a..b/..c/",
  ])("lets %s through", (url) => {
    expect(refusedRequest("GET", url)).toBeNull();
    expect(refusedRequest("HEAD", url)).toBeNull();
  });

  it.each([
    ["/%ff", 400, "malformed percent-encoding"],
    ["/%", 400, "malformed percent-encoding"],
    ["/%E0%A4%A", 400, "malformed percent-encoding"],
    ["/..%2fsecret", 400, "a .. segment in the path"],
    ["/%2e%2e/secret", 400, "a .. segment in the path"],
    ["/../secret", 400, "a .. segment in the path"],
    ["/a/..%5c..%5csecret", 400, "a .. segment in the path"],
    ["/a%00b", 400, "a NUL character in the path"],
    ["*", 400, "expected a path starting with /"],
    ["http://example.org/", 400, "expected a path starting with /"],
    [`/${"a".repeat(MAX_URL_LENGTH)}`, 414, `longer than ${MAX_URL_LENGTH} characters`],
  ])("refuses %s", (url, status, reason) => {
    expect(refusedRequest("GET", url)).toEqual({ status, reason });
  });

  it("answers only GET and HEAD", () => {
    for (const method of ["POST", "PUT", "DELETE", "PROPFIND", "OPTIONS", "CONNECT", undefined]) {
      expect(refusedRequest(method, "/")).toEqual({ status: 405, reason: "only GET and HEAD are answered" });
    }
  });
});

import { describe, expect, it } from "vitest";
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicyHeader,
  headersFile,
  PREVIEW_CONTENT_SECURITY_POLICY,
  REFERRER_POLICY,
  searchContentSecurityPolicy,
} from "../../../scripts/output/security-headers.ts";
import { parseHeadersFile } from "../../helpers/headers-file.ts";

const directives = (policy: string) => policy.split(";").map((d) => d.trim());

describe("the content security policy", () => {
  it("forbids scripts and every load from another origin", () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy).toContain("default-src 'none'");
    expect(policy.filter((d) => d.startsWith("script-src"))).toEqual([]);
    for (const directive of policy.slice(1)) expect(directive).toMatch(/ '(self|none)'$/);
  });

  it("lets the preview's pages run scripts and open connections from their own origin only", () => {
    expect(directives(PREVIEW_CONTENT_SECURITY_POLICY)).toEqual([
      ...directives(CONTENT_SECURITY_POLICY),
      "script-src 'self'",
      "connect-src 'self'",
    ]);
  });

  it("lets forms submit only to the site itself (the header's search form)", () => {
    expect(directives(CONTENT_SECURITY_POLICY)).toContain("form-action 'self'");
  });

  it("lets the search page run its own script and fetch the index, and nothing more: no inline script, eval, wasm or worker", () => {
    const policy = directives(searchContentSecurityPolicy());
    expect(policy).toEqual([...directives(CONTENT_SECURITY_POLICY), "script-src 'self'", "connect-src 'self'"]);
    expect(policy.join(" ")).not.toMatch(/unsafe|wasm|worker|blob:|data:/);
  });

  it("lets the search page's form reach the outside engine publisher.yaml names, and no other", () => {
    expect(directives(searchContentSecurityPolicy("https://duckduckgo.com"))).toContain(
      "form-action 'self' https://duckduckgo.com",
    );
  });

  it("adds frame-ancestors only to the header, where browsers honour it", () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain("frame-ancestors");
    expect(directives(contentSecurityPolicyHeader())).toEqual([
      ...directives(CONTENT_SECURITY_POLICY),
      "frame-ancestors 'none'",
    ]);
  });

  it("allows in the header what the search page needs only while search is on", () => {
    expect(directives(contentSecurityPolicyHeader({ enabled: true }))).toEqual([
      ...directives(searchContentSecurityPolicy()),
      "frame-ancestors 'none'",
    ]);
  });
});

describe("headersFile", () => {
  const rules = parseHeadersFile(headersFile());

  it("sends the same policy, nosniff and the referrer policy with every file", () => {
    const all = rules.get("/*");
    expect(all?.get("Content-Security-Policy")).toBe(contentSecurityPolicyHeader());
    expect(all?.get("X-Content-Type-Options")).toBe("nosniff");
    expect(all?.get("Referrer-Policy")).toBe(REFERRER_POLICY);
  });

  it("caches only the content-hashed stylesheet for a year", () => {
    expect(rules.get("/assets/site.*.css")?.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const cached = [...rules].filter(([, headers]) => headers.has("Cache-Control")).map(([pattern]) => pattern);
    expect(cached).toEqual(["/assets/site.*.css"]);
  });

  it("never sets one header in two rules (hosts would join the values)", () => {
    const names = [...rules.values()].flatMap((headers) => [...headers.keys()]);
    expect(new Set(names).size).toBe(names.length);
  });
});

import { describe, expect, it } from "vitest";
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_HEADER,
  headersFile,
  PREVIEW_CONTENT_SECURITY_POLICY,
  REFERRER_POLICY,
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

  it("adds frame-ancestors only to the header, where browsers honour it", () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain("frame-ancestors");
    expect(directives(CONTENT_SECURITY_POLICY_HEADER)).toEqual([
      ...directives(CONTENT_SECURITY_POLICY),
      "frame-ancestors 'none'",
    ]);
  });
});

describe("headersFile", () => {
  const rules = parseHeadersFile(headersFile());

  it("sends the same policy, nosniff and the referrer policy with every file", () => {
    const all = rules.get("/*");
    expect(all?.get("Content-Security-Policy")).toBe(CONTENT_SECURITY_POLICY_HEADER);
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

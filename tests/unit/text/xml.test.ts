import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { escapeXml, xmlElement } from "../../../scripts/text/xml.ts";

describe("escapeXml", () => {
  it("escapes markup and drops characters XML cannot carry, so the text parses back", () => {
    const text = `a < b & "c" > 'd' \u0001\u000B é 😀`;
    const escaped = escapeXml(text);
    expect(escaped).toBe("a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;  é 😀");
    const parsed = new XMLParser({ processEntities: true }).parse(`<t>${escaped}</t>`);
    expect(parsed.t).toBe(`a < b & "c" > 'd'  é 😀`);
  });

  it("writes nothing for an absent value", () => {
    expect(xmlElement("lastmod", undefined)).toBe("");
    expect(xmlElement("loc", "a&b")).toBe("<loc>a&amp;b</loc>");
  });
});

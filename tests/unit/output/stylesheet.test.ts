import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { StylesheetBuilder } from "../../../scripts/output/stylesheet.ts";
import { useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("stylesheet-");
const css = () => path.join(tempDir(), "site.css");

describe("StylesheetBuilder", () => {
  it("minifies the stylesheet and names it by the hash of what it serves", () => {
    writeFileSync(css(), "body {\n  color: #111111;\n}\n\n/* a comment */\n");
    const stylesheet = new StylesheetBuilder(css()).build();
    expect(stylesheet.css).toBe("body{color:#111}");
    expect(stylesheet.url).toMatch(/^\/assets\/site\.[0-9a-f]{10}\.css$/);
  });

  it("gives a new name when the stylesheet changes, and the same for the same bytes", () => {
    const builder = new StylesheetBuilder(css());
    writeFileSync(css(), "p { margin: 0 }");
    const first = builder.build();
    writeFileSync(css(), "p { margin: 1px }");
    const second = builder.build();
    writeFileSync(css(), "p { margin: 0 }");
    expect(second.url).not.toBe(first.url);
    expect(builder.build().url).toBe(first.url);
  });

  it("keeps the minified stylesheet on disk, and never trusts a damaged copy", () => {
    writeFileSync(css(), "p { margin: 0 }");
    const cacheDir = path.join(tempDir(), "cache");
    const first = new StylesheetBuilder(css(), cacheDir).build();
    const [cached = ""] = readdirSync(path.join(cacheDir, "stylesheets"));
    expect(new StylesheetBuilder(css(), cacheDir).build()).toEqual(first);
    writeFileSync(path.join(cacheDir, "stylesheets", cached), `${"0".repeat(64)}\np{margin:9px}`);
    expect(new StylesheetBuilder(css(), cacheDir).build()).toEqual(first);
  });

  it("names the file when the stylesheet cannot be read", () => {
    expect(() => new StylesheetBuilder(path.join(tempDir(), "absent.css")).build()).toThrow(/absent\.css/);
  });
});

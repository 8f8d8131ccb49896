import { execFileSync } from "node:child_process";
import { linkSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { PagePrint } from "../../../scripts/lists/page-fingerprints.ts";
import {
  checkKeptFiles,
  checkKeptPages,
  describeFile,
  describePage,
  pageFile,
} from "../../../scripts/publish/kept-pages.ts";
import {
  GLOBAL_CHANGED,
  type Manifest,
  manifestFile,
  readManifest,
  writeManifest,
} from "../../../scripts/publish/manifest.ts";
import { useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("manifest-");
const page = (url: string): PagePrint => ({ kind: "article", url, fingerprint: `fp ${url}` });

/** An output folder with one page, and the manifest that describes it. */
function built(): { out: string; manifest: Manifest; file: string } {
  const out = path.join(tempDir(), "dist");
  mkdirSync(path.join(out, "culture/un-roman"), { recursive: true });
  writeFileSync(path.join(out, pageFile("/culture/un-roman/")), "<p>Un roman</p>");
  writeFileSync(path.join(out, "culture/un-roman/social.png"), "png");
  const manifest: Manifest = {
    out,
    global: "g1",
    pages: { "/culture/un-roman/": describePage(out, page("/culture/un-roman/")) },
    images: { "/culture/un-roman/social.png": describeFile(out, "culture/un-roman/social.png", "clé") },
    others: ["sitemap.xml", ".news-build"],
    journal: { previousMarker: "1:2:3", fresh: ["sitemap.xml"], gone: ["culture/ancien/index.html"] },
  };
  const file = manifestFile(path.join(tempDir(), "cache"), out);
  writeManifest(file, manifest);
  return { out, manifest, file };
}

describe("the build manifest", () => {
  it("is read back for the same folder and the same code, templates and environment", () => {
    const { out, manifest, file } = built();
    expect(readManifest(file, { out, global: "g1" })).toEqual(manifest);
  });

  it("is read back for other code too when asked without it: it still says which files the output has", () => {
    const { out, manifest, file } = built();
    expect(readManifest(file, { out })).toEqual(manifest);
    expect(readManifest(file, { out, global: "g2" })).toEqual({ reason: GLOBAL_CHANGED });
  });

  it("says why it cannot be used: missing, unreadable, another folder, another version", () => {
    const { out, file } = built();
    expect(readManifest(`${file}.absent`, { out, global: "g1" })).toEqual({
      reason: "no manifest of a previous build",
    });
    expect(readManifest(file, { out: "/ailleurs", global: "g1" })).toEqual({
      reason: "the previous build's manifest is for another folder",
    });
    expect(readManifest(file, { out, global: "g2" })).toMatchObject({ reason: expect.stringContaining("changed") });
    writeFileSync(file, '{"format": 1, "out": ');
    expect(readManifest(file, { out, global: "g1" })).toEqual({
      reason: "the previous build's manifest is unreadable",
    });
    writeFileSync(file, JSON.stringify({ format: 3, out, global: "g1", pages: [["/x/", 1, 2, 3, "a", 4]] }));
    expect(readManifest(file, { out, global: "g1" })).toEqual({
      reason: "the previous build's manifest is unreadable",
    });
  });
});

describe("checkKeptFiles", () => {
  it("accepts a card as the manifest describes it, and names one changed on disk", () => {
    const { out, manifest } = built();
    const kept = new Map(Object.entries(manifest.images));
    expect(checkKeptFiles(out, kept)).toBeInstanceOf(Map);
    writeFileSync(path.join(out, "culture/un-roman/social.png"), "PNG");
    expect(checkKeptFiles(out, kept)).toEqual({
      reason: "culture/un-roman/social.png in the previous output is not what the manifest describes",
    });
  });
});

describe("checkKeptPages", () => {
  it("accepts a page as the manifest describes it, and one restored with another time but the same bytes", () => {
    const { out, manifest } = built();
    expect(checkKeptPages(out, [page("/culture/un-roman/")], manifest)).toBeInstanceOf(Map);
    writeFileSync(path.join(out, pageFile("/culture/un-roman/")), "<p>Un roman</p>");
    expect(checkKeptPages(out, [page("/culture/un-roman/")], manifest)).toBeInstanceOf(Map);
  });

  it("names a page that is missing or was changed on disk", () => {
    const { out, manifest } = built();
    writeFileSync(path.join(out, pageFile("/culture/un-roman/")), "<p>Un romun</p>");
    expect(checkKeptPages(out, [page("/culture/un-roman/")], manifest)).toEqual({
      reason: "culture/un-roman/index.html in the previous output is not what the manifest describes",
    });
    expect(checkKeptPages(out, [page("/culture/absent/")], manifest)).toMatchObject({
      reason: expect.stringContaining("absent"),
    });
  });

  it("names a page edited by hand with the same size and its modification time put back", async () => {
    const { out, manifest } = built();
    const file = path.join(out, pageFile("/culture/un-roman/"));
    // What a careful hand does: keep the times (to the nanosecond), edit, put them back.
    execFileSync("cp", ["-p", file, `${file}.times`]);
    // A later clock tick than the build's write (file times are as coarse as a few milliseconds).
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(file, "<p>Un rOman</p>");
    execFileSync("touch", ["-r", `${file}.times`, file]);
    expect(statSync(file).mtimeMs).toBe(manifest.pages["/culture/un-roman/"]?.mtimeMs);
    expect(checkKeptPages(out, [page("/culture/un-roman/")], manifest)).toEqual({
      reason: "culture/un-roman/index.html in the previous output is not what the manifest describes",
    });
  });

  it("reads a page again after a hard link changed its status time, and records the new one", () => {
    const { out, manifest } = built();
    const file = path.join(out, pageFile("/culture/un-roman/"));
    linkSync(file, `${file}.other`);
    const kept = checkKeptPages(out, [page("/culture/un-roman/")], manifest);
    expect(kept).toBeInstanceOf(Map);
    expect((kept as Map<string, { ctimeMs: number }>).get("/culture/un-roman/")?.ctimeMs).toBe(statSync(file).ctimeMs);
  });
});

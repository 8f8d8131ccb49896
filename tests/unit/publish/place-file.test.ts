import { existsSync, linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { placeFile, sameFile } from "../../../scripts/publish/place-file.ts";
import { useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("place-file-");
const at = (name: string) => path.join(tempDir(), name);

function cachedFile(text: string): string {
  mkdirSync(at("cache"), { recursive: true });
  writeFileSync(at("cache/photo.avif"), text);
  return at("cache/photo.avif");
}

describe("placeFile", () => {
  it("links the cached file into a folder it creates", () => {
    const cached = cachedFile("octets");
    expect(placeFile(cached, at("out/photos/culture/photo.avif"))).toBe(true);
    expect(sameFile(cached, at("out/photos/culture/photo.avif"))).toBe(true);
  });

  it("leaves a target that is already the cached file", () => {
    const cached = cachedFile("octets");
    mkdirSync(at("out"));
    linkSync(cached, at("out/photo.avif"));
    const before = statSync(at("out/photo.avif")).ctimeMs;
    expect(placeFile(cached, at("out/photo.avif"))).toBe(true);
    expect(statSync(at("out/photo.avif")).ctimeMs).toBe(before);
  });

  it("replaces another file whole, never writing into it: its other links keep their bytes", () => {
    const cached = cachedFile("nouveaux octets");
    mkdirSync(at("out"));
    mkdirSync(at("current"));
    writeFileSync(at("out/photo.avif"), "anciens octets");
    // The current output shares the file with the staging folder.
    linkSync(at("out/photo.avif"), at("current/photo.avif"));
    expect(placeFile(cached, at("out/photo.avif"))).toBe(true);
    expect(readFileSync(at("out/photo.avif"), "utf8")).toBe("nouveaux octets");
    expect(readFileSync(at("current/photo.avif"), "utf8")).toBe("anciens octets");
    expect(existsSync(at(`out/photo.avif.${process.pid}.tmp`))).toBe(false);
  });

  it("says false, and creates nothing, when the cache lacks the file", () => {
    expect(placeFile(at("cache/absente.avif"), at("out/photos/absente.avif"))).toBe(false);
    expect(existsSync(at("out/photos/absente.avif"))).toBe(false);
  });
});

describe("sameFile", () => {
  it("is false for two files with the same bytes, and for a missing one", () => {
    const cached = cachedFile("octets");
    writeFileSync(at("copie.avif"), "octets");
    expect(sameFile(cached, at("copie.avif"))).toBe(false);
    expect(sameFile(cached, at("absente.avif"))).toBe(false);
    expect(sameFile(cached, cached)).toBe(true);
  });
});

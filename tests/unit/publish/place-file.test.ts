import { existsSync, linkSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { copyFile, PlacedCopies, sameFile } from "../../../scripts/publish/place-file.ts";
import { useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("place-file-");
const at = (name: string) => path.join(tempDir(), name);

function cachedFile(text: string, name = "photo.avif"): string {
  mkdirSync(at("cache"), { recursive: true });
  writeFileSync(at(`cache/${name}`), text);
  return at(`cache/${name}`);
}

describe("copyFile", () => {
  it("copies the cached file into a folder it creates: the same bytes, never the same inode", () => {
    const cached = cachedFile("octets");
    expect(copyFile(cached, at("out/photos/culture/photo.avif"))).toBe(true);
    expect(readFileSync(at("out/photos/culture/photo.avif"), "utf8")).toBe("octets");
    expect(sameFile(cached, at("out/photos/culture/photo.avif"))).toBe(false);
  });

  it("replaces another file whole, never writing into it: its other links keep their bytes", () => {
    const cached = cachedFile("nouveaux octets");
    mkdirSync(at("out"));
    mkdirSync(at("current"));
    writeFileSync(at("out/photo.avif"), "anciens octets");
    // The current output shares the file with the staging folder.
    linkSync(at("out/photo.avif"), at("current/photo.avif"));
    expect(copyFile(cached, at("out/photo.avif"))).toBe(true);
    expect(readFileSync(at("out/photo.avif"), "utf8")).toBe("nouveaux octets");
    expect(readFileSync(at("current/photo.avif"), "utf8")).toBe("anciens octets");
    expect(existsSync(at(`out/photo.avif.${process.pid}.tmp`))).toBe(false);
  });

  it("says false, and creates nothing, when the cache lacks the file", () => {
    expect(copyFile(at("cache/absente.avif"), at("out/photos/absente.avif"))).toBe(false);
    expect(existsSync(at("out/photos"))).toBe(false);
  });
});

describe("PlacedCopies", () => {
  const record = () => at("cache/builds/copies.json");
  /** One build: the staging folder made from `current`, one image placed, the record saved. */
  function build(cached: string, staging: string, current: string, fresh = false): void {
    const copies = new PlacedCopies(at(staging), { record: record(), current: at(current) });
    expect(copies.place(cached, "a/social.png", fresh)).toBe(true);
    copies.save();
  }

  it("copies first, then links the current output's recorded copy: no bytes copied twice, none shared with the cache", () => {
    const cached = cachedFile("carte", "k.png");
    build(cached, "one", "none");
    expect(sameFile(cached, at("one/a/social.png"))).toBe(false);
    build(cached, "two", "one");
    expect(sameFile(at("one/a/social.png"), at("two/a/social.png"))).toBe(true);
    // The next build's staging folder has the file already: kept as it is.
    const before = statSync(at("two/a/social.png")).ctimeMs;
    build(cached, "two", "one");
    expect(statSync(at("two/a/social.png")).ctimeMs).toBe(before);
    expect(sameFile(cached, at("two/a/social.png"))).toBe(false);
  });

  it("copies again when the current output's file was written to, even with its size and time put back", () => {
    const cached = cachedFile("carte", "k.png");
    build(cached, "one", "none");
    const file = at("one/a/social.png");
    const { atime, mtime } = statSync(file);
    // What an upload tool that optimises PNGs in place does; then `touch -r`.
    writeFileSync(file, "CARTE");
    utimesSync(file, atime, mtime);
    build(cached, "two", "one");
    expect(readFileSync(at("two/a/social.png"), "utf8")).toBe("carte");
    expect(sameFile(file, at("two/a/social.png"))).toBe(false);
    expect(readFileSync(cached, "utf8")).toBe("carte");
  });

  it("copies again when the cache file was just drawn again (a damaged one), or another one is asked for", () => {
    const cached = cachedFile("carte", "k.png");
    build(cached, "one", "none");
    writeFileSync(cached, "carte redessinée");
    build(cached, "two", "one", true);
    expect(readFileSync(at("two/a/social.png"), "utf8")).toBe("carte redessinée");
    const other = cachedFile("autre carte", "l.png");
    build(other, "three", "two");
    expect(readFileSync(at("three/a/social.png"), "utf8")).toBe("autre carte");
  });

  it("trusts nothing without a record, or with a damaged one", () => {
    const cached = cachedFile("carte", "k.png");
    build(cached, "one", "none");
    writeFileSync(record(), "{pas du JSON");
    build(cached, "two", "one");
    expect(sameFile(at("one/a/social.png"), at("two/a/social.png"))).toBe(false);
    expect(readFileSync(at("two/a/social.png"), "utf8")).toBe("carte");
  });

  it("says false when the cache lacks the file", () => {
    const copies = new PlacedCopies(at("out"));
    expect(copies.place(at("cache/absente.png"), "a/social.png")).toBe(false);
    expect(existsSync(at("out"))).toBe(false);
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

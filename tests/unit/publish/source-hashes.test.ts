import { createHash } from "node:crypto";
import { statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SourceHashes } from "../../../scripts/publish/source-hashes.ts";
import { useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("source-hashes-");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** Long enough for a file's change time to be over a second old. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe("SourceHashes", () => {
  it("hashes a source's bytes, and remembers it while the file is unchanged", async () => {
    const photo = path.join(tempDir(), "photo.jpg");
    const index = path.join(tempDir(), "sources.json");
    writeFileSync(photo, "première version");
    await settle();
    const first = new SourceHashes(index);
    expect(first.of(photo)).toBe(sha256("première version"));
    expect(first.read).toBe(1);
    first.save();

    const second = new SourceHashes(index);
    expect(second.of(photo)).toBe(sha256("première version"));
    expect(second.read).toBe(0);
  });

  it("reads a file again after any write, even one that puts back its size and modification time", async () => {
    const photo = path.join(tempDir(), "photo.jpg");
    const index = path.join(tempDir(), "sources.json");
    writeFileSync(photo, "version A");
    await settle();
    const first = new SourceHashes(index);
    first.of(photo);
    first.save();
    const { atime, mtime } = statSync(photo);
    writeFileSync(photo, "version B");
    utimesSync(photo, atime, mtime);
    const second = new SourceHashes(index);
    expect(second.of(photo)).toBe(sha256("version B"));
    expect(second.read).toBe(1);
  });

  it("does not remember a file changed within the last second (a later write could keep its stamp)", async () => {
    const photo = path.join(tempDir(), "photo.jpg");
    const index = path.join(tempDir(), "sources.json");
    writeFileSync(photo, "toute fraîche");
    const first = new SourceHashes(index);
    first.of(photo);
    first.save();
    const second = new SourceHashes(index);
    second.of(photo);
    expect(second.read).toBe(1);
  });
});

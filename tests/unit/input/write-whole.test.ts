import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeWhole } from "../../../scripts/input/write-whole.ts";
import { makeTempDir } from "../../helpers/build.ts";

describe("writeWhole", () => {
  it("replaces a file by a new one, in a folder it makes, and leaves nothing beside it", () => {
    const dir = makeTempDir("write-whole-");
    const file = path.join(dir, "a/b/record.json");
    writeWhole(file, "un");
    writeWhole(file, Buffer.from("deux"));
    expect(readFileSync(file, "utf8")).toBe("deux");
    expect(readdirSync(path.dirname(file))).toEqual(["record.json"]);
  });

  it("leaves the file as it was when the new one cannot be written, and its own partial file gone", () => {
    const dir = makeTempDir("write-whole-");
    const file = path.join(dir, "record.json");
    writeFileSync(file, "avant");
    // A folder in the partial file's place: nothing can be written there, and it is not ours to remove.
    mkdirSync(`${file}.${process.pid}.tmp`);
    expect(() => writeWhole(file, "après")).toThrow(/EISDIR/);
    expect(readFileSync(file, "utf8")).toBe("avant");
    expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(true);

    // A partial file written, then the rename refused (the target is a folder): the partial goes.
    const target = path.join(dir, "dossier");
    mkdirSync(path.join(target, "plein"), { recursive: true });
    expect(() => writeWhole(target, "x")).toThrow();
    expect(readdirSync(dir).sort()).toEqual(["dossier", "record.json", `record.json.${process.pid}.tmp`]);
  });

  it("writes aside under the name it is given, and removes it when the rename fails", () => {
    const dir = makeTempDir("write-whole-");
    writeWhole(path.join(dir, "a.md"), "x", path.join(dir, ".a.md.partial"));
    expect(readFileSync(path.join(dir, "a.md"), "utf8")).toBe("x");
    mkdirSync(path.join(dir, "b.md/plein"), { recursive: true });
    expect(() => writeWhole(path.join(dir, "b.md"), "y", path.join(dir, ".b.md.partial"))).toThrow();
    expect(readdirSync(dir).sort()).toEqual(["a.md", "b.md"]);
  });
});

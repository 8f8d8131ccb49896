/**
 * Sources that are not ordinary files, each read as the build reads its sources. A FIFO is
 * never opened (opening one would wait for a writer): these tests return at once, with no
 * timeout to wait for.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatSize, MAX_SOURCE_BYTES, readSource } from "../../../scripts/input/read-source.ts";
import { useTempDir } from "../../helpers/build.ts";

const dir = useTempDir("news-read-");
const at = (name: string) => path.join(dir(), name);
const refusal = (file: string, maxBytes?: number) => {
  const read = readSource(file, maxBytes);
  if (read.ok) throw new Error(`${file} was read`);
  return read.message;
};

describe("readSource", () => {
  it("reads a regular file, and one through a symbolic link", () => {
    writeFileSync(at("a.md"), "texte");
    symlinkSync("a.md", at("lien.md"));
    expect(readSource(at("a.md"))).toEqual({ ok: true, bytes: Buffer.from("texte") });
    expect(readSource(at("lien.md"))).toEqual({ ok: true, bytes: Buffer.from("texte") });
  });

  it("refuses a FIFO without opening it", () => {
    execFileSync("mkfifo", [at("tube.md")]);
    expect(refusal(at("tube.md"))).toBe("is a FIFO (named pipe); expected a regular file");
  });

  it("refuses a device, even through a link", () => {
    symlinkSync("/dev/zero", at("zero.md"));
    expect(refusal("/dev/zero")).toBe("is a character device; expected a regular file");
    expect(refusal(at("zero.md"))).toBe(
      'is a character device (through a symbolic link to "/dev/zero"); expected a regular file',
    );
  });

  it("refuses a folder", () => {
    mkdirSync(at("dossier.md"));
    expect(refusal(at("dossier.md"))).toBe("is a folder; expected a regular file");
  });

  it("says where a dangling link leads, and that a link to itself is a loop", () => {
    symlinkSync("absent.md", at("perdu.md"));
    symlinkSync("boucle.md", at("boucle.md"));
    symlinkSync("b.md", at("a2.md"));
    symlinkSync("a2.md", at("b.md"));
    expect(refusal(at("perdu.md"))).toBe(
      'is a symbolic link to "absent.md", which does not exist; expected a regular file or a link to one',
    );
    expect(refusal(at("boucle.md"))).toMatch(/^is a symbolic link that leads back to itself \(a loop/);
    expect(refusal(at("a2.md"))).toMatch(/^is a symbolic link that leads back to itself \(a loop/);
  });

  it("refuses a file over the size limit before reading it", () => {
    writeFileSync(at("gros.md"), "");
    truncateSync(at("gros.md"), MAX_SOURCE_BYTES + 1);
    expect(refusal(at("gros.md"))).toBe(`is larger than 5 MB (${MAX_SOURCE_BYTES + 1} bytes); expected at most 5 MB`);
    writeFileSync(at("juste.md"), "");
    truncateSync(at("juste.md"), MAX_SOURCE_BYTES);
    expect(readSource(at("juste.md")).ok).toBe(true);
  });

  it.runIf(existsSync("/proc/self/status"))(
    "never reads more than the limit, whatever the file says its size is",
    () => {
      // Files of /proc say they are empty and are not.
      expect(refusal("/proc/self/status", 16)).toBe("is larger than 16 bytes; expected at most 16 bytes");
    },
  );

  it("says a missing file is missing", () => {
    expect(readSource(at("absent.md"))).toMatchObject({ ok: false, missing: true });
  });

  it("writes sizes as the limit is written", () => {
    expect(formatSize(5 * 1024 * 1024)).toBe("5 MB");
    expect(formatSize(6_500_000)).toBe("6.2 MB");
    expect(formatSize(2048)).toBe("2 KB");
    expect(formatSize(16)).toBe("16 bytes");
  });
});

/**
 * npm run import reads its wire file as the build reads sources: what is not a regular text file
 * is refused in one line, without being read, and nothing is written.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../helpers/build.ts";
import { runCli } from "../helpers/cli.ts";

const dir = useTempDir("news-import-refusal-");

const importWire = (wire: string) =>
  runCli("import.ts", [
    wire,
    "--title",
    "Un titre",
    "--date",
    "2023-04-18T14:05",
    "--section",
    "international",
    "--articles",
    path.join(dir(), "articles"),
  ]);

describe("npm run import refuses a wire that is not a text file", () => {
  it.each([
    ["/dev/zero", () => "/dev/zero", "/dev/zero: (file): is a character device; expected a regular file"],
    [
      "a FIFO",
      () => {
        execFileSync("mkfifo", [path.join(dir(), "wire.txt")]);
        return path.join(dir(), "wire.txt");
      },
      "wire.txt: (file): is a FIFO (named pipe); expected a regular file",
    ],
    [
      "a link that leads nowhere",
      () => {
        symlinkSync("absent.txt", path.join(dir(), "wire.txt"));
        return path.join(dir(), "wire.txt");
      },
      'wire.txt: (file): is a symbolic link to "absent.txt", which does not exist; expected a regular file or a link to one',
    ],
    [
      "a file over 5 MB",
      () => {
        writeFileSync(path.join(dir(), "wire.txt"), "");
        truncateSync(path.join(dir(), "wire.txt"), 6 * 1024 * 1024);
        return path.join(dir(), "wire.txt");
      },
      "wire.txt: (file): is larger than 5 MB (6291456 bytes); expected at most 5 MB",
    ],
    [
      "text with a control character",
      () => {
        writeFileSync(path.join(dir(), "wire.txt"), "Un paragraphe.\nUn autre\u0007 paragraphe.\n");
        return path.join(dir(), "wire.txt");
      },
      "wire.txt: (file): line 2: U+0007, a control character; expected text without control characters (tabs and line breaks are fine)",
    ],
  ])("%s: one line, exit 1, nothing written", (_, wire, line) => {
    const run = importWire(wire());
    expect(run.status).toBe(1);
    const lines = run.stderr.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("Nothing was written: 1 problem(s).");
    expect(lines[1]?.endsWith(line)).toBe(true);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(dir()).filter((name) => name === "articles")).toEqual([]);
  });
});

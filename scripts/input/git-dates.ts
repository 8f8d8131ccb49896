/**
 * Modification dates from git history, for articles whose front matter has no `modified`.
 *
 * A file's modification date is the date of the last commit that changed it, counted only when
 * at least two commits touched it: the commit that adds an article is its publication, not an
 * update (otherwise every article would read « Mis à jour » a few minutes after it went out).
 * One `git log` call covers the whole folder; outside a git work tree, or without git, there
 * are no dates and nothing fails.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { writeWhole } from "./write-whole.ts";

/** Parses `git log --format=%x00%cI --name-only` output: newest commit first. */
export function parseGitLog(output: string, baseDir: string): Map<string, string> {
  const latest = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const commit of output.split("\0").slice(1)) {
    const [date = "", ...names] = commit.split("\n");
    for (const name of names) {
      if (name === "") continue;
      const file = path.join(baseDir, name);
      seen.set(file, (seen.get(file) ?? 0) + 1);
      if (!latest.has(file)) latest.set(file, date.trim());
    }
  }
  return new Map([...latest].filter(([file]) => (seen.get(file) ?? 0) >= 2));
}

function git(dir: string, args: string[]): string | null {
  const result = spawnSync("git", ["-C", dir, "-c", "core.quotepath=off", ...args], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return result.status === 0 ? result.stdout : null;
}

/**
 * Absolute path → ISO 8601 date (with the committer's offset) of each file below `dir` modified
 * after the commit that added it. Given a cache folder, the dates are kept there under the
 * commit they were read at: a build costs one `git rev-parse` until something is committed, not
 * a `git log` over the whole history (seconds, in a newsroom with years of commits).
 */
export function gitModifiedDates(dir: string, cacheDir?: string): Map<string, string> {
  const head = git(dir, ["rev-parse", "HEAD"])?.trim();
  if (!head) return new Map();
  const folder = `${createHash("sha256").update(dir).digest("hex").slice(0, 16)}-`;
  const cached = cacheDir && path.join(cacheDir, "git-dates", `${folder}${head}.json`);
  if (cached) {
    try {
      const kept = JSON.parse(readFileSync(cached, "utf8")) as unknown;
      if (
        Array.isArray(kept) &&
        kept.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === "string"))
      ) {
        return new Map(kept as [string, string][]);
      }
    } catch {
      // Not read at this commit yet, or damaged: read from git.
    }
  }
  const log = git(dir, ["log", "--format=%x00%cI", "--name-only", "--relative", "--no-renames", "--", "."]);
  const dates = log === null ? new Map<string, string>() : parseGitLog(log, dir);
  if (cached && log !== null) {
    try {
      writeWhole(cached, JSON.stringify([...dates]));
      // The dates read at earlier commits are of no use any more.
      for (const name of readdirSync(path.dirname(cached))) {
        if (name.startsWith(folder) && name !== path.basename(cached))
          rmSync(path.join(path.dirname(cached), name), { force: true });
      }
    } catch {
      // Dates that cannot be kept are read from git again next time.
    }
  }
  return dates;
}

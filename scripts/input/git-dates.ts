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
import path from "node:path";

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

const cache = new Map<string, { head: string; dates: Map<string, string> }>();

/**
 * Absolute path → ISO 8601 date (with the committer's offset) of each file below `dir` modified
 * after the commit that added it. Cached per commit: the dev server's rebuilds cost one
 * `git rev-parse` until something is committed.
 */
export function gitModifiedDates(dir: string): Map<string, string> {
  const head = git(dir, ["rev-parse", "HEAD"])?.trim();
  if (!head) return new Map();
  const cached = cache.get(dir);
  if (cached?.head === head) return cached.dates;
  const log = git(dir, ["log", "--format=%x00%cI", "--name-only", "--relative", "--no-renames", "--", "."]);
  const dates = log === null ? new Map<string, string>() : parseGitLog(log, dir);
  cache.set(dir, { head, dates });
  return dates;
}

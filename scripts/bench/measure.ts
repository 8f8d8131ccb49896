/** Runs a command and measures its wall time and peak memory (maxRSS via /usr/bin/time when present). */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Measurement {
  wallMs: number;
  /** Peak resident memory of the process tree's largest process, in MB; null without /usr/bin/time. */
  peakMb: number | null;
  /** User + system CPU seconds of the process tree; less sensitive than wall time to a busy machine. */
  cpuSeconds: number | null;
  status: number | null;
  output: string;
}

const TIME = "/usr/bin/time";

/** The build as `npm run build` runs it from `root`: package.json's command, after `node`. */
export function buildCommand(root: string): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: { build: string };
  };
  return scripts.build.split(" ").slice(1);
}

export function canMeasureMemory(): boolean {
  return existsSync(TIME);
}

export function runMeasured(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<Measurement> {
  const rssFile = path.join(tmpdir(), `bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const withTime = canMeasureMemory();
  const [file, argv] = withTime ? [TIME, ["-f", "%M %U %S", "-o", rssFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (status) => {
      const wallMs = performance.now() - started;
      let peakMb: number | null = null;
      let cpuSeconds: number | null = null;
      if (withTime && existsSync(rssFile)) {
        // The last line is ours; earlier ones are /usr/bin/time's notes (e.g. a non-zero exit).
        const [kb, user, system] = (readFileSync(rssFile, "utf8").trim().split("\n").at(-1) ?? "")
          .split(" ")
          .map(Number);
        peakMb = Number.isFinite(kb) ? (kb as number) / 1024 : null;
        cpuSeconds = Number.isFinite(user) && Number.isFinite(system) ? (user as number) + (system as number) : null;
        rmSync(rssFile, { force: true });
      }
      resolve({ wallMs, peakMb, cpuSeconds, status, output: Buffer.concat(chunks).toString("utf8") });
    });
  });
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

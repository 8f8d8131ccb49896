/** Runs one of the editor's commands (scripts/cli/*.ts) as a child process from the project root. */
import { spawnSync } from "node:child_process";
import { type BuildRun, ROOT } from "./build.ts";

export function runCli(script: string, args: string[]): BuildRun {
  const result = spawnSync(process.execPath, ["--import", "tsx", `scripts/cli/${script}`, ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

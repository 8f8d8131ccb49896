/** The build CLI as a child process that tests can wait for, run in parallel, or kill. */
import { type ChildProcess, spawn } from "node:child_process";
import { BUILD_COMMAND, type BuildRun, ROOT } from "./build.ts";

/** Starts the build from the project root, as `npm run build` does; stdout and stderr are collected as text. */
export function startBuild(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<BuildRun> } {
  const child = spawn(process.execPath, [...BUILD_COMMAND, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<BuildRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
  return { child, done };
}

/** Like runBuild, without blocking, so independent builds can run side by side. */
export function runBuildAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<BuildRun> {
  return startBuild(args, env).done;
}

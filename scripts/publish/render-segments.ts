/**
 * Renders a build's segments (scripts/lists/segments.ts) into the staging folder: each segment
 * an ordinary Eleventy run that writes its pages and lets them go, so that what a run holds
 * depends on its segment, not on the archive.
 *
 * With `jobs` > 1 and enough pages to be worth it, the segments go to that many render processes
 * (this module, run as a script), each taking the next segment as soon as it is done with one:
 * one core each. Otherwise they run one after the other in this process, which saves starting a
 * process and Eleventy again (about a second) for an edit that renders a few pages.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { eleventyConfig } from "../../.eleventy.js";
import type { SegmentInput } from "../eleventy/plugin.ts";
import type { WrittenOutput, WrittenSite } from "../eleventy/run.ts";
import { type ContentProblem, ContentValidationError } from "../input/content-error.ts";
import type { ContentPaths } from "../input/content-paths.ts";
import type { Environment } from "../input/environment.ts";

export interface RenderOptions {
  staging: string;
  paths: ContentPaths;
  environment: Environment;
  /** How many render processes at most; 1 renders in this process. */
  jobs: number;
}

/** The environment as plain data, for a render process. */
interface EnvironmentData extends Omit<Environment, "buildTime"> {
  buildTimeMs: number;
}

type Request =
  | { setup: { staging: string; paths: ContentPaths; environment: EnvironmentData } }
  | { render: SegmentInput };
type Answer = { written: WrittenSite } | { problems: readonly ContentProblem[] } | { error: string };

/** One segment, rendered by Eleventy in this process. */
async function renderHere(input: SegmentInput, staging: string, paths: ContentPaths, environment: Environment) {
  const { writeSite } = await import("../eleventy/run.ts");
  return writeSite({
    outDir: staging,
    pathPrefix: environment.pathPrefix,
    config: eleventyConfig({ paths, environment, segment: () => input }),
  });
}

function joinWritten(sites: WrittenSite[]): WrittenSite {
  const outputs: WrittenOutput[] = [];
  let copiedFiles = 0;
  for (const site of sites) {
    for (const output of site.outputs) outputs.push(output);
    copiedFiles += site.copiedFiles;
  }
  return { outputs, copiedFiles };
}

/** Renders every segment into `options.staging`; returns what was written, in the segments' order. */
export async function renderSegments(inputs: readonly SegmentInput[], options: RenderOptions): Promise<WrittenSite> {
  const processes = Math.min(options.jobs, inputs.length);
  if (processes <= 1) {
    const written: WrittenSite[] = [];
    for (const input of inputs)
      written.push(await renderHere(input, options.staging, options.paths, options.environment));
    return joinWritten(written);
  }
  return renderApart(inputs, processes, options);
}

const RENDER_TASK = "--render-segments";

/** Each segment to the next free render process; the first failure stops them all. */
async function renderApart(inputs: readonly SegmentInput[], processes: number, options: RenderOptions) {
  const { buildTime, ...rest } = options.environment;
  const setup: Request = {
    setup: {
      staging: options.staging,
      paths: options.paths,
      environment: { ...rest, buildTimeMs: buildTime.toMillis() },
    },
  };
  const written: WrittenSite[] = new Array(inputs.length);
  const children: ChildProcess[] = [];
  let next = 0;
  let failed = false;
  const work = async (child: ChildProcess) => {
    const ask = (request: Request) => {
      child.send(request);
      return answerOf(child);
    };
    await ask(setup);
    while (next < inputs.length && !failed) {
      const index = next;
      next += 1;
      const answer = await ask({ render: inputs[index] as SegmentInput });
      written[index] = answer;
    }
  };
  try {
    await Promise.all(
      Array.from({ length: processes }, async () => {
        const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), RENDER_TASK], {
          stdio: ["ignore", "inherit", "inherit", "ipc"],
          serialization: "advanced",
        });
        children.push(child);
        try {
          await work(child);
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          child.disconnect?.();
        }
      }),
    );
  } finally {
    for (const child of children) if (child.exitCode === null && failed) child.kill();
  }
  return joinWritten(written);
}

/** The render process's next answer: what it wrote, or its failure as an error of this process. */
function answerOf(child: ChildProcess): Promise<WrittenSite> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: Answer) => {
      child.off("exit", onExit);
      if ("written" in answer) resolve(answer.written);
      else if ("problems" in answer) reject(new ContentValidationError(answer.problems));
      else reject(new Error(`a render process failed: ${answer.error}`));
    };
    const onExit = (code: number | null, signal: string | null) => {
      child.off("message", onMessage);
      reject(new Error(`a render process exited (${signal ?? code}) before it answered`));
    };
    child.once("message", onMessage);
    child.once("exit", onExit);
  });
}

// A render process: this module, run as a script by renderApart. It renders one segment per
// request, into the staging folder named by the first request, until the build disconnects.
if (process.argv[2] === RENDER_TASK && process.argv[1] === fileURLToPath(import.meta.url)) {
  let setup: Extract<Request, { setup: unknown }>["setup"] | undefined;
  let environment: Environment | undefined;
  let queue = Promise.resolve();
  process.on("message", (request: Request) => {
    queue = queue.then(async () => {
      let answer: Answer;
      try {
        if ("setup" in request) {
          setup = request.setup;
          const { buildTimeMs, ...rest } = setup.environment;
          environment = { ...rest, buildTime: DateTime.fromMillis(buildTimeMs, { zone: "utc" }) };
          answer = { written: { outputs: [], copiedFiles: 0 } };
        } else {
          if (!setup || !environment) throw new Error("render requested before set-up");
          answer = { written: await renderHere(request.render, setup.staging, setup.paths, environment) };
        }
      } catch (error) {
        answer =
          error instanceof ContentValidationError
            ? { problems: error.problems }
            : { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      process.send?.(answer);
    });
  });
}

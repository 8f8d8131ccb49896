/**
 * Renders a build's segments (scripts/lists/segments.ts) into the staging folder: each segment
 * an ordinary Eleventy run that writes its pages and lets them go, so that what a run holds
 * depends on its segment, not on the archive.
 *
 * With `jobs` > 1, this process and `jobs` - 1 render processes (this module, run as a script)
 * each take the next segment as soon as they are done with one: one core each. The build asks
 * for one job when it renders less than a segment's worth of pages: starting a process and
 * Eleventy again costs about a second, more than an edit renders.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { eleventyConfig } from "../../.eleventy.js";
import type { SegmentInput } from "../eleventy/plugin.ts";
import type { WrittenOutput, WrittenSite } from "../eleventy/run.ts";
import { type ContentProblem, ContentValidationError, findContentValidationError } from "../input/content-error.ts";
import type { ContentPaths } from "../input/content-paths.ts";
import type { Environment } from "../input/environment.ts";
import { withListedBodiesLeftOut } from "../lists/segments.ts";

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
  const copied: string[] = [];
  for (const site of sites) {
    for (const output of site.outputs) outputs.push(output);
    for (const file of site.copied) copied.push(file);
  }
  return { outputs, copied };
}

/**
 * Renders every segment into `options.staging`; returns what was written, in the segments'
 * order. The problems every segment found are reported together, as a build reports the
 * sources' problems: a failed segment does not stop the others.
 */
export async function renderSegments(inputs: readonly SegmentInput[], options: RenderOptions): Promise<WrittenSite> {
  const written: WrittenSite[] = new Array(inputs.length);
  const problems: ContentProblem[] = [];
  let next = 0;
  let failure: unknown;
  /** Takes segments until none is left, or something other than a problem of the sources went wrong. */
  const takeTurns = async (render: (input: SegmentInput) => Promise<WrittenSite>) => {
    while (next < inputs.length && failure === undefined) {
      const index = next;
      next += 1;
      try {
        written[index] = await render(inputs[index] as SegmentInput);
      } catch (error) {
        const invalid = findContentValidationError(error);
        if (invalid) problems.push(...invalid.problems);
        else failure ??= error;
      }
    }
  };
  const here = (input: SegmentInput) => renderHere(input, options.staging, options.paths, options.environment);
  // This process renders too, from the start, while the others start and load Eleventy (about a
  // second each): at 4000 articles with two processes, a render process of its own beside an idle
  // build process cost 1.4 × the CPU time of rendering here alone.
  const others = Math.min(options.jobs, inputs.length) - 1;
  const children = Array.from({ length: Math.max(0, others) }, () => startRenderProcess(options));
  try {
    await Promise.all([takeTurns(here), ...children.map((child) => takeTurns(child.render))]);
  } finally {
    for (const child of children) child.stop(failure !== undefined);
  }
  if (failure !== undefined) throw failure;
  if (problems.length > 0) throw new ContentValidationError(problems);
  return joinWritten(written);
}

const RENDER_TASK = "--render-segments";

/** A render process, set up to write into the staging folder: it renders one segment per call. */
function startRenderProcess(options: RenderOptions): {
  render: (input: SegmentInput) => Promise<WrittenSite>;
  stop: (kill: boolean) => void;
} {
  const { buildTime, ...rest } = options.environment;
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), RENDER_TASK], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "advanced",
  });
  let queue: Promise<unknown> = Promise.resolve();
  const ask = (request: Request): Promise<WrittenSite> => {
    const answer = queue.then(() => {
      child.send(request);
      return answerOf(child);
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
  const ready = ask({
    setup: {
      staging: options.staging,
      paths: options.paths,
      environment: { ...rest, buildTimeMs: buildTime.toMillis() },
    },
  });
  ready.catch(() => undefined);
  return {
    render: async (input) => {
      await ready;
      return ask({ render: { ...input, segment: withListedBodiesLeftOut(input.segment) } });
    },
    stop: (kill) => {
      if (kill && child.exitCode === null) child.kill();
      else if (child.connected) child.disconnect();
    },
  };
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
          answer = { written: { outputs: [], copied: [] } };
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

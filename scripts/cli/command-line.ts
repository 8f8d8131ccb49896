/**
 * Every entry point reads its command line here: node's parseArgs, `--help` (or `-h`) printing
 * the usage, and a mistake (an unknown option, a missing value, a stray argument, a number that
 * is not one) reported as one line followed by the usage, exit status 2, never a stack trace.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { findContentValidationError, formatProblem } from "../input/content-error.ts";
import { type Environment, readEnvironment } from "../input/environment.ts";

/** A command-line mistake: printed with the usage, exit status 2. */
export class CommandLineError extends Error {
  override name = "CommandLineError";
}

/** Prints `message` and the usage to stderr and ends the process with status 2. */
export function exitWithUsage(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

const isParseError = (error: unknown): error is Error =>
  error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");

/**
 * The command line parsed by `config` (unknown options are mistakes). Positionals are refused
 * unless `allowPositionals`; `maxPositionals` caps their number.
 */
export function readCommandLine<T extends ParseArgsConfig>(
  usage: string,
  config: T,
  maxPositionals = Number.POSITIVE_INFINITY,
): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  // Before parsing: `--help` beside a mistake still shows the help.
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    process.exit(0);
  }
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    // Strict is parseArgs' default; an entry point never turns it off, so T's results hold.
    parsed = parseArgs<T>({ ...config, args });
  } catch (error) {
    if (isParseError(error)) exitWithUsage(error.message, usage);
    throw error;
  }
  if (parsed.positionals.length > maxPositionals) {
    exitWithUsage(`unexpected argument "${parsed.positionals[maxPositionals]}"`, usage);
  }
  return parsed;
}

/** `value` as a whole number at least `min`, or a mistake naming `flag`. */
export function wholeNumber(value: string, flag: string, usage: string, min = 1): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(number >= min)) exitWithUsage(`${flag}: "${value}" is not a whole number of at least ${min}`, usage);
  return number;
}

/** The environment (scripts/input/environment.ts), or its problems printed, one a line, and exit status 1. */
export function readEnvironmentOrExit(): Environment {
  try {
    return readEnvironment();
  } catch (error) {
    const invalid = findContentValidationError(error);
    if (!invalid) throw error;
    for (const problem of invalid.problems) console.error(formatProblem(problem));
    process.exit(1);
  }
}

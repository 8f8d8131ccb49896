/**
 * `npm start`: the editor's preview with live reload and drafts (scripts/publish/preview.ts).
 *
 *   npm start -- [--port 8080] [--output _preview] [--articles DIR] [--data DIR] [--pages DIR]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { directories } from "../../.eleventy.js";
import { findContentValidationError, formatProblem } from "../input/content-error.ts";
import { resolveContentPaths } from "../input/content-paths.ts";
import { type Environment, readEnvironment } from "../input/environment.ts";
import { startPreview } from "../publish/preview.ts";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    // Not dist/: the preview holds drafts and must never be deployed.
    output: { type: "string", default: "_preview" },
    articles: { type: "string" },
    data: { type: "string" },
    pages: { type: "string" },
  },
});

let environment: Environment;
try {
  environment = readEnvironment();
} catch (error) {
  const invalid = findContentValidationError(error);
  if (!invalid) throw error;
  for (const problem of invalid.problems) console.error(formatProblem(problem));
  process.exit(1);
}

const preview = await startPreview({
  paths: resolveContentPaths({ articles: args.articles, data: args.data, pages: args.pages }, directories),
  environment,
  outDir: path.resolve(args.output),
  port: args.port,
});
const stop = () => void preview.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

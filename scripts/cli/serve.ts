/**
 * `npm start`: the editor's preview with live reload and drafts (scripts/publish/preview.ts).
 *
 *   npm start -- [--port 8080] [--host 127.0.0.1] [--output _preview] [--articles DIR] [--data DIR] [--pages DIR]
 *
 * --host 0.0.0.0 opens the preview, drafts included, to every machine that can reach this one.
 */
import { isIP } from "node:net";
import path from "node:path";
import { directories } from "../../.eleventy.js";
import { resolveContentPaths } from "../input/content-paths.ts";
import { ignoreClosedOutput } from "../publish/closed-output.ts";
import { PreviewOutputRefused, startPreview } from "../publish/preview.ts";
import { readCommandLine, readEnvironmentOrExit } from "./command-line.ts";

ignoreClosedOutput();

const USAGE = `Usage: npm start -- [--port 8080] [--host 127.0.0.1] [--output _preview] [--articles DIR] [--data DIR]
                [--pages DIR]
  The editor's preview, drafts included, with live reload. --host 0.0.0.0 opens it to every
  machine that can reach this one.`;

const { values: args } = readCommandLine(USAGE, {
  options: {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
    // Not dist/: the preview holds drafts and must never be deployed.
    output: { type: "string", default: "_preview" },
    articles: { type: "string" },
    data: { type: "string" },
    pages: { type: "string" },
  },
});

const environment = readEnvironmentOrExit();

if (isIP(args.host) === 0 && args.host !== "localhost") {
  console.error(`--host "${args.host}": is not an IP address; expected e.g. 127.0.0.1 (this machine only) or 0.0.0.0`);
  process.exit(2);
}

let preview: Awaited<ReturnType<typeof startPreview>>;
try {
  preview = await startPreview({
    paths: resolveContentPaths({ articles: args.articles, data: args.data, pages: args.pages }, directories),
    environment,
    outDir: path.resolve(args.output),
    port: args.port,
    host: args.host,
  });
} catch (error) {
  if (!(error instanceof PreviewOutputRefused)) throw error;
  console.error(error.message);
  process.exit(1);
}
const stop = () => void preview.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

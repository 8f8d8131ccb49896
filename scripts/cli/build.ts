/**
 * `npm run build`: validates the content, renders the site into a staging folder and swaps it
 * into place (scripts/publish/build.ts). Run compiled by scripts/publish/run-compiled.js.
 *
 *   npm run build -- [--out dist] [--articles src/articles] [--data _data] [--pages src/pages] [--quiet] [--clean]
 *
 * Over the output of a previous build, only the pages whose content changed are rendered; --clean
 * renders every page.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { directories } from "../../.eleventy.js";
import { resolveContentPaths } from "../input/content-paths.ts";
import { build } from "../publish/build.ts";
import { ignoreClosedOutput } from "../publish/closed-output.ts";
import { readCommandLine, wholeNumber } from "./command-line.ts";

ignoreClosedOutput();

// Eleventy keeps every page it wrote until the build ends, so the live heap only grows; by
// default V8 lets the heap grow to about twice what is live before collecting it all again.
// Growing it by a fifth keeps the peak near what is live: at 4000 articles 418–427 MB instead
// of 472–538 MB in alternating runs, with no wall-time loss beyond noise.
setFlagsFromString("--heap-growing-percent=20");

const USAGE = `Usage: npm run build -- [--out dist] [--articles src/articles] [--data _data] [--pages src/pages]
                         [--quiet] [--clean] [--jobs N]
  Checks the content, renders the pages that changed since the last build (every page with
  --clean) and swaps the new site into --out. --jobs: processes that render pages at once
  (default: one per core).`;

const { values: args } = readCommandLine(USAGE, {
  options: {
    out: { type: "string", default: directories.output },
    articles: { type: "string" },
    data: { type: "string" },
    pages: { type: "string" },
    quiet: { type: "boolean", default: false },
    clean: { type: "boolean", default: false },
    jobs: { type: "string", default: String(availableParallelism()) },
  },
});

process.exitCode = await build({
  out: path.resolve(args.out),
  paths: resolveContentPaths({ articles: args.articles, data: args.data, pages: args.pages }, directories),
  quiet: args.quiet,
  clean: args.clean,
  jobs: wholeNumber(args.jobs, "--jobs", USAGE),
});

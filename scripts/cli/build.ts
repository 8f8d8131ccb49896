/**
 * `npm run build`: validates the content, renders the site into a staging folder and swaps it
 * into place (scripts/publish/build.ts). Run compiled by scripts/publish/run-compiled.js.
 *
 *   npm run build -- [--out dist] [--articles src/articles] [--data _data] [--pages src/pages] [--quiet] [--clean]
 *                    [--jobs N] [--segment-size N] [--shard K/N]
 *   npm run build -- --merge DIR... --out DIR
 *
 * Over the output of a previous build, only the pages whose content changed are rendered; --clean
 * renders every page.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { directories } from "../../.eleventy.js";
import { resolveContentPaths } from "../input/content-paths.ts";
import { build, SEGMENT_PAGES } from "../publish/build.ts";
import { ignoreClosedOutput } from "../publish/closed-output.ts";
import { mergeShares } from "../publish/merge.ts";
import { parseShard } from "../publish/shares.ts";
import { exitWithUsage, readCommandLine, wholeNumber } from "./command-line.ts";

ignoreClosedOutput();

// Eleventy keeps every page it wrote until the build ends, so the live heap only grows; by
// default V8 lets the heap grow to about twice what is live before collecting it all again.
// Growing it by a fifth keeps the peak near what is live: at 4000 articles 418–427 MB instead
// of 472–538 MB in alternating runs, with no wall-time loss beyond noise.
setFlagsFromString("--heap-growing-percent=20");

const USAGE = `Usage: npm run build -- [--out dist] [--articles src/articles] [--data _data] [--pages src/pages]
                         [--quiet] [--clean] [--jobs N] [--segment-size ${SEGMENT_PAGES}] [--shard K/N]
       npm run build -- --merge DIR... --out DIR
  Checks the content, renders the pages that changed since the last build (every page with
  --clean) and swaps the new site into --out.
  --jobs N          processes that render pages at once (default: one per core)
  --segment-size N  pages per Eleventy run: its memory grows with it (default ${SEGMENT_PAGES})
  --shard K/N       builds the K-th of N shares of the site into --out, for a CI matrix
  --merge DIR...    joins the N shares of one build into --out, as one machine would build it`;

const { values: args, positionals } = readCommandLine(USAGE, {
  options: {
    out: { type: "string", default: directories.output },
    articles: { type: "string" },
    data: { type: "string" },
    pages: { type: "string" },
    quiet: { type: "boolean", default: false },
    clean: { type: "boolean", default: false },
    jobs: { type: "string", default: String(availableParallelism()) },
    "segment-size": { type: "string", default: String(SEGMENT_PAGES) },
    shard: { type: "string" },
    merge: { type: "boolean", default: false },
  },
  allowPositionals: true,
});

const out = path.resolve(args.out);
const paths = resolveContentPaths({ articles: args.articles, data: args.data, pages: args.pages }, directories);
if (args.merge) {
  if (positionals.length === 0) exitWithUsage("--merge: no share folder given", USAGE);
  if (args.shard !== undefined) exitWithUsage("--merge and --shard: a merge builds no share", USAGE);
  process.exitCode = await mergeShares({
    out,
    shares: positionals.map((dir) => path.resolve(dir)),
    paths,
    quiet: args.quiet,
  });
} else {
  if (positionals.length > 0) exitWithUsage(`unexpected argument "${positionals[0]}"`, USAGE);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  if (shard === null) exitWithUsage(`--shard: "${args.shard}" is not K/N with 1 ≤ K ≤ N (e.g. 2/3)`, USAGE);
  process.exitCode = await build({
    out,
    paths,
    quiet: args.quiet,
    clean: args.clean,
    jobs: wholeNumber(args.jobs, "--jobs", USAGE),
    segmentSize: wholeNumber(args["segment-size"], "--segment-size", USAGE),
    shard,
  });
}

/**
 * `npm run ping`: after `npm run build`, tells IndexNow and the feeds' WebSub hub what that build
 * changed (scripts/publish/ping.ts), when publisher.yaml turns it on. A service that fails is a
 * warning, never a failure: the site is published already.
 *
 *   npm run ping -- [--out dist]
 */
import path from "node:path";
import { directories } from "../../.eleventy.js";
import { changesFile, readChanges } from "../publish/changes.ts";
import { ignoreClosedOutput } from "../publish/closed-output.ts";
import { ping, sentFile } from "../publish/ping.ts";
import { shownPath } from "../text/shown-path.ts";
import { readCommandLine, readEnvironmentOrExit } from "./command-line.ts";

ignoreClosedOutput();

const USAGE = `Usage: npm run ping -- [--out dist]
  Sends the pages and feeds the last build of --out changed to IndexNow and to the feeds' WebSub
  hub, as publisher.yaml's ping settings say (off without them).`;

const { values: args } = readCommandLine(USAGE, {
  options: { out: { type: "string", default: directories.output } },
});

const { cacheDir } = readEnvironmentOrExit();
const out = path.resolve(args.out);
const file = changesFile(cacheDir, out);
const changes = readChanges(file);
if ("reason" in changes) {
  console.error(`Ping: nothing to announce for ${shownPath(out)}/: ${changes.reason}; run npm run build first.`);
  process.exit(1);
}
const outcome = await ping(changes, sentFile(file));
for (const line of outcome.lines) console.log(line);
for (const warning of outcome.warnings) console.warn(warning);

/**
 * `npm run check:links`: every internal link and #fragment of a built site, offline
 * (scripts/publish/check-links.ts). Exits 1 when one is broken.
 *
 *   npm run check:links [-- dist]
 */
import { statSync } from "node:fs";
import { checkLinks } from "../publish/check-links.ts";
import { ignoreClosedOutput } from "../publish/closed-output.ts";
import { exitWithUsage, readCommandLine } from "./command-line.ts";

ignoreClosedOutput();

const USAGE = `Usage: npm run check:links [-- <folder>]
  Checks every internal link and #fragment of a built site (dist/ by default), offline.`;

const { positionals } = readCommandLine(USAGE, { allowPositionals: true }, 1);
const dir = positionals[0] ?? "dist";
if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
  exitWithUsage(`${dir}: is not a folder; expected a built site (npm run build writes dist/)`, USAGE);
}
const report = await checkLinks(dir);
for (const link of report.broken) console.error(`${link.page}: ${link.url}: broken (${link.reason})`);
console.log(`${report.checked} links checked in ${dir}/, ${report.broken.length} broken`);
process.exitCode = report.broken.length > 0 ? 1 : 0;

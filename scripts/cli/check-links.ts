/**
 * `npm run check:links`: every internal link and #fragment of a built site, offline
 * (scripts/publish/check-links.ts). Exits 1 when one is broken.
 *
 *   npm run check:links [-- dist]
 */
import { checkLinks } from "../publish/check-links.ts";
import { ignoreClosedOutput } from "../publish/closed-output.ts";

ignoreClosedOutput();

const dir = process.argv[2] ?? "dist";
const report = await checkLinks(dir);
for (const link of report.broken) console.error(`${link.page}: ${link.url}: broken (${link.reason})`);
console.log(`${report.checked} links checked in ${dir}/, ${report.broken.length} broken`);
process.exitCode = report.broken.length > 0 ? 1 : 0;

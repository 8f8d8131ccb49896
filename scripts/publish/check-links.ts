/**
 * Checks every internal link and #fragment of a built site with linkinator, offline:
 * links to other origins are listed as skipped, never fetched.
 * `npm run check:links` runs it (scripts/cli/check-links.ts).
 */
import { readdirSync } from "node:fs";
import { LinkChecker, type LinkResult } from "linkinator";

export interface LinkReport {
  checked: number;
  broken: LinkResult[];
}

export async function checkLinks(dir: string): Promise<LinkReport> {
  const checker = new LinkChecker();
  // Every page is an entry point, so pages nothing links to (404.html) are checked too.
  const pages = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .sort();
  const result = await checker.check({
    path: pages,
    serverRoot: dir,
    recurse: true,
    checkFragments: true,
    // The served site only: absolute URLs to other hosts (canonicals, the publisher) stay offline.
    linksToSkip: async (link) => !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(link),
  });
  return { checked: result.links.length, broken: result.links.filter((link) => link.state === "BROKEN") };
}

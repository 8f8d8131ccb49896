/**
 * Fingerprints of what shapes every page besides the content: the code (scripts, the Eleventy
 * configuration, the locked dependencies) and the templates (layouts, partials, page templates,
 * the stylesheet, static assets). When either changes, an incremental build renders every page.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Every file below `dir` (sorted, relative to `root`), skipping `skip` (absolute); none when it is missing. */
function filesBelow(root: string, dir: string, skip: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(path.resolve(root, dir), { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  return names
    .map((name) => path.join(dir, name))
    .filter((file) => !skip.some((skipped) => path.resolve(root, file).startsWith(skipped)))
    .sort();
}

/** A hash of the files' paths and bytes (folders listed among them are skipped). */
export function hashFiles(root: string, files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.resolve(root, file));
    } catch {
      continue; // a folder, or gone since listed
    }
    hash.update(file).update("\0").update(bytes).update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

/** The code's version: every script, the Eleventy configuration and the lock file. */
export function codeVersion(root: string): string {
  return hashFiles(root, [...filesBelow(root, "scripts"), ".eleventy.js", "package-lock.json"]);
}

/** The templates' version: the input folder (but the article sources in it) and the includes. */
export function templatesVersion(
  root: string,
  directories: { input: string; includes: string },
  articlesDir: string,
): string {
  return hashFiles(root, [
    ...filesBelow(root, directories.input, [path.resolve(articlesDir) + path.sep]),
    ...filesBelow(root, directories.includes),
  ]);
}

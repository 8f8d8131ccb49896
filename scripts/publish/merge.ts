/**
 * `npm run build -- --merge DIR… --out DIR`: joins the shares of one build (shares.ts), each
 * built by `--shard K/N` on a machine of its own, into the output, as a build on one machine
 * would have written it.
 *
 * Every share is checked before anything is written: each must be a share (its record), all of
 * the same build (the same edition: sources, code, templates, site URL), each of the N once and
 * none missing, and no file in two of them. Then, like a build: the output before last becomes
 * the staging folder, its files that are the shares' very files stay, the others are linked from
 * the shares (copied across file systems), and the folder is swapped into place. The output's
 * manifest is the shares' parts joined, so the next build over it, on one machine, is
 * incremental.
 */
import { type Dirent, readdirSync } from "node:fs";
import path from "node:path";
import { directories } from "../../.eleventy.js";
import { findContentValidationError, formatProblem } from "../input/content-error.ts";
import type { ContentPaths } from "../input/content-paths.ts";
import { readEnvironment } from "../input/environment.ts";
import { PHOTOS_FOLDER, SEARCH_FILES_FOLDER } from "../input/urls.ts";
import { shownPath } from "../text/shown-path.ts";
import { acquireBuildLock, BuildLockedError } from "./build-lock.ts";
import { keptEntry, pageFile } from "./kept-pages.ts";
import { type Manifest, manifestFile, removeManifest, writeManifest } from "./manifest.ts";
import { OUTPUT_MARKER, projectFolders, writeOutputMarker } from "./output-folder.ts";
import { giveBackStaging, recoverInterruptedSwap, swapIntoPlace, takeStaging } from "./output-swap.ts";
import { readShareRecord, SHARE_RECORD, type ShareRecord } from "./shares.ts";
import { prepareStaging, removeEmptyFolders } from "./staging.ts";
import { claimSurroundings } from "./surroundings.ts";

export interface MergeOptions {
  /** The folder to publish into (absolute). */
  out: string;
  /** The share folders (absolute), in any order. */
  shares: string[];
  /** Where the sources are: a share or the output may not be one of the project's folders. */
  paths: ContentPaths;
  quiet: boolean;
  /** The process environment, read once (scripts/input/environment.ts). */
  env?: NodeJS.ProcessEnv;
}

/** Each share's record, or every reason the shares cannot be merged, one line each. */
function checkShares(shares: readonly string[], out: string): { records: ShareRecord[] } | { problems: string[] } {
  const problems: string[] = [];
  const found: { dir: string; record: ShareRecord }[] = [];
  for (const dir of shares) {
    if (dir === out) {
      problems.push(`${shownPath(dir)} is the output itself; expected the share folders and another --out`);
      continue;
    }
    const record = readShareRecord(dir);
    if ("problem" in record) problems.push(`${shownPath(dir)} ${record.problem}`);
    else found.push({ dir, record });
  }
  const [first] = found;
  if (first) {
    const { count, edition } = first.record;
    const byIndex = new Map<number, string>();
    for (const { dir, record } of found) {
      if (record.edition !== edition || record.count !== count) {
        problems.push(
          `${shownPath(dir)} is share ${record.index}/${record.count} of another build than ${shownPath(first.dir)} (other sources, code, templates or site URL); expected every share of one build`,
        );
        continue;
      }
      const twin = byIndex.get(record.index);
      if (twin)
        problems.push(`share ${record.index}/${count} is given twice: ${shownPath(twin)} and ${shownPath(dir)}`);
      else byIndex.set(record.index, dir);
    }
    for (let index = 1; index <= count; index += 1) {
      if (!byIndex.has(index)) problems.push(`share ${index}/${count} is missing; expected all ${count} shares`);
    }
  }
  return problems.length > 0 ? { problems } : { records: found.map(({ record }) => record) };
}

/** Every file of a share, relative, but its marker and record; a file in two shares is a problem. */
function collectFiles(shares: readonly string[], files: Map<string, string>, problems: string[]): void {
  const owner = new Map<string, string>();
  for (const dir of shares) {
    const visit = (folder: string, relative: string) => {
      let entries: Dirent[];
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch (error) {
        problems.push(`${shownPath(folder)} cannot be read (${(error as NodeJS.ErrnoException).code})`);
        return;
      }
      for (const entry of entries) {
        const file = relative === "" ? entry.name : `${relative}/${entry.name}`;
        if (relative === "" && (entry.name === OUTPUT_MARKER || entry.name === SHARE_RECORD)) continue;
        if (entry.isDirectory()) visit(path.join(folder, entry.name), file);
        else if (!entry.isFile()) {
          problems.push(
            `${shownPath(path.join(folder, entry.name))} is not a regular file; expected a share as the build wrote it`,
          );
        } else if (owner.has(file)) {
          problems.push(`${file} is in two shares, ${shownPath(owner.get(file) as string)} and ${shownPath(dir)}`);
        } else {
          owner.set(file, dir);
          files.set(file, path.join(folder, entry.name));
        }
      }
    };
    visit(dir, "");
  }
}

/** Merges the shares into `options.out`; returns the process's exit status. */
export async function mergeShares(options: MergeOptions): Promise<number> {
  const started = performance.now();
  const { out, shares } = options;
  const fail = (lines: string[]) => {
    console.error(`Merge failed: ${lines.length} problem(s). Nothing was published.`);
    for (const line of lines) console.error(line);
    return 1;
  };
  let environment: ReturnType<typeof readEnvironment>;
  try {
    environment = readEnvironment(options.env);
  } catch (error) {
    const invalid = findContentValidationError(error);
    if (!invalid) throw error;
    return fail(invalid.problems.map(formatProblem));
  }
  // The same places around the output as a build's, checked the same way (surroundings.ts).
  const refused = claimSurroundings(
    out,
    environment,
    projectFolders({ cwd: process.cwd(), ...directories, ...options.paths }),
  );
  if (refused.length > 0) return fail(refused);
  const checked = checkShares(shares, out);
  if ("problems" in checked) return fail(checked.problems);
  const files = new Map<string, string>();
  const problems: string[] = [];
  collectFiles(shares, files, problems);
  if (problems.length > 0) return fail(problems);

  let releaseLock: () => void;
  try {
    releaseLock = acquireBuildLock(out);
  } catch (error) {
    if (!(error instanceof BuildLockedError)) throw error;
    return fail([error.message]);
  }
  try {
    recoverInterruptedSwap(out);
    const staging = takeStaging(out);
    try {
      const emptied = prepareStaging(staging, files);
      writeOutputMarker(staging);
      removeEmptyFolders(staging, emptied);
      const pages: Manifest["pages"] = {};
      const images: Manifest["images"] = {};
      // Every file is a share's, linked: its status-change time is the link's now.
      const linked = new Set(files.keys());
      for (const record of checked.records) {
        for (const [url, entry] of Object.entries(record.pages)) {
          pages[url] = keptEntry(staging, pageFile(url), entry, linked) ?? entry;
        }
        for (const [file, entry] of Object.entries(record.images)) {
          images[file] = keptEntry(staging, file.slice(1), entry, linked) ?? entry;
        }
      }
      const named = new Set([...Object.keys(pages).map(pageFile), ...Object.keys(images).map((file) => file.slice(1))]);
      // Photos and the search index are not in the manifest: their own code keeps their folders.
      const others = [...files.keys()].filter(
        (file) =>
          !named.has(file) && !file.startsWith(`${PHOTOS_FOLDER}/`) && !file.startsWith(`${SEARCH_FILES_FOLDER}/`),
      );
      others.push(OUTPUT_MARKER);
      const manifest = manifestFile(environment.cacheDir, out);
      removeManifest(manifest);
      swapIntoPlace(staging, out);
      const [first] = checked.records as [ShareRecord];
      // No journal: the next build reads the staging folder whole, once.
      writeManifest(manifest, { out, global: first.global, pages, images, others, journal: null });
    } catch (error) {
      giveBackStaging(staging, out);
      console.error("Merge failed; the previous output is unchanged.");
      console.error(error);
      return 1;
    }
    if (!options.quiet) {
      const pageCount = checked.records.reduce((sum, record) => sum + Object.keys(record.pages).length, 0);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      console.log(
        `Merged ${shares.length} shares into ${shownPath(out)} in ${seconds} s: ${pageCount} pages (${files.size + 1} files)`,
      );
    }
    return 0;
  } finally {
    releaseLock();
  }
}

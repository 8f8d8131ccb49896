/**
 * Makes a staging folder ready for a build. The staging folder is the output before last (see
 * output-swap.ts), so most of its files are already the ones the new output needs: hard links to
 * the same files as the current output, for every page no edit touched since. Keeping them costs
 * a stat each; creating and deleting thousands of folders and links cost a second at 4000
 * articles (measured: mkdir 0.35–1 s, the old tree's removal 0.5–2.5 s on these machines).
 *
 * What is kept: a page the build keeps (its fingerprint is unchanged) whose file in staging is the
 * very file the current output has (same device and inode: the same bytes, never copied); an
 * image the build draws (render-images.ts checks it against its cache). Everything else is
 * removed, so that whatever the build writes is a new file, and never a file the current output
 * shares: the current output is never written to. Missing kept pages are hard-linked from the
 * current output.
 */
import { copyFileSync, type Dirent, linkSync, mkdirSync, readdirSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import path from "node:path";
import { sameFile } from "./place-file.ts";

function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Leaves in `staging` only the kept pages' files (linked to `out`'s) and the images, and links
 * the kept pages it lacks. `keptFiles` and `images` are paths relative to the output folder;
 * `othersFolders`, top-level folders another part of the build tidies itself (the photos,
 * placed at the same time by a worker), are left alone.
 */
export function prepareStaging(
  staging: string,
  out: string,
  keptFiles: ReadonlySet<string>,
  images: ReadonlySet<string>,
  othersFolders: ReadonlySet<string> = new Set(),
): void {
  const present = new Set<string>();
  const visit = (dir: string, relative: string) => {
    for (const entry of entriesOf(dir)) {
      const full = path.join(dir, entry.name);
      const file = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory() && relative === "" && othersFolders.has(entry.name)) continue;
      if (entry.isDirectory()) visit(full, file);
      else if (entry.isFile() && images.has(file)) present.add(file);
      else if (entry.isFile() && keptFiles.has(file) && sameFile(full, path.join(out, file))) present.add(file);
      else if (entry.isFile() || entry.isSymbolicLink()) unlinkSync(full);
      else rmSync(full, { recursive: true, force: true });
    }
  };
  visit(staging, "");
  const made = new Set<string>();
  for (const file of keptFiles) {
    if (present.has(file)) continue;
    const folder = path.dirname(path.join(staging, file));
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    try {
      linkSync(path.join(out, file), path.join(staging, file));
    } catch {
      // A file system without hard links: the same bytes, copied.
      copyFileSync(path.join(out, file), path.join(staging, file));
    }
  }
}

/**
 * Removes the folders left empty below `dir` (pages that are gone) and counts the files, apart
 * from the top-level `othersFolders` (see prepareStaging), not visited.
 */
export function tidyAndCount(dir: string, othersFolders: ReadonlySet<string> = new Set()): number {
  let files = 0;
  for (const entry of entriesOf(dir)) {
    const full = path.join(dir, entry.name);
    if (!entry.isDirectory()) {
      files += 1;
      continue;
    }
    if (othersFolders.has(entry.name)) continue;
    const inside = tidyAndCount(full);
    if (inside === 0 && entriesOf(full).length === 0) rmdirSync(full);
    files += inside;
  }
  return files;
}

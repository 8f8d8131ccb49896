/**
 * The article sources below the articles folder, and what in that tree cannot be read as it
 * should: a folder that cannot be listed, a symbolic link that leads nowhere or back to itself,
 * a folder reached twice (a link to a folder that contains it would be walked for ever), a
 * Markdown file with another extension than .md (it would be left out without a word).
 *
 * Names starting with a dot are skipped: they are the editors' and systems' own files (.git,
 * .DS_Store, ._x.md written by macOS on other disks, the .#x.md lock links Emacs leaves while a
 * file is being edited, which lead nowhere).
 */
import { type Dirent, readdirSync, type Stats, statSync } from "node:fs";
import path from "node:path";
import { shownPath } from "../text/shown-path.ts";
import type { ContentProblem } from "./content-error.ts";
import { checkSourcePath } from "./read-source.ts";

/** Other extensions Markdown is saved with: refused with a word rather than left out in silence. */
const OTHER_MARKDOWN = /\.(?:md|markdown|mdown|mkdn?|mdwn|mdtxt|mdtext)$/i;

/** The problem of a file name that looks like Markdown but does not end in .md, or null. */
export function otherMarkdownExtension(name: string): string | null {
  if (name.endsWith(".md") || !OTHER_MARKDOWN.test(name)) return null;
  return `has the extension "${path.extname(name)}"; expected ".md" (other files are not read)`;
}

export interface ArticleFiles {
  /** Every *.md path that is not a folder, sorted; each is checked again when it is read. */
  files: string[];
  problems: ContentProblem[];
  /** Files that are neither articles nor images (a backup x.md.bak, a note), sorted: not read, said once. */
  skipped: string[];
}

/** Files of the articles tree that are photos, or images refused when an article names them: read only then. */
const IMAGE_FILE = /\.(?:jpe?g|png|webp|avif|gif|heic|heif|tiff?|bmp|svg)$/i;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? "error";

/** Identifies a folder however it is reached (its path may go through links). */
const folderKey = (stats: Stats) => `${stats.dev}:${stats.ino}`;

export function findArticleFiles(articlesDir: string): ArticleFiles {
  const files: string[] = [];
  const problems: ContentProblem[] = [];
  const skipped: string[] = [];
  const problem = (file: string, field: string, message: string) =>
    problems.push({ file: shownPath(file), field, message });
  // Folders by identity: the first path each was reached by, and those being walked now.
  const walked = new Map<string, string>();
  const open = new Set<string>();

  const walk = (dir: string, stats: Stats): void => {
    const key = folderKey(stats);
    walked.set(key, dir);
    open.add(key);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problem(dir, "(folder)", `cannot be read (${errorCode(error)}); expected a folder the build may list`);
      entries = [];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      const isMarkdown = entry.name.endsWith(".md");
      let target: Stats | undefined;
      if (entry.isSymbolicLink() || entry.isDirectory()) {
        try {
          target = statSync(full);
        } catch {
          // A link that cannot be followed: read as a source, it says why (dangling, a loop).
          const checked = checkSourcePath(full);
          problem(full, "(file)", checked.ok ? "cannot be followed; expected a file or a folder" : checked.message);
          continue;
        }
      }
      if (target?.isDirectory()) {
        const first = walked.get(folderKey(target));
        if (first === undefined) walk(full, target);
        else if (open.has(folderKey(target))) {
          problem(
            full,
            "(folder)",
            `leads back to ${shownPath(first)}, a folder that contains it (a loop); expected links to lead out of the tree`,
          );
        } else {
          problem(full, "(folder)", `is ${shownPath(first)} again (through a link); expected each folder once`);
        }
      } else if (isMarkdown) {
        files.push(full);
      } else {
        const other = otherMarkdownExtension(entry.name);
        if (other) problem(full, "(file name)", other);
        else if (!IMAGE_FILE.test(entry.name)) skipped.push(full);
      }
    }
    open.delete(key);
  };

  let root: Stats | undefined;
  try {
    root = statSync(articlesDir);
  } catch (error) {
    if (errorCode(error) !== "ENOENT") {
      problem(articlesDir, "(folder)", `cannot be read (${errorCode(error)}); expected the articles folder`);
    }
  }
  if (root?.isDirectory()) walk(articlesDir, root);
  else if (root)
    problem(articlesDir, "(folder)", `is ${root.isFile() ? "a file" : "not a folder"}; expected the articles folder`);
  return { files: files.sort(), problems, skipped: skipped.sort() };
}

/** Every *.md below the folder, sorted so results never depend on directory order. */
export function listArticleFiles(articlesDir: string): string[] {
  return findArticleFiles(articlesDir).files;
}

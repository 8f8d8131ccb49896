/**
 * Reports changed files below folders, with one fs.watch per directory: the system says which
 * file of a watched directory changed, so a save costs nothing more. (Chokidar, under Eleventy's
 * watch, reads and stats the whole directory on every event: hundreds of articles per save.)
 * Changes are reported together once no event came for `quietMs`: editors save in bursts.
 *
 * Whatever appears below a folder is reported, never fatal: a symbolic link to a folder is
 * followed once (each real folder is watched through one path only, so a link to a parent, or
 * to itself, ends there), and a link that cannot be resolved (dangling, or pointing at itself)
 * is reported as a changed file for the content loader to judge.
 */
import { type Dirent, type FSWatcher, readdirSync, realpathSync, statSync, watch } from "node:fs";
import path from "node:path";

export interface FolderWatch {
  close(): void;
}

export interface FolderWatchOptions {
  /** How long without events before the changes are reported (ms). */
  quietMs?: number;
  /** Told about anything unexpected while handling an event; the watch goes on. */
  onError?: (error: unknown) => void;
}

export function watchFolders(
  folders: string[],
  onChange: (files: string[]) => void,
  options: FolderWatchOptions = {},
): FolderWatch {
  const quietMs = options.quietMs ?? 50;
  /** Watched folder (as reached) → its watcher and its real path. */
  const watchers = new Map<string, { watcher: FSWatcher; real: string }>();
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const report = (file: string) => {
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].sort();
      changed = new Set();
      if (!closed) onChange(files);
    }, quietMs);
  };
  const isWatchedReal = (real: string) => [...watchers.values()].some((watched) => watched.real === real);

  const changedInside = (dir: string, name: string | null) => {
    const file = name ? path.join(dir, name) : dir;
    const real = file === dir ? null : folderAt(file);
    // A new folder (a new section) is watched too, with what it already holds; a removed one
    // no longer, so that it is watched again if it comes back. A link to a folder already
    // watched through another path (a parent: a loop) is a change of its own, not a new tree.
    if (real !== null && !watchers.has(file) && isWatchedReal(real)) {
      report(file);
    } else if (real !== null) {
      watchTree(file);
      for (const inside of filesBelow(file)) report(inside);
    } else {
      if (file !== dir && watchers.has(file)) unwatch(file);
      report(file);
    }
  };

  const watchTree = (dir: string) => {
    if (closed || watchers.has(dir)) return;
    const real = folderAt(dir);
    // Not a folder any more, or one already watched through another path (a link loop).
    if (real === null || isWatchedReal(real)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        try {
          changedInside(dir, name === null ? null : name.toString());
        } catch (error) {
          options.onError?.(error);
        }
      });
    } catch {
      return; // missing or unreadable: nothing to watch there
    }
    watcher.on("error", () => unwatch(dir));
    watchers.set(dir, { watcher, real });
    for (const entry of subfolders(dir)) watchTree(entry);
  };
  const unwatch = (dir: string) => {
    for (const [watched, { watcher }] of watchers) {
      if (watched === dir || watched.startsWith(`${dir}${path.sep}`)) {
        watcher.close();
        watchers.delete(watched);
      }
    }
  };

  for (const folder of folders) watchTree(path.resolve(folder));
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const dir of [...watchers.keys()]) unwatch(dir);
    },
  };
}

/** The real path of the folder at `file` (through links), or null when it is not a folder. */
function folderAt(file: string): string | null {
  try {
    return statSync(file).isDirectory() ? realpathSync.native(file) : null;
  } catch {
    return null; // gone, a dangling link, or a link loop (ELOOP)
  }
}

function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Folders directly inside `dir`, links to folders included. */
function subfolders(dir: string): string[] {
  return entriesOf(dir)
    .map((entry) => ({ entry, file: path.join(dir, entry.name) }))
    .filter(({ entry, file }) => entry.isDirectory() || (entry.isSymbolicLink() && folderAt(file) !== null))
    .map(({ file }) => file);
}

/** Every entry below `dir`, each real folder visited once (readdir's own recursion follows link loops). */
function filesBelow(dir: string, visited = new Set<string>()): string[] {
  const real = folderAt(dir);
  if (real === null || visited.has(real)) return [];
  visited.add(real);
  return entriesOf(dir).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return [file, ...(entry.isDirectory() || entry.isSymbolicLink() ? filesBelow(file, visited) : [])];
  });
}

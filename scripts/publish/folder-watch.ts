/**
 * Reports changed files below folders, with one fs.watch per directory: the system says which
 * file of a watched directory changed, so a save costs nothing more. (Chokidar, under Eleventy's
 * watch, reads and stats the whole directory on every event: hundreds of articles per save.)
 * Changes are reported together once no event came for `quietMs`: editors save in bursts.
 */
import { type FSWatcher, readdirSync, statSync, watch } from "node:fs";
import path from "node:path";

export interface FolderWatch {
  close(): void;
}

export function watchFolders(
  folders: string[],
  onChange: (files: string[]) => void,
  options: { quietMs?: number } = {},
): FolderWatch {
  const quietMs = options.quietMs ?? 50;
  const watchers = new Map<string, FSWatcher>();
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

  const watchTree = (dir: string) => {
    if (closed || watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        const file = name ? path.join(dir, name.toString()) : dir;
        // A new folder (a new section) is watched too, with what it already holds; a removed one
        // no longer, so that it is watched again if it comes back.
        if (file !== dir && isDirectory(file)) {
          watchTree(file);
          for (const inside of listFiles(file)) report(inside);
        } else {
          if (file !== dir && watchers.has(file)) unwatch(file);
          report(file);
        }
      });
    } catch {
      return; // missing or unreadable: nothing to watch there
    }
    watcher.on("error", () => unwatch(dir));
    watchers.set(dir, watcher);
    for (const entry of subfolders(dir)) watchTree(entry);
  };
  const unwatch = (dir: string) => {
    for (const [watched, watcher] of watchers) {
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

function isDirectory(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(dir, entry.name));
  } catch {
    return [];
  }
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((entry) => path.join(dir, entry));
  } catch {
    return [];
  }
}

/** A file's path as messages show it: relative to the working directory, or absolute when outside it. */
import path from "node:path";

export function shownPath(file: string, cwd = process.cwd()): string {
  const relativePath = path.relative(cwd, file);
  return relativePath === "" || relativePath.startsWith("..") || path.isAbsolute(relativePath) ? file : relativePath;
}

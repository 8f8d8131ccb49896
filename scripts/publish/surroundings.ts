/**
 * Everything around the output a build touches, checked before it writes anything: the output
 * folder (output-folder.ts), the folders the swap uses beside it (output-swap.ts), the lock
 * (build-lock.ts) and the cache (cache-folder.ts). What the build does with each kind of thing it
 * may find there is listed in docs/deployment.md (« The output's surroundings »).
 */
import { lockProblem } from "./build-lock.ts";
import { type CacheFolders, cacheFolderProblems, cacheFoldersProtected, tagCacheFolders } from "./cache-folder.ts";
import { outputFolderProblem, type ProtectedFolder } from "./output-folder.ts";
import { swapFoldersProblems } from "./output-swap.ts";

/**
 * Every reason the build may not write `out` with these caches, one line each (all of them
 * together); when there is none, the cache folders are made and tagged as the build's.
 */
export function claimSurroundings(
  out: string,
  caches: CacheFolders,
  folders: { project: string; protectedFolders: ProtectedFolder[] },
): string[] {
  const problems: string[] = [];
  const output = outputFolderProblem(out, {
    ...folders,
    protectedFolders: [...folders.protectedFolders, ...cacheFoldersProtected(caches)],
  });
  if (output) problems.push(output);
  // Beside a folder that may not be the output, nothing is the build's to look at.
  else problems.push(...swapFoldersProblems(out), ...[lockProblem(out)].filter((line) => line !== null));
  problems.push(...cacheFolderProblems(caches, out, folders));
  if (problems.length === 0) tagCacheFolders(caches);
  return problems;
}

/**
 * A command's result never depends on whether anyone still reads its output. When standard output
 * or error is a pipe whose reader has gone (`npm run build | head -0`, a CI log stream that was
 * cut), Node reports EPIPE as an 'error' event on process.stdout at the next write; unhandled, it
 * ended `npm run build` with status 1 *after* dist/ had been replaced. Messages that cannot be
 * delivered are dropped instead, and the exit status alone says whether the site was published.
 */
export function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", () => {
      // Nobody reads this stream any more: there is nowhere left to report to.
    });
  }
}

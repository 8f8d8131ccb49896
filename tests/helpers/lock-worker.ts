/**
 * One of the processes racing for the build lock in tests/unit/publish/build-lock.test.ts.
 *
 *   node --import tsx tests/helpers/lock-worker.ts <out> <log> <go-file> <rounds> <live|die>
 *
 * Writes <go-file>.ready-<pid> once loaded and waits for <go-file>, so that every worker starts at
 * once; then takes and releases the lock <rounds> times, appending "enter <pid>" and "exit <pid>" to <log> while it holds it. With "die",
 * it logs "die <pid>" in its last round and kills itself with SIGKILL, holding the lock.
 */
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { acquireBuildLock, BuildLockedError } from "../../scripts/publish/build-lock.ts";

const [out, log, go, rounds, fate] = process.argv.slice(2) as [string, string, string, string, string];
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

writeFileSync(`${go}.ready-${process.pid}`, "");
while (!existsSync(go)) pause(2);
for (let round = 0; round < Number(rounds); round += 1) {
  let release: () => void;
  for (;;) {
    try {
      release = acquireBuildLock(out);
      break;
    } catch (error) {
      if (!(error instanceof BuildLockedError)) throw error;
      pause(Math.random() * 2);
    }
  }
  appendFileSync(log, `enter ${process.pid}\n`);
  pause(1);
  if (fate === "die" && round === Number(rounds) - 1) {
    appendFileSync(log, `die ${process.pid}\n`);
    process.kill(process.pid, "SIGKILL");
  }
  appendFileSync(log, `exit ${process.pid}\n`);
  release();
}

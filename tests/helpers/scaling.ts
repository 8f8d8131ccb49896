/**
 * Whether a function's cost grows linearly with its input, by ratio and never by wall clock:
 * doubling the input of a linear function doubles its time, of a quadratic one quadruples it.
 */

/** The limit a transform's doubling cost must stay under: linear is 2, quadratic 4. */
export const LINEAR_LIMIT = 3;

/**
 * Milliseconds of this process's CPU time that `calls` calls take: unlike the clock, it does not
 * count the time other processes had the CPU (the machines have two shared cores).
 */
function timeOf(run: () => unknown, calls: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i += 1) run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

function medianOf(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * How much longer `transform` takes on an input twice as long as `size`. Each sample repeats the
 * call until a sample of the smaller input lasts a few milliseconds of CPU time (shorter ones
 * are mostly noise), samples of both sizes alternate, and the medians are compared; the best of
 * `attempts` tries counts (a busy machine slows one try, not every one; a quadratic transform
 * stays near 4 in all of them).
 */
export function doublingCost<T>(
  transform: (input: T) => unknown,
  inputOfSize: (size: number) => T,
  { size = 20_000, samples = 5, attempts = 5 } = {},
): number {
  const small = inputOfSize(size);
  const large = inputOfSize(2 * size);
  // The first calls compile the code and fill caches.
  transform(small);
  transform(large);
  let calls = 1;
  while (calls < 100_000 && timeOf(() => transform(small), calls) < 5) calls *= 2;
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < attempts && best > LINEAR_LIMIT; attempt += 1) {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      a.push(timeOf(() => transform(small), calls));
      b.push(timeOf(() => transform(large), calls));
    }
    best = Math.min(best, medianOf(b) / Math.max(medianOf(a), 0.001));
  }
  return best;
}

/**
 * Whether a function's cost grows linearly with its input, by ratio and never by wall clock:
 * doubling the input of a linear function doubles its time, of a quadratic one quadruples it.
 */

function medianMs(run: () => void, repetitions: number): number {
  const times: number[] = [];
  for (let i = 0; i < repetitions; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** The limit a transform's doubling cost must stay under: linear is 2, quadratic 4. */
export const LINEAR_LIMIT = 3;

/**
 * How much longer `transform` takes on an input twice as long. The input grows from `size`
 * until one run takes a few milliseconds (shorter times are mostly timer noise, up to
 * `maxSize`), then each size is timed `repetitions` times and the medians compared; the best of
 * `attempts` tries counts (a busy machine slows one try, not every one; a quadratic transform
 * stays near 4 in all of them).
 */
export function doublingCost<T>(
  transform: (input: T) => unknown,
  inputOfSize: (size: number) => T,
  { size = 10_000, maxSize = 400_000, repetitions = 7, attempts = 5 } = {},
): number {
  let small = inputOfSize(size);
  // The first calls compile the code and fill caches.
  transform(small);
  while (2 * size <= maxSize && medianMs(() => transform(small), 3) < 4) {
    size *= 2;
    small = inputOfSize(size);
  }
  const large = inputOfSize(2 * size);
  transform(large);
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < attempts && best > LINEAR_LIMIT; attempt += 1) {
    const a = medianMs(() => transform(small), repetitions);
    const b = medianMs(() => transform(large), repetitions);
    best = Math.min(best, b / Math.max(a, 0.001));
  }
  return best;
}

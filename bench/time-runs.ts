// Wall-clock samples of an async step, for the benches that time a whole operation end to end.

/** One warm-up call (module loading, JIT, a browser's first page) left out, then `runs` timed calls in milliseconds. */
export async function timeRuns(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

// Progress of reading and checking a file (an import or 照会 preview run as a job): the step and,
// where it counts, rows or files done of how many. Each report is also where a cancelled job stops
// (the job's callback throws JobCancelled), so reports come between rows, never inside a write.
import type { Progress } from '../export/run-export.js';

export type OnProgress = (p: Progress) => void;

export const READING = '読み込み中…';
export const MATCHING = '照合中…';

/** Rows between two reports: often enough for a bar and a prompt stop, rare enough to cost nothing. */
const EVERY = 250;

/** A counter for one step: `tick(done)` reports every few rows and at the end; no-op without a listener. */
export function rowTicker(onProgress: OnProgress | undefined, phase: string, total: number, unit = '行'): (done: number) => void {
  if (!onProgress) return () => undefined;
  const report = (done: number) => onProgress({ phase, done: Math.min(done, total), total: Math.max(total, 1), unit });
  report(0);
  return (done) => {
    if (done % EVERY === 0 || done >= total) report(done);
  };
}

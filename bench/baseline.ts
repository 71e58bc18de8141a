// Figures measured before issue 14's performance work (bench/baseline-issue14.json: the same
// bench, same machine, run back to back with the "after" figures of the closing note), so the
// bench prints how a figure compares with before. Keys name the figure, values are milliseconds.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../db/paths.js';

let baseline: Record<string, number> | undefined;

function load(): Record<string, number> {
  if (!baseline) {
    const file = join(appRoot(), 'bench', 'baseline-issue14.json');
    baseline = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { figures: Record<string, number> }).figures : {};
  }
  return baseline;
}

/** "0.42× before (612.0 ms)", or '' when the figure has no baseline. */
export function baselineRatio(key: string, ms: number): string {
  const before = load()[key];
  return before ? `${(ms / before).toFixed(2)}× before (${before.toFixed(1)} ms)` : '';
}

// CLI start-up bench (issue 10 §1): `xpw summary`, `xpw check` and `xpw export report --format
// docx` on the sample, each run as a fresh process and paired with a raw better-sqlite3
// open-and-count of the same file run right before it (so both see the same machine load).
// Targets: summary and check at most 2× the raw run (median of the pairs) and at most 80 MiB peak
// resident memory; the Word report under 1 s.
//
//   npx tsx bench/cli.ts [--runs N]     this part alone (npm run bench runs it with the rest)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { appRoot } from '../db/paths.js';
import { table, verdict } from './report.js';
import { stats, type Stats } from './stats.js';

export interface CliCase {
  id: string;
  label: string;
  runs: number;
  /** Wall time of the xpw process. */
  ms: Stats;
  /** Wall time of the paired raw open-and-count. */
  rawMs: Stats;
  /** Median of the per-pair ratios xpw / raw. */
  ratio: number;
  maxRatio: number | null;
  /** Peak resident memory of the xpw process, the largest over the runs. */
  peakMiB: number;
  rawPeakMiB: number;
  maxPeakMiB: number | null;
  targetMs: number | null;
  pass: boolean;
}

const RAW = `const Database = require('better-sqlite3');
const db = new Database(process.argv[1], { readonly: true });
console.log(db.prepare('SELECT count(*) FROM issues').pluck().get());
db.close();`;

/** Runs node with a preload that writes the process's peak RSS (KiB) to a file at exit. */
function timed(args: string[], rssFile: string, preload: string): { ms: number; kib: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, ...args], {
    cwd: appRoot(),
    encoding: 'utf8',
    env: { ...process.env, XPW_BENCH_RSS_FILE: rssFile },
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, kib: Number(readFileSync(rssFile, 'utf8')) };
}

export function runCliBench(opts: { runs: number }): CliCase[] {
  const dir = mkdtempSync(join(tmpdir(), 'xpw-cli-bench-'));
  try {
    const bin = join(appRoot(), 'bin', 'xpw.mjs');
    const db = join(dir, 'sample.sqlite');
    const rssFile = join(dir, 'rss');
    const preload = join(dir, 'rss.cjs');
    writeFileSync(preload, "process.on('exit', () => require('fs').writeFileSync(process.env.XPW_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");
    // Builds the CLI when needed (not timed) and makes the sample.
    const init = spawnSync(process.execPath, [bin, 'init', '--db', db, '--sample'], { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`xpw init failed: ${init.stderr}`);
    const out = join(dir, 'report.docx');
    const cases = [
      { id: 'C1', label: 'xpw summary (sample)', args: [bin, 'summary', '--db', db], maxRatio: 2, maxPeakMiB: 80, targetMs: null },
      { id: 'C2', label: 'xpw check (sample)', args: [bin, 'check', '--db', db], maxRatio: 2, maxPeakMiB: 80, targetMs: null },
      { id: 'C3', label: 'xpw export report --format docx', args: [bin, 'export', 'report', '--db', db, '--out', out, '--format', 'docx', '--force'], maxRatio: null, maxPeakMiB: null, targetMs: 1000 },
    ];
    return cases.map((c) => {
      timed(c.args, rssFile, preload); // warm the file cache once
      const pairs = Array.from({ length: opts.runs }, () => {
        const raw = timed(['-e', RAW, db], rssFile, preload);
        const xpw = timed(c.args, rssFile, preload);
        return { raw, xpw };
      });
      const ratios = pairs.map((p) => p.xpw.ms / p.raw.ms);
      const ms = stats(pairs.map((p) => p.xpw.ms));
      const rawMs = stats(pairs.map((p) => p.raw.ms));
      const ratio = stats(ratios).median;
      const peakMiB = Math.max(...pairs.map((p) => p.xpw.kib)) / 1024;
      const rawPeakMiB = Math.max(...pairs.map((p) => p.raw.kib)) / 1024;
      const pass = (c.maxRatio === null || ratio <= c.maxRatio) && (c.maxPeakMiB === null || peakMiB <= c.maxPeakMiB) && (c.targetMs === null || ms.median < c.targetMs);
      return { id: c.id, label: c.label, runs: opts.runs, ms, rawMs, ratio, maxRatio: c.maxRatio, peakMiB, rawPeakMiB, maxPeakMiB: c.maxPeakMiB, targetMs: c.targetMs, pass };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printCli(cases: CliCase[]): string[] {
  console.log(`\n== CLI start-up (fresh process each run, paired with a raw better-sqlite3 open-and-count; ${cases[0]?.runs ?? 0} pairs)`);
  const f = (n: number) => n.toFixed(0);
  const rows = cases.map((c) => [
    c.id,
    c.label,
    f(c.ms.median),
    f(c.rawMs.median),
    `${c.ratio.toFixed(2)}×`,
    c.maxRatio === null ? (c.targetMs === null ? '—' : `< ${c.targetMs} ms`) : `≤ ${c.maxRatio}×`,
    `${c.peakMiB.toFixed(0)} (${c.rawPeakMiB.toFixed(0)})`,
    c.maxPeakMiB === null ? '—' : `≤ ${c.maxPeakMiB}`,
    verdict(c.pass),
  ]);
  console.log(table(['', 'case', 'xpw median ms', 'raw median ms', 'ratio', 'target', 'peak MiB (raw)', 'target MiB', 'result'], rows, [false, false, true, true, true, true, true, true, false]));
  return cases
    .filter((c) => !c.pass)
    .map((c) => `${c.id} ${c.label}: ratio ${c.ratio.toFixed(2)}×, ${c.ms.median.toFixed(0)} ms, peak ${c.peakMiB.toFixed(0)} MiB`);
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const failures = printCli(runCliBench({ runs: Math.max(5, Number(values.runs)) }));
  if (failures.length) console.log(`FAIL: ${failures.join('; ')}`);
}

// Console output of the bench: aligned tables (Japanese labels count double width).
import type { GeneratedDb } from './generate.js';
import type { QueryResult } from './queries.js';
import type { LatencySeries, UiResult } from './ui.js';
import { baselineRatio } from './baseline.js';

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - width(s))) + s;
const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '—');
export const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL ✗');

export function table(head: string[], rows: string[][], alignRight: boolean[]): string {
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (alignRight[i] ? padStart(c, widths[i]!) : padEnd(c, widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function printDatabase(g: GeneratedDb, openMs: number): void {
  console.log('\n== Database');
  console.log(
    `${g.issues.toLocaleString()} issues, ${g.organizations.length} 局区, ${g.issuesWithVersions.toLocaleString()} issues with ` +
      `${g.versions.toLocaleString()} versions, ${g.evaluations.toLocaleString()} evaluations (${g.unranked.toLocaleString()} 未評価, ` +
      `${g.comments.toLocaleString()} 所見); ${(g.bytes / 1048576).toFixed(1)} MB`,
  );
  console.log(`generated in ${(g.generateMs / 1000).toFixed(1)} s (issues ${(g.phases.issuesMs / 1000).toFixed(1)} s, versions ${(g.phases.versionsMs / 1000).toFixed(1)} s); reopened with openDatabase in ${ms(openMs)} ms`);
}

export function printQueries(results: QueryResult[], runs: number): void {
  console.log(`\n== Queries (listIssues / summarize, ${runs} runs after warm-up; PASS when p95 < target)`);
  console.log(
    table(
      ['', 'query', 'rows / total', 'median ms', 'p95 ms', 'target', 'result'],
      results.map((r) => [r.id, r.label, r.result, ms(r.ms.median), ms(r.ms.p95), `< ${r.targetMs}`, verdict(r.pass)]),
      [false, false, true, true, true, true, false],
    ),
  );
}

export function printPlans(results: QueryResult[]): void {
  const failing = results.filter((r) => r.plans);
  if (failing.length === 0) return;
  console.log('\n== Query plans of the failing queries (EXPLAIN QUERY PLAN; statement time of one run)');
  for (const r of failing) {
    console.log(`\n[${r.id}] ${r.label}`);
    for (const p of r.plans ?? []) {
      console.log(`  ${ms(p.ms)} ms  ${p.sql.length > 160 ? `${p.sql.slice(0, 157)}...` : p.sql}`);
      for (const line of p.plan) console.log(`      ${line}`);
    }
  }
}

function seriesRow(name: string, s: LatencySeries, informational = false): string[] {
  const result = informational ? '(info)' : verdict(s.pass);
  const b = s.breakdown;
  return [
    name,
    String(s.paint.n),
    ms(s.dom.median),
    ms(s.paint.median),
    ms(s.paint.p95),
    `${ms(b.toRequest.median)} + ${ms(b.request.median)} + ${ms(b.responseToDom.median)} + ${ms(b.domToPaint.median)}`,
    informational ? '—' : `< ${s.targetMs}`,
    result + (s.timeouts ? ` (${s.timeouts} timeouts)` : ''),
  ];
}

export function printUi(ui: UiResult): void {
  console.log(`\n== UI in Chromium ${ui.chromium} (browser preview; in-page timings)`);
  const f = ui.firstRows;
  console.log(
    `time to first rows (page.goto → first row visible): cold ${ms(f.wallMs[0] ?? Number.NaN)} ms, ` +
      `median ${ms(f.wall.median)} ms, max ${ms(f.wall.max)} ms over ${f.wall.n} loads ` +
      `(in-page from navigation start: ${f.inPageMs.map((v) => (v === null ? '—' : ms(v))).join(', ')}) ` +
      `target < ${f.targetMs} ms → ${verdict(f.pass)}`,
  );
  console.log(
    table(
      ['interaction', 'n', 'DOM median', 'paint median', 'paint p95', 'breakdown (medians)', 'target (p95)', 'result'],
      [
        seriesRow('局区 select → count + first row', ui.filter),
        seriesRow(`検索 typing → count (incl. ${ui.search.debounceMs} ms debounce)`, ui.search),
        seriesRow('rank key 1/2/3 → selected row rank cell', ui.rankEdit),
        seriesRow('  same, brisk (↓ + key every ~150 ms)', ui.rankEditBurst, true),
      ],
      [false, true, true, true, true, true, true, false],
    ),
  );
  console.log(
    '(DOM: trigger event → DOM shows the new state; paint: one animation frame later ' +
      `(idle frame interval here ${ms(ui.frameIntervalMs)} ms). Breakdown: trigger → request start + request (issues.list / ` +
      'evaluations.setRank, server time incl. queueing) + response → DOM + DOM → paint. ' +
      'Brisk edits do not wait for the previous edit\'s summary/detail reloads, which share the server\'s single thread.)',
  );
  // Issue 14's targets against the figures measured before its performance work.
  for (const [key, label, s] of [
    ['ui.filter', '局区 filter → painted', ui.filter],
    ['ui.search', '検索 → painted (incl. debounce)', ui.search],
    ['ui.rankEdit', 'rank key → painted', ui.rankEdit],
  ] as const) {
    console.log(`${label}: p50 ${ms(s.paint.median)} ms ${baselineRatio(`${key}.p50`, s.paint.median)}, p95 ${ms(s.paint.p95)} ms ${baselineRatio(`${key}.p95`, s.paint.p95)}`);
  }
  const b = ui.bulk;
  if (!b) return;
  console.log(
    `bulk (one audited change each, grid reloaded): paste of ${b.pasteRows.toLocaleString('en')} ranks median ${ms(b.paste.median)} ms, max ${ms(b.paste.max)} ms; ` +
      `rank for ${b.selectedRows.toLocaleString('en')} selected rows median ${ms(b.selected.median)} ms, max ${ms(b.selected.max)} ms; ` +
      `target < ${b.targetMs} ms (slowest run) → ${verdict(b.pass)}`,
  );
}

export function printVerdict(failures: string[]): void {
  console.log('');
  if (failures.length === 0) console.log('== All targets met.');
  else console.log(`== FAIL: ${failures.length} target(s) missed:\n${failures.map((f) => `   ✗ ${f}`).join('\n')}`);
}

export interface TimedCase {
  id: string;
  label: string;
  ms: { median: number; p95: number };
  targetMs: number | null;
  /** The raw library's median time for the same work, when there is a baseline. */
  baselineMs: number | null;
  pass: boolean;
  /** Printed after the verdict, e.g. the file size. */
  note?: string;
}

/** The table the export and import sections print: timings against targets and baselines. */
export function printTimedCases(title: string, cases: TimedCase[]): string[] {
  console.log(`\n== ${title}`);
  const rows = cases.map((c) => [
    c.id,
    c.label,
    ms(c.ms.median),
    ms(c.ms.p95),
    c.targetMs === null ? '—' : `< ${c.targetMs}`,
    c.baselineMs === null ? '—' : ms(c.baselineMs),
    c.baselineMs ? `${(c.ms.median / c.baselineMs).toFixed(1)}×` : '—',
    `${verdict(c.pass)}${c.note ? `  ${c.note}` : ''}`,
  ]);
  console.log(table(['', 'case', 'median ms', 'p95 ms', 'target', 'baseline ms', 'ratio', 'result'], rows, [false, false, true, true, true, true, true, false]));
  return cases.filter((c) => !c.pass).map((c) => `${c.id} ${c.label}: p95 ${c.ms.p95.toFixed(0)} ms ≥ ${c.targetMs} ms`);
}

// The chart view over the full bench database (issue 14 §4): in Chromium, the time from a click on
// the グラフ tab until both charts and their tables are on screen (one frame after the DOM shows
// them), each time after a rank was changed — so no cached figure is left and the movement query
// runs cold, as after a working session in the grid (whose summary has just counted the grid's
// filter, which the bars reuse); then the two grouped queries alone in Node. A second round is made
// first (carrying all ranks over, some moved) so the movement chart has something to show; run
// this after the benches that expect one round.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/open.js';
import { appRoot } from '../db/paths.js';
import { chartView, movementByOrganization, rankDistribution } from '../db/queries/charts.js';
import { confirmCarried } from '../db/write/confirm-carried.js';
import { setRank } from '../db/write/evaluations.js';
import { createRound } from '../db/write/rounds.js';
import { getRound } from '../db/queries/rounds.js';
import { summarize } from '../db/queries/summary.js';
import { startPreviewServer } from '../electron/web/server.js';
import { ContractWorkers } from '../electron/worker/contract-workers.js';
import { launchChromium } from '../test/helpers/browser.js';
import { stats, type Stats } from './stats.js';
import { baselineRatio } from './baseline.js';

export const CHART_VIEW_TARGET_MS = 300;

export interface ChartsResult {
  issues: number;
  /** After an edit each time: the grid's summary (baseline), the bars of the same filter, the movement. */
  queries: { summary: Stats; distribution: Stats; movement: Stats; view?: Stats };
  /** Tab click → both charts painted, after an edit each time (see above). */
  view: {
    coldMs: number;
    all: Stats;
    targetMs: number;
    pass: boolean;
    /** Where the time goes: API requests per view, tab click → first request, first request start → last response, → painted. */
    breakdown?: { requests: number; toRequest: Stats; requests_: Stats; afterResponse: Stats };
  };
}

// In-page, as a string (tsx's keepNames would break a serialised function): clicks the tab and
// resolves with the milliseconds until both tables have rows, their canvases are drawn, plus a frame.
const MEASURE = `new Promise((resolve) => {
  const ready = () => document.querySelector('[data-print-id=distribution] tbody tr') && document.querySelector('[data-print-id=movement] tbody tr')
    && document.querySelectorAll('.chart-canvas canvas').length === 2;
  const tab = [...document.querySelectorAll('[role=tab]')].find((t) => t.textContent === 'グラフ');
  let done = false;
  const t0 = performance.now();
  const api = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/charts.') && e.startTime >= t0);
  const finish = () => { if (done || !ready()) return; done = true; observer.disconnect(); requestAnimationFrame(() => {
    const calls = api();
    resolve({ ms: performance.now() - t0, requests: calls.length, apiStart: calls.length ? Math.min(...calls.map((e) => e.startTime)) - t0 : null, apiEnd: calls.length ? Math.max(...calls.map((e) => e.responseEnd)) - t0 : null });
  }); };
  const observer = new MutationObserver(finish);
  observer.observe(document.body, { childList: true, subtree: true });
  tab.click();
  setTimeout(() => { if (!done) { observer.disconnect(); resolve({ ms: -1 }); } }, 10000);
})`;

export async function runChartsBench(o: { db: Db; roundId: number; runs: number }): Promise<ChartsResult> {
  const sqlite = o.db.sqlite;
  const first = getRound(sqlite, o.roundId)!;
  const { round } = createRound(sqlite, { label: 'B2', title: 'ベンチ第2回', asOf: '2099-01', meetingDate: null, scaleId: first.scaleId, carryFromRoundId: first.id }, 'bench');
  confirmCarried(sqlite, { roundId: round.id }, 'bench');
  const some = sqlite.prepare('SELECT issue_id FROM evaluations WHERE round_id = ? AND rank IS NOT NULL ORDER BY issue_id LIMIT 500').pluck().all(round.id) as number[];
  some.forEach((issueId, i) => setRank(sqlite, { issueId, roundId: round.id, actor: 'bench', rank: first.ranks[i % first.ranks.length]!.value }));
  const issues = sqlite.prepare('SELECT count(*) FROM issues').pluck().get() as number;

  // The same arrangement as `npm run web`: the contract in worker threads on the file.
  const workers = await ContractWorkers.start({ baseDir: tmpdir(), file: o.db.file, plain: true });
  const preview = await startPreviewServer({ contract: workers, rendererDir: join(appRoot(), 'out', 'renderer'), port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP' });
    await page.goto(preview.url);
    await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]:not(.loading-cell)').first().waitFor({ timeout: 30_000 });
    const samples: number[] = [];
    const requests: number[] = [];
    const toRequest: number[] = [];
    const inRequest: number[] = [];
    const afterResponse: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      // An edit (on this connection, as the app's own write would be) makes every cached count stale.
      const issueId = some[(i * 7) % some.length]!;
      setRank(sqlite, { issueId, roundId: round.id, actor: 'bench', rank: first.ranks[(i + 1) % first.ranks.length]!.value });
      await page.getByRole('tab', { name: 'ランク付け', exact: true }).click();
      await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]:not(.loading-cell)').first().waitFor();
      await page.getByRole('region', { name: '集計' }).locator('td').first().waitFor();
      await page.waitForTimeout(300); // the grid's summary and detail requests finish
      const m = (await page.evaluate(MEASURE)) as { ms: number; requests?: number; apiStart?: number | null; apiEnd?: number | null };
      if (m.ms < 0) throw new Error('the chart view did not appear within 10 s');
      samples.push(m.ms);
      requests.push(m.requests ?? 0);
      if (m.apiStart != null && m.apiEnd != null) {
        toRequest.push(m.apiStart);
        inRequest.push(m.apiEnd - m.apiStart);
        afterResponse.push(m.ms - m.apiEnd);
      }
    }
    const all = stats(samples);
    const breakdown = { requests: stats(requests).median, toRequest: stats(toRequest), requests_: stats(inRequest), afterResponse: stats(afterResponse) };
    const view = { coldMs: samples[0]!, all, targetMs: CHART_VIEW_TARGET_MS, pass: all.p95 < CHART_VIEW_TARGET_MS, breakdown };
    // The queries alone, each time after an edit (nothing cached): the grid's summary (the baseline
    // every filter change already pays), the bars right after it (same filter: from the summary's
    // scan), the movement between the rounds.
    const summary: number[] = [];
    const bars: number[] = [];
    const moves: number[] = [];
    const views: number[] = [];
    const timed = (out: number[], f: () => unknown) => {
      const t = performance.now();
      f();
      out.push(performance.now() - t);
    };
    for (let i = 0; i < o.runs; i++) {
      setRank(sqlite, { issueId: some[(i * 11) % some.length]!, roundId: round.id, actor: 'bench', rank: first.ranks[i % first.ranks.length]!.value });
      const filter = { roundId: round.id };
      timed(summary, () => summarize(sqlite, filter));
      timed(bars, () => rankDistribution(sqlite, filter));
      timed(moves, () => movementByOrganization(sqlite, { fromRoundId: first.id, toRoundId: round.id }));
      // What the view asks now (charts.view): both charts from one scan, after an edit.
      setRank(sqlite, { issueId: some[(i * 13) % some.length]!, roundId: round.id, actor: 'bench', rank: first.ranks[(i + 2) % first.ranks.length]!.value });
      timed(views, () => chartView(sqlite, { filter, movement: { fromRoundId: first.id, toRoundId: round.id } }));
    }
    const queries = { summary: stats(summary), distribution: stats(bars), movement: stats(moves), view: stats(views) };
    return { issues, queries, view };
  } finally {
    await browser.close();
    await preview.close();
    await workers.close();
  }
}

export function printCharts(r: ChartsResult): string[] {
  const f = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`  ${r.issues.toLocaleString()} issues`);
  const q = (label: string, x: Stats) => console.log(`  ${label} median ${f(x.median)}, p95 ${f(x.p95)}`);
  q('grid summary (baseline, after an edit):', r.queries.summary);
  q('bars per 局区 (same filter, after it):  ', r.queries.distribution);
  q('movement per 局区 (after an edit):      ', r.queries.movement);
  if (r.queries.view) {
    q('both charts, one scan (charts.view):    ', r.queries.view);
    console.log(`    ${baselineRatio('charts.queries', r.queries.view.median)} (before: grid summary + movement, two scans)`);
  }
  console.log(`  chart view, tab → painted (after an edit): first ${f(r.view.coldMs)}, median ${f(r.view.all.median)}, p95 ${f(r.view.all.p95)} (target < ${r.view.targetMs} ms) ${r.view.pass ? 'PASS' : 'FAIL'}`);
  const b = r.view.breakdown;
  if (b) console.log(`  chart view breakdown (medians): ${b.requests} request(s); click → request ${f(b.toRequest.median)} + requests ${f(b.requests_.median)} + response → painted ${f(b.afterResponse.median)}`);
  console.log(`  chart view p50 ${f(r.view.all.median)} ${baselineRatio('charts.view.p50', r.view.all.median)}, p95 ${f(r.view.all.p95)} ${baselineRatio('charts.view.p95', r.view.all.p95)}`);
  return r.view.pass ? [] : [`chart view: p95 ${r.view.all.p95.toFixed(1)} ms ≥ ${r.view.targetMs} ms`];
}


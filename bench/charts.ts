// The chart view over the full bench database (issue 14 §4): the two grouped queries in Node, and
// in Chromium the time from a click on the グラフ tab until both charts and their tables are on
// screen (one frame after the DOM shows them). A second round is made first (carrying all ranks
// over, some moved) so the movement chart has something to show; run this after the benches that
// expect one round.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/open.js';
import { appRoot } from '../db/paths.js';
import { movementByOrganization, rankDistribution } from '../db/queries/charts.js';
import { confirmCarried } from '../db/queries/confirm-carried.js';
import { setRank } from '../db/queries/evaluations.js';
import { createRound } from '../db/queries/round-admin.js';
import { getRound } from '../db/queries/rounds.js';
import { startPreviewServer } from '../electron/web/server.js';
import { launchChromium } from '../test/helpers/browser.js';
import { stats, type Stats } from './stats.js';

export const CHART_VIEW_TARGET_MS = 300;

export interface ChartsResult {
  issues: number;
  /** Each query's first run is cold; later ones come from the result cache (db/queries/result-cache.ts) until a write. */
  queries: { distribution: { coldMs: number; all: Stats }; movement: { coldMs: number; all: Stats } };
  /** Tab click → both charts painted; the first (cold: nothing cached) and all runs. */
  view: { coldMs: number; all: Stats; targetMs: number; pass: boolean };
}

// In-page, as a string (tsx's keepNames would break a serialised function): clicks the tab and
// resolves with the milliseconds until both tables have rows, their canvases are drawn, plus a frame.
const MEASURE = `new Promise((resolve) => {
  const ready = () => document.querySelector('[data-print-id=distribution] tbody tr') && document.querySelector('[data-print-id=movement] tbody tr')
    && document.querySelectorAll('.chart-canvas canvas').length === 2;
  const tab = [...document.querySelectorAll('[role=tab]')].find((t) => t.textContent === 'グラフ');
  let done = false;
  const t0 = performance.now();
  const finish = () => { if (done || !ready()) return; done = true; observer.disconnect(); requestAnimationFrame(() => resolve(performance.now() - t0)); };
  const observer = new MutationObserver(finish);
  observer.observe(document.body, { childList: true, subtree: true });
  tab.click();
  setTimeout(() => { if (!done) { observer.disconnect(); resolve(-1); } }, 10000);
})`;

export async function runChartsBench(o: { db: Db; roundId: number; runs: number }): Promise<ChartsResult> {
  const sqlite = o.db.sqlite;
  const first = getRound(sqlite, o.roundId)!;
  const { round } = createRound(sqlite, { label: 'B2', title: 'ベンチ第2回', asOf: '2099-01', meetingDate: null, scaleId: first.scaleId, carryFromRoundId: first.id }, 'bench');
  confirmCarried(sqlite, { roundId: round.id }, 'bench');
  const some = sqlite.prepare('SELECT issue_id FROM evaluations WHERE round_id = ? AND rank IS NOT NULL ORDER BY issue_id LIMIT 500').pluck().all(round.id) as number[];
  some.forEach((issueId, i) => setRank(sqlite, { issueId, roundId: round.id, actor: 'bench', rank: first.ranks[i % first.ranks.length]!.value }));
  const issues = sqlite.prepare('SELECT count(*) FROM issues').pluck().get() as number;

  const time = (f: () => unknown) => {
    const out: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      const t = performance.now();
      f();
      out.push(performance.now() - t);
    }
    return { coldMs: out[0]!, all: stats(out) };
  };
  // A different text filter each run would defeat the result cache; the movement query has none.
  const distribution = time(() => rankDistribution(sqlite, { roundId: round.id, levels: ['A', 'B', 'C'], ranks: [...first.ranks.map((r) => r.value), null] }));
  const movement = time(() => movementByOrganization(sqlite, { fromRoundId: first.id, toRoundId: round.id }));

  const preview = await startPreviewServer({ db: o.db, rendererDir: join(appRoot(), 'out', 'renderer'), port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP' });
    await page.goto(preview.url);
    await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]:not(.loading-cell)').first().waitFor({ timeout: 30_000 });
    const samples: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      const ms = (await page.evaluate(MEASURE)) as number;
      if (ms < 0) throw new Error('the chart view did not appear within 10 s');
      samples.push(ms);
      await page.getByRole('tab', { name: 'ランク付け', exact: true }).click();
      await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]:not(.loading-cell)').first().waitFor();
      await page.waitForTimeout(50);
    }
    const all = stats(samples);
    return { issues, queries: { distribution, movement }, view: { coldMs: samples[0]!, all, targetMs: CHART_VIEW_TARGET_MS, pass: all.p95 < CHART_VIEW_TARGET_MS } };
  } finally {
    await browser.close();
    await preview.close();
  }
}

export function printCharts(r: ChartsResult): string[] {
  const f = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`  ${r.issues.toLocaleString()} issues`);
  console.log(`  rank distribution per 局区 (query): cold ${f(r.queries.distribution.coldMs)}, cached median ${f(r.queries.distribution.all.median)}`);
  console.log(`  movement per 局区 (query):          cold ${f(r.queries.movement.coldMs)}, cached median ${f(r.queries.movement.all.median)}`);
  console.log(`  chart view, tab → painted:          cold ${f(r.view.coldMs)}, median ${f(r.view.all.median)}, p95 ${f(r.view.all.p95)} (target < ${r.view.targetMs} ms) ${r.view.pass ? 'PASS' : 'FAIL'}`);
  return r.view.pass ? [] : [`chart view: p95 ${r.view.all.p95.toFixed(1)} ms ≥ ${r.view.targetMs} ms`];
}


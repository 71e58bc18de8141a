// `tsx bench/issue14.ts [--issues N] [--seed S] [--runs N] [--json FILE] [--bulk]` (after `npm run build`)
//
// Only the figures of issue 14's benchmark that concern the grid's reads on 100,000 issues, for
// quick before/after runs without the whole of `npm run bench`: text search over the grid
// (所見 and 事務局メモ included) cold in Node, then in Chromium the 局区 filter, the search box,
// the keyboard rank edit and the chart view. The same sections print in `npm run bench`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open.js';
import { printCharts, runChartsBench } from './charts.js';
import { generateDatabase } from './generate.js';
import { printUi } from './report.js';
import { printSearch, runSearchBench } from './search.js';
import { runUiBench } from './ui.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      issues: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '20241220' },
      runs: { type: 'string', default: '20' },
      json: { type: 'string' },
      bulk: { type: 'boolean', default: false },
    },
  });
  const issues = Number(values.issues);
  const seed = Number(values.seed);
  const runs = Number(values.runs);
  const loadBefore = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench14-'));
  const file = join(dir, 'bench.sqlite');
  try {
    console.log(`Generating ${issues.toLocaleString()} issues (seed ${seed}) …`);
    const gen = await generateDatabase(file, { issues, seed });
    const db = await openDatabase(file);
    try {
      const search = runSearchBench(db.sqlite, { roundId: gen.roundId, runs });
      const failures = printSearch(search);
      const ui = await runUiBench({ db, roundId: gen.roundId, organizations: gen.organizations, seed, bulk: values.bulk, loads: 2 });
      printUi(ui);
      const charts = await runChartsBench({ db, roundId: gen.roundId, runs: Math.min(runs, 20) });
      failures.push(...printCharts(charts));
      if (!ui.filter.pass) failures.push(`UI 局区 filter p95 ${ui.filter.paint.p95.toFixed(1)} ms`);
      if (!ui.rankEdit.pass) failures.push(`UI rank edit p95 ${ui.rankEdit.paint.p95.toFixed(1)} ms`);
      if (ui.bulk && !ui.bulk.pass) failures.push(`UI bulk: paste max ${ui.bulk.paste.max.toFixed(0)} ms, selected rows max ${ui.bulk.selected.max.toFixed(0)} ms`);
      console.log(failures.length ? `\nFAIL:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}` : '\nAll issue-14 read targets met.');
      console.log(`(load average: ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after, on ${cpus().length} CPUs)`);
      if (values.json) writeFileSync(values.json, `${JSON.stringify({ at: new Date().toISOString(), loadBefore, loadAfter: loadavg()[0], search, ui, charts }, null, 2)}\n`);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});

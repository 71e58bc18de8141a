// `npm run bench [-- --issues N] [--seed S] [--runs N] [--no-ui] [--keep] [--audit-rows N]`
//
// Performance bench on a temporary database of 100,000 synthetic issues: query timings through
// the app's own query functions, then the browser preview in Chromium (first rows, filter
// latency, rank edit round trip). Prints a report, writes bench-results/latest.json and exits 0
// whether or not the targets are met (FAIL is printed); a crash exits 1.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open.js';
import { appRoot } from '../db/paths.js';
import { generateDatabase } from './generate.js';
import { runQueryBench } from './queries.js';
import { printSearch, runSearchBench } from './search.js';
import { printDatabase, printPlans, printQueries, printUi, printVerdict } from './report.js';
import { runUiBench, type UiResult } from './ui.js';
import { printVersionup, runVersionupBench } from './versionup.js';
import { printExport, runExportBench } from './export.js';
import { printHandouts, runHandoutsBench } from './handouts.js';
import { printImport, runImportBench } from './import.js';
import { printRounds, runRoundsBench } from './rounds.js';
import { printBackups, runBackupBench } from './backups.js';
import { printWorkerReads, runWorkerReadsBench } from './worker-reads.js';
import { printCli, runCliBench } from './cli.js';
import { printCharts, runChartsBench, type ChartsResult } from './charts.js';
import { printPgSync, runPgSyncBench, type PgSyncBench } from './pgsync.js';
import { printSnapshotJoin, printSync, runSnapshotJoinBench, runSyncBench } from './sync.js';

function options() {
  const { values } = parseArgs({
    options: {
      issues: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '20241220' },
      runs: { type: 'string', default: '30' },
      'no-ui': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'audit-rows': { type: 'string', default: '1000000' },
    },
  });
  const int = (name: string, v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got ${v})`);
    return n;
  };
  return {
    issues: int('issues', values.issues),
    seed: int('seed', values.seed),
    runs: int('runs', values.runs),
    ui: !values['no-ui'],
    keep: values.keep,
    auditRows: int('audit-rows', values['audit-rows']),
  };
}

/** 1-minute load average per CPU: other work on the machine skews every figure here. */
function busy(): number {
  return loadavg()[0]! / Math.max(1, cpus().length);
}

async function main(): Promise<void> {
  const opts = options();
  const loadBefore = loadavg()[0]!;
  if (busy() > 0.5) {
    console.warn(`WARNING: the machine is busy (load average ${loadBefore.toFixed(2)} on ${cpus().length} CPUs); timings will be inflated.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench-'));
  const file = join(dir, 'bench.sqlite');
  try {
    console.log(`Generating ${opts.issues.toLocaleString()} issues (seed ${opts.seed}) in ${file} …`);
    const gen = await generateDatabase(file, { issues: opts.issues, seed: opts.seed });

    const t0 = performance.now();
    const db = await openDatabase(file);
    const openMs = performance.now() - t0;
    printDatabase(gen, openMs);

    try {
      // The 局区 filter case uses the largest organization (the worst case for that filter).
      const largest = [...gen.organizations].sort((a, b) => b.issues - a.issues)[0]!;
      console.log(`\nTiming queries (${opts.runs} runs each) …`);
      const queries = runQueryBench(db.sqlite, { roundId: gen.roundId, organization: largest, deepOffset: Math.min(50_000, Math.floor(opts.issues / 2)), runs: opts.runs });
      printQueries(queries, opts.runs);
      printPlans(queries);
      // Issue 14: text search cold (after an edit), 所見 and 事務局メモ included.
      const search = runSearchBench(db.sqlite, { roundId: gen.roundId, runs: Math.min(opts.runs, 20) });
      const searchFailures = printSearch(search);

      let ui: UiResult | null = null;
      if (opts.ui) {
        console.log('\nMeasuring the UI in Chromium …');
        ui = await runUiBench({ db, roundId: gen.roundId, organizations: gen.organizations, seed: opts.seed });
        printUi(ui);
      }

      console.log('\nVersion-up: diff, 記載チェック and the comparison view …');
      const versionup = await runVersionupBench({ seed: opts.seed, runs: Math.max(opts.runs, 30), ui: opts.ui });
      const versionupFailures = printVersionup(versionup);

      console.log('\nExports: Word, PDF, Excel and CSV …');
      const exports = await runExportBench({ seed: opts.seed, runs: Math.min(opts.runs, 10), gridDb: { sqlite: db.sqlite, roundId: gen.roundId } });
      const exportFailures = printExport(exports);

      console.log('\nHandouts: the publication of the whole set, the X会議 pack of the sample …');
      const handouts = await runHandoutsBench({ big: { sqlite: db.sqlite, roundId: gen.roundId }, runs: Math.min(opts.runs, 3) });
      const handoutFailures = printHandouts(handouts);

      console.log('\nBackups: a verified copy of the database with 10 rounds, restore, the single-file export …');
      const backups = await runBackupBench({ source: db.sqlite, runs: Math.min(opts.runs, 5), seed: opts.seed });
      const backupFailures = printBackups(backups);

      console.log('\nReads during long jobs: the grid while a verified backup or a restore preview runs in the worker …');
      const workerReads = await runWorkerReadsBench({ file, roundId: gen.roundId, issues: opts.issues, seed: opts.seed });
      const workerReadsFailures = printWorkerReads(workerReads);

      console.log('\nRounds and audit: carrying ranks over, the audit screen over a large log …');
      const rounds = await runRoundsBench({ issues: opts.issues, auditRows: opts.auditRows, runs: Math.min(opts.runs, 20), seed: opts.seed });
      const roundsFailures = printRounds(rounds);

      console.log('\nImports: a 10,000-row workbook, a 100,000-row CP932 CSV …');
      const imports = await runImportBench({ seed: opts.seed, runs: Math.min(opts.runs, 5), big: { sqlite: db.sqlite, file, roundId: gen.roundId } });
      const importFailures = printImport(imports);

      console.log('\nCLI start-up: xpw summary / check / export against a raw better-sqlite3 open …');
      const cli = runCliBench({ runs: Math.max(5, Math.min(opts.runs, 9)) });
      const cliFailures = printCli(cli);

      console.log('\nTeam sync through PostgreSQL: 50 clients × 1,000 changes, a pull of 10,000, an idle poll …');
      let pgsync: PgSyncBench | null = null;
      let pgsyncFailures: string[];
      try {
        pgsync = await runPgSyncBench();
        pgsyncFailures = printPgSync(pgsync);
      } catch (e) {
        pgsyncFailures = [`not measured: ${(e as Error).message}`];
        console.log(pgsyncFailures[0]);
      }

      console.log('\nTeam sync: 10,000 changes from another PC, an idle poll of the shared folder …');
      const sync = await runSyncBench(opts.runs);
      const syncJoin = await runSnapshotJoinBench(file);
      const syncFailures = [...printSync(sync), ...printSnapshotJoin(syncJoin)];

      // Last: it adds a second round to the database, which the benches above do not expect.
      let charts: ChartsResult | null = null;
      let chartFailures: string[] = [];
      if (opts.ui) {
        console.log('\nCharts: the chart view over the full set …');
        charts = await runChartsBench({ db, roundId: gen.roundId, runs: Math.min(opts.runs, 20) });
        chartFailures = printCharts(charts);
      }

      const failures = [
        ...cliFailures.map((f) => `cli ${f}`),
        ...pgsyncFailures.map((f) => `pgsync ${f}`),
        ...exportFailures.map((f) => `export ${f}`),
        ...handoutFailures.map((f) => `handouts ${f}`),
        ...backupFailures.map((f) => `backups ${f}`),
        ...workerReadsFailures.map((f) => `reads ${f}`),
        ...importFailures.map((f) => `import ${f}`),
        ...chartFailures,
        ...searchFailures,
        ...syncFailures.map((f) => `sync ${f}`),
        ...roundsFailures.map((f) => `rounds ${f}`),
        ...versionupFailures.map((f) => `version-up ${f}`),
        ...queries.filter((q) => !q.pass).map((q) => `query ${q.id} ${q.label}: p95 ${q.ms.p95.toFixed(1)} ms ≥ ${q.targetMs} ms`),
        ...(ui
          ? [
              ...(ui.firstRows.pass ? [] : [`UI first rows: max ${ui.firstRows.wall.max.toFixed(0)} ms ≥ ${ui.firstRows.targetMs} ms`]),
              ...(ui.filter.pass ? [] : [`UI 局区 filter: p95 ${ui.filter.paint.p95.toFixed(1)} ms ≥ ${ui.filter.targetMs} ms`]),
              ...(ui.search.pass ? [] : [`UI search: p95 ${ui.search.paint.p95.toFixed(1)} ms ≥ ${ui.search.targetMs} ms`]),
              ...(ui.rankEdit.pass ? [] : [`UI rank edit: p95 ${ui.rankEdit.paint.p95.toFixed(1)} ms ≥ ${ui.rankEdit.targetMs} ms`]),
              ...(!ui.bulk || ui.bulk.pass ? [] : [`UI bulk: paste max ${ui.bulk.paste.max.toFixed(0)} ms, selected rows max ${ui.bulk.selected.max.toFixed(0)} ms ≥ ${ui.bulk.targetMs} ms`]),
            ]
          : []),
      ];
      printVerdict(failures);
      console.log(`(load average: ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after, on ${cpus().length} CPUs)`);

      const sqliteVersion = db.sqlite.prepare('SELECT sqlite_version()').pluck().get() as string;
      const out = join(appRoot(), 'bench-results');
      mkdirSync(out, { recursive: true });
      const report = {
        at: new Date().toISOString(),
        environment: {
          node: process.version,
          sqlite: sqliteVersion,
          platform: `${process.platform} ${process.arch}`,
          cpu: cpus()[0]?.model ?? 'unknown',
          cpus: cpus().length,
          memoryGb: Math.round(totalmem() / 2 ** 30),
          loadAverageBefore: loadBefore,
          loadAverageAfter: loadavg()[0]!,
        },
        options: opts,
        database: { ...gen, file: opts.keep ? gen.file : null, openMs },
        queries,
        search,
        ui,
        versionup,
        exports,
        handouts,
        rounds,
        imports,
        backups,
        workerReads,
        cli,
        charts,
        pgsync,
        sync: { ...sync, snapshotJoin: syncJoin },
        failures,
      };
      writeFileSync(join(out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
      console.log(`\nResults written to ${join(out, 'latest.json')}`);
    } finally {
      db.close();
    }
  } finally {
    if (opts.keep) console.log(`Database kept: ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});

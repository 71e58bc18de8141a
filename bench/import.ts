// Import benchmark (issue: import and the inquiry round trip): a 10,000-row .xlsx parsed and
// previewed, then committed; a 100,000-row CP932 CSV previewed against the 100,000-issue bench
// database — each against the raw parsing library on the same file (the baseline ratio).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { openDatabase } from '../db/open.js';
import { listRounds } from '../db/queries/rounds.js';
import { encodeCp932, fitCp932 } from '../electron/services/export/sheet/cp932.js';
import { commitImport } from '../electron/services/import/commit-import.js';
import { applyChangeSet } from '../db/write/imports.js';
import { previewImport } from '../electron/services/import/import-file.js';
import { seedSample } from '../electron/services/sample-data.js';
import { addAIssues } from './export.js';
import { createRandom } from './random.js';
import { printTimedCases } from './report.js';
import { stats, type Stats } from './stats.js';
import { timeRuns } from './time-runs.js';
import { comment } from './words.js';

export interface ImportCase {
  id: string;
  label: string;
  ms: Stats;
  targetMs: number | null;
  baselineMs: number | null;
  pass: boolean;
}

const HEADER = ['局名', 'レベル', '番号', '課題名', 'ランク', '所見'];

/** Rows for every issue of the database, with a new rank and comment on most of them. */
function rowsFor(sqlite: Database.Database, seed: number, limit: number): string[][] {
  const r = createRandom(seed);
  const issues = sqlite
    .prepare(
      `SELECT o.short_name AS org, i.level, i.number, i.title FROM issues i JOIN organizations o ON o.id = i.organization_id
       ORDER BY o.display_order, i.level, i.number LIMIT ?`,
    )
    .all(limit) as { org: string; level: string; number: number; title: string }[];
  return issues.map((i) => [i.org, i.level, String(i.number), i.title, r.pick(['1', '2', '3']), r.chance(0.8) ? comment(r) : '']);
}

export async function runImportBench(opts: { seed: number; runs: number; big?: { sqlite: Database.Database; file: string; roundId: number } }): Promise<ImportCase[]> {
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench-import-'));
  const cases: ImportCase[] = [];
  const add = (id: string, label: string, samples: number[], targetMs: number | null, baseline: number[] | null) => {
    const ms = stats(samples);
    cases.push({ id, label, ms, targetMs, baselineMs: baseline ? stats(baseline).median : null, pass: targetMs === null || ms.p95 < targetMs });
  };
  try {
    // 10,000 issues in a database, and a workbook that re-ranks and comments all of them.
    const db = await openDatabase(join(dir, 'import.sqlite'), { create: true });
    seedSample(db, 'bench');
    const roundId = listRounds(db.sqlite)[0]!.id;
    addAIssues(db.sqlite, createRandom(opts.seed), 10_000, roundId);
    const rows = rowsFor(db.sqlite, opts.seed, 10_000);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('一覧');
    ws.addRow(['令和6年度 ランク一覧']);
    ws.addRow(HEADER);
    for (const row of rows) ws.addRow(row.map((c, i) => (i === 2 ? Number(c) : c)));
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const options = { roundId };
    add(
      'I1',
      `.xlsx ${rows.length.toLocaleString()} rows: read, map and preview`,
      await timeRuns(() => previewImport(db, 'bench.xlsx', xlsx, options), Math.min(opts.runs, 5)),
      3000,
      await timeRuns(() => new ExcelJS.Workbook().xlsx.load(xlsx as unknown as ArrayBuffer), Math.min(opts.runs, 5)),
    );
    // Commit: each run on a fresh copy of the plan against the same database state, rolled back.
    const { plan, preview } = await previewImport(db, 'bench.xlsx', xlsx, options);
    const meta = { kind: 'list' as const, fileName: 'bench.xlsx', sha256: preview.sha256, actor: 'bench', roundId, counts: preview.counts };
    const commitRuns: number[] = [];
    for (let i = 0; i < Math.min(opts.runs, 5) + 1; i++) {
      db.sqlite.exec('SAVEPOINT bench');
      const t = performance.now();
      applyChangeSet(db.sqlite, plan.changeSet, meta, null);
      if (i > 0) commitRuns.push(performance.now() - t);
      db.sqlite.exec('ROLLBACK TO bench; RELEASE bench');
    }
    add('I2', `commit of those ${(preview.counts.changed + preview.counts.new).toLocaleString()} changes (one transaction)`, commitRuns, 1000, null);
    const t = performance.now();
    await commitImport(db, plan.changeSet, meta);
    add('I3', 'the same commit with its verified backup first', [performance.now() - t], null, null);
    db.close();

    if (opts.big) {
      const big = rowsFor(opts.big.sqlite, opts.seed + 1, 100_000);
      const csv = encodeCp932(fitCp932([HEADER, ...big].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')));
      const bigDb = await openDatabase(opts.big.file);
      try {
        add(
          'I4',
          `CP932 CSV ${big.length.toLocaleString()} rows (${(csv.length / 1048576).toFixed(1)} MB): decode, parse, preview`,
          await timeRuns(() => previewImport(bigDb, 'big.csv', csv, { roundId: opts.big!.roundId }), Math.min(opts.runs, 3)),
          3000,
          await timeRuns(async () => parse(iconv.decode(Buffer.from(csv), 'cp932')), Math.min(opts.runs, 3)),
        );
      } finally {
        bigDb.close();
      }
    }
    return cases;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printImport(cases: ImportCase[]): string[] {
  return printTimedCases('Imports (p95 of the runs; baseline = the raw parsing library on the same file, median)', cases);
}

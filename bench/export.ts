// Export benchmark (issue: meeting materials): the handouts as .docx and PDF at the sizes the
// issue names, each against the raw library doing the same table without our layout (the
// baseline ratio), and the 100,000-issue grid to .xlsx and CSV.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { chromium } from 'playwright-core';
import { openDatabase } from '../db/open.js';
import { setRank } from '../db/write/evaluations.js';
import { insertIssue, insertVersion } from '../db/write/issues.js';
import { listOrganizations } from '../db/queries/organizations.js';
import { listRounds } from '../db/queries/rounds.js';
import { buildCompareModel } from '../electron/services/export/model/compare-model.js';
import { buildReportModel } from '../electron/services/export/model/report-model.js';
import { exportRequestSchema } from '../electron/services/export/options.js';
import { chromiumPrinter } from '../electron/services/export/pdf/chromium-printer.js';
import { CHROMIUM_ARGS, findChromium } from '../electron/services/export/pdf/find-chromium.js';
import { runExport } from '../electron/services/export/run-export.js';
import { seedSample } from '../electron/services/sample-data.js';
import { createRandom, type Random } from './random.js';
import { printTimedCases } from './report.js';
import { stats, type Stats } from './stats.js';
import { timeRuns } from './time-runs.js';
import { revise, text } from './versionup.js';
import { issueTitle } from './words.js';

export interface ExportCase {
  id: string;
  label: string;
  ms: Stats;
  targetMs: number | null;
  /** The raw library's time for the same table (median), when there is one. */
  baselineMs: number | null;
  bytes: number;
  pass: boolean;
}

const by = { author: 'bench' };

/** The same rows as a plain docx table: no widths, fonts, header rows, page set-up. */
async function rawDocx(rows: string[][]): Promise<number> {
  const doc = new Document({
    sections: [{ children: [new Table({ rows: rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) })) })] }],
  });
  return (await Packer.toBuffer(doc)).length;
}

const esc = (s: string) => s.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
const rawHtml = (rows: string[][]) => `<!doctype html><meta charset="utf-8"><table>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`;

/** Adds ranked A issues until there are `total`, spread over the organizations. */
export function addAIssues(sqlite: Database.Database, r: Random, total: number, roundId: number): void {
  const orgs = listOrganizations(sqlite);
  const have = sqlite.prepare("SELECT count(*) FROM issues WHERE level = 'A'").pluck().get() as number;
  sqlite.transaction(() => {
    for (let i = have; i < total; i++) {
      const org = orgs[i % orgs.length]!;
      const number = 100 + Math.floor(i / orgs.length);
      const id = insertIssue(sqlite, { organizationId: org.id, level: 'A', number, title: issueTitle(r) });
      setRank(sqlite, { issueId: id, roundId, rank: r.pick(['1', '2', '2', '2', '3']), actor: 'bench' });
    }
  })();
}

/** B issues with an R6.8 and a revised R6.11 version of realistic length. */
function addBIssues(sqlite: Database.Database, r: Random, count: number): number[] {
  const orgs = listOrganizations(sqlite);
  const ids: number[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const org = orgs[i % orgs.length]!;
      const number = 10 + Math.floor(i / orgs.length);
      const title = issueTitle(r);
      const id = insertIssue(sqlite, { organizationId: org.id, level: 'B', number, title });
      const v1 = { content: text(r, 250), background: text(r, 450), actions: text(r, 350) };
      insertVersion(sqlite, id, { label: 'R6.8', asOf: '2024-08', number, title, ...v1, progress: null, remarks: null });
      insertVersion(sqlite, id, {
        label: 'R6.11',
        asOf: '2024-11',
        number,
        title,
        content: revise(r, v1.content),
        background: revise(r, v1.background),
        actions: revise(r, v1.actions),
        progress: text(r, 250),
        remarks: null,
      });
      ids.push(id);
    }
  })();
  return ids;
}

export async function runExportBench(opts: { seed: number; runs: number; gridDb?: { sqlite: Database.Database; roundId: number } }): Promise<ExportCase[]> {
  const r = createRandom(opts.seed);
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench-export-'));
  const printer = chromiumPrinter();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const cases: ExportCase[] = [];
  const add = async (id: string, label: string, targetMs: number | null, run: () => Promise<number>, baseline: (() => Promise<unknown>) | null, runs = opts.runs) => {
    let bytes = 0;
    const ms = stats(await timeRuns(async () => (bytes = await run()), runs));
    const baselineMs = baseline ? stats(await timeRuns(baseline, runs)).median : null;
    cases.push({ id, label, ms, targetMs, baselineMs, bytes, pass: targetMs === null || ms.p95 < targetMs });
  };
  try {
    const db = await openDatabase(join(dir, 'export.sqlite'), { create: true });
    seedSample(db, 'bench');
    const { sqlite } = db;
    const roundId = listRounds(sqlite)[0]!.id;
    const size = async (req: Record<string, unknown>) => (await runExport(sqlite, exportRequestSchema.parse(req), { ...by, printer })).bytes.length;
    const reportRows = () => buildReportModel(sqlite, exportRequestSchema.parse({ kind: 'report', format: 'docx', roundId }) as never, by).lists.flatMap((l) => l.rows.map((x) => [x.organization, String(x.number), x.title, x.rank]));

    const sampleRows = reportRows();
    await add('E1', `sample progress report .docx (${sampleRows.length} rows)`, 500, () => size({ kind: 'report', format: 'docx', roundId }), () => rawDocx(sampleRows));
    const page = await browser.newPage();
    const rawPdf = async (rows: string[][]) => {
      await page.setContent(rawHtml(rows));
      return page.pdf({ format: 'A4' });
    };
    await add('E2', `sample progress report PDF (${sampleRows.length} rows, browser warm)`, 3000, () => size({ kind: 'report', format: 'pdf', roundId }), () => rawPdf(sampleRows), Math.min(opts.runs, 5));
    const cold = chromiumPrinter();
    const t = performance.now();
    const coldBytes = (await runExport(sqlite, exportRequestSchema.parse({ kind: 'report', format: 'pdf', roundId }), { ...by, printer: cold })).bytes.length;
    const coldMs = performance.now() - t;
    await cold.close();
    cases.push({ id: 'E2c', label: 'sample progress report PDF, first export (starts Chromium)', ms: stats([coldMs]), targetMs: 3000, baselineMs: null, bytes: coldBytes, pass: coldMs < 3000 });

    addAIssues(sqlite, r, 1000, roundId);
    const bigRows = reportRows();
    await add('E3', `progress report .docx (${bigRows.length} rows)`, 5000, () => size({ kind: 'report', format: 'docx', roundId }), () => rawDocx(bigRows), Math.min(opts.runs, 5));
    await add('E4', `progress report PDF (${bigRows.length} rows)`, null, () => size({ kind: 'report', format: 'pdf', roundId }), () => rawPdf(bigRows), 3);

    const ids = addBIssues(sqlite, r, 200);
    const sheetRows = buildCompareModel(sqlite, exportRequestSchema.parse({ kind: 'compare', format: 'docx', issueIds: ids }) as never, by).sheets.flatMap((s) =>
      s.fields.map((f) => [`${f.mark}${f.label}`, f.from ?? '', f.to ?? '']),
    );
    const compare = (format: string, tracked = false) => () => size({ kind: 'compare', format, tracked, issueIds: ids });
    await add('E5', 'comparison sheets .docx, 200 issues', 10_000, compare('docx'), () => rawDocx(sheetRows), 3);
    await add('E6', 'comparison sheets .docx with tracked changes, 200 issues', 10_000, compare('docx', true), null, 3);
    await add('E7', 'comparison sheets PDF, 200 issues (A3)', 10_000, compare('pdf'), () => rawPdf(sheetRows), 2);
    db.close();

    if (opts.gridDb) {
      const g = opts.gridDb;
      const grid = async (format: 'xlsx' | 'csv') =>
        (await runExport(g.sqlite, exportRequestSchema.parse({ kind: 'grid', format, roundId: g.roundId }), by)).bytes.length;
      await add('E8', 'grid → .xlsx, all issues of the bench database', null, () => grid('xlsx'), null, 1);
      await add('E9', 'grid → CSV (CP932), all issues of the bench database', null, () => grid('csv'), null, 1);
    }
    return cases;
  } finally {
    await printer.close();
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printExport(cases: ExportCase[]): string[] {
  return printTimedCases(
    'Exports (p95 of the runs; baseline = the raw library on the same rows, median)',
    cases.map((c) => ({ ...c, note: `(${(c.bytes / 1024).toFixed(0)} KB)` })),
  );
}

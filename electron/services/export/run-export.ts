// One export, start to finish: gather the data (model), then write it as .docx / .pdf / .xlsx /
// .csv. Plain Node: the app (Electron prints the PDF), the browser preview, the CLI and the
// tests all come through here. Progress is reported so the UI can show a bar on long exports.
import type Database from 'better-sqlite3';
import { DbError } from '../../../db/errors.js';
import { renderCompareDocx } from './docx/compare-docx.js';
import { renderOrgDocx } from './docx/org-docx.js';
import { renderReportDocx } from './docx/report-docx.js';
import { MIME, type ExportFile } from './export-file.js';
import { exportFileName } from './file-name.js';
import { compareBody } from './html/compare-html.js';
import { printDocument } from './html/document.js';
import { gridBody } from './html/grid-html.js';
import { orgBody } from './html/org-html.js';
import { reportBody } from './html/report-html.js';
import { buildCompareModel, type CompareModel } from './model/compare-model.js';
import { buildGridModel, type GridModel } from './model/grid-model.js';
import type { DocMeta, MadeBy } from './model/meta.js';
import { buildOrgModel, type OrgModel } from './model/org-model.js';
import { buildReportModel, type ReportModel } from './model/report-model.js';
import type { ExportRequest } from './options.js';
import type { PdfPage, PdfPrinter } from './pdf/print-settings.js';
import { cssFontStack } from './fonts.js';
import { carriedWarning } from './model/carried.js';
import { renderGridCsv } from './sheet/grid-csv.js';

export interface Progress {
  /** Japanese, shown next to the bar. */
  phase: string;
  done: number;
  total: number;
  /** What done/total count when it is not steps (行, ファイル): the bar's text says it. */
  unit?: string;
}

export interface ExportDeps extends MadeBy {
  /** Needed for format 'pdf'. */
  printer?: PdfPrinter;
  onProgress?: (p: Progress) => void;
}

type Model =
  | { kind: 'report'; model: ReportModel }
  | { kind: 'compare'; model: CompareModel }
  | { kind: 'org'; model: OrgModel }
  | { kind: 'grid'; model: GridModel };

export function buildModel(sqlite: Database.Database, req: ExportRequest, deps: ExportDeps): Model {
  const step = (done: number, total: number) => deps.onProgress?.({ phase: 'データを集めています', done, total });
  switch (req.kind) {
    case 'report':
      return { kind: 'report', model: buildReportModel(sqlite, req, deps) };
    case 'compare':
      return { kind: 'compare', model: buildCompareModel(sqlite, req, deps, step) };
    case 'org':
      return { kind: 'org', model: buildOrgModel(sqlite, req, deps) };
    case 'grid':
      return { kind: 'grid', model: buildGridModel(sqlite, req) };
  }
}

/** The body HTML of a model; `limit` caps rows/sheets for the in-app preview. */
export function modelBody(m: Model, limit = Infinity): string {
  switch (m.kind) {
    case 'report':
      return reportBody(m.model, limit);
    case 'compare':
      return compareBody(m.model, limit);
    case 'org':
      return orgBody(m.model, limit);
    case 'grid':
      return gridBody(m.model, Number.isFinite(limit) ? limit : undefined);
  }
}

function fileNameOf(req: ExportRequest, m: Model): string {
  if (m.kind === 'compare') {
    const s = m.model.sheets[0];
    const pairs = new Set(m.model.sheets.map((x) => `${x.from.label}-${x.to.label}`));
    return exportFileName(req, { versions: pairs.size === 1 && s ? `${s.from.label}-${s.to.label}` : undefined, tracked: m.model.tracked && req.format === 'docx' });
  }
  return exportFileName(req, { roundLabel: m.model.round.label });
}

async function renderDocx(m: Exclude<Model, { kind: 'grid' }>): Promise<Uint8Array> {
  switch (m.kind) {
    case 'report':
      return renderReportDocx(m.model);
    case 'compare':
      return renderCompareDocx(m.model);
    case 'org':
      return renderOrgDocx(m.model);
  }
}

/** The PDF page set-up of a handout: its paper, running header and font, page numbers on. */
export const pdfPageOf = (meta: DocMeta): PdfPage => ({
  paper: meta.paper,
  orientation: meta.orientation,
  header: meta.runningHeader,
  fontFamily: cssFontStack(meta.font),
});

/** Unconfirmed carried-over ranks the export printed (marked ※); 0 for comparison sheets. */
export function carriedIn(m: Model): number {
  return m.kind === 'compare' ? 0 : m.model.carried;
}

export async function runExport(sqlite: Database.Database, req: ExportRequest, deps: ExportDeps): Promise<ExportFile> {
  deps.onProgress?.({ phase: 'データを集めています', done: 0, total: 1 });
  const m = buildModel(sqlite, req, deps);
  const file = await writeModel(req, m, deps);
  const carried = carriedIn(m);
  if (carried && m.kind !== 'compare') file.warnings.unshift(carriedWarning(m.model.round, carried));
  return file;
}

async function writeModel(req: ExportRequest, m: Model, deps: ExportDeps): Promise<ExportFile> {
  const fileName = fileNameOf(req, m);
  deps.onProgress?.({ phase: 'ファイルを作っています', done: 0, total: 1 });
  if (m.kind === 'grid') {
    if (req.kind !== 'grid') throw new Error('unreachable');
    if (req.format === 'xlsx') {
      // exceljs takes ~0.4 s to load: only the .xlsx export pays for it.
      const { renderGridXlsx } = await import('./sheet/grid-xlsx.js');
      return { fileName, mime: MIME.xlsx, bytes: await renderGridXlsx(m.model), warnings: [] };
    }
    const csv = renderGridCsv(m.model, req.encoding);
    return { fileName, mime: `${MIME.csv}; charset=${req.encoding === 'cp932' ? 'shift_jis' : 'utf-8'}`, bytes: csv.bytes, warnings: csv.warnings };
  }
  if (req.format === 'docx') return { fileName, mime: MIME.docx, bytes: await renderDocx(m), warnings: [] };
  if (req.format !== 'pdf') throw new DbError('INVALID', `この出力は ${req.format} に対応していません`);
  if (!deps.printer) throw new DbError('INVALID', 'PDFを印刷する仕組みがありません (Chromiumが必要です)');
  const meta: DocMeta = m.model.meta;
  deps.onProgress?.({ phase: 'PDFに印刷しています', done: 0, total: 1 });
  const bytes = await deps.printer.print(printDocument(meta, modelBody(m)), pdfPageOf(meta));
  return { fileName, mime: MIME.pdf, bytes, warnings: [] };
}

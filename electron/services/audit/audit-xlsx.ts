// The audit log as an Excel workbook: one sheet, header row frozen and filterable, the filter
// conditions in the page header, A4 landscape one page wide. Written with exceljs's streaming
// writer page by page, so a log of hundreds of thousands of rows never sits in memory as cells.
// Values are plain strings and numbers (never formulas); see sheet/grid-xlsx.ts on why .xlsx
// strings need no neutralising.
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { describeAudit } from '../../../common/audit-text.js';
import { formatWarekiDateTime } from '../../../common/wareki.js';
import type { AuditListRow } from '../../../db/queries/audit-search.js';
import { DEFAULT_FONT } from '../export/fonts.js';

export const AUDIT_SHEET_TITLE = '監査ログ';
/** Excel's longest cell text. */
const CELL_MAX = 32_000;

const COLUMNS = [
  { header: '番号', width: 9 },
  { header: '日時', width: 21 },
  { header: '日時 (UTC)', width: 25 },
  { header: '更新者', width: 14 },
  { header: '操作', width: 16 },
  { header: '対象', width: 18 },
  { header: '評価回', width: 10 },
  { header: '変更前', width: 48 },
  { header: '変更後', width: 48 },
  { header: '取消対象の番号', width: 10 },
] as const;
const WRAPPED = new Set([7, 8]);

const thin = { style: 'thin', color: { argb: 'FF8C8C8C' } } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const FONT: Partial<ExcelJS.Font> = { name: DEFAULT_FONT, size: 10 };
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { ...FONT, bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  border: BORDER,
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
};
const STYLES: Partial<ExcelJS.Style>[] = COLUMNS.map((_, i) => ({
  font: FONT,
  border: BORDER,
  alignment: { vertical: 'top', wrapText: WRAPPED.has(i) },
}));

export interface AuditSheetMeta {
  /** 条件: 更新者 山田・期間 … (page header and document subject). */
  filterLine: string;
  /** Rows to be written (for the autofilter's range). */
  total: number;
}

const cellText = (s: string): string => {
  const t = s.replace(/\r\n?/g, '\n');
  return t.length > CELL_MAX ? `${t.slice(0, CELL_MAX - 1)}…` : t;
};

/** Header/footer text: & starts a code there, so a literal & is &&. */
const headerText = (text: string): string => ([...text].length > 200 ? `${[...text].slice(0, 199).join('')}…` : text).replace(/&/g, '&&');

export function auditCells(r: AuditListRow): (string | number)[] {
  const t = describeAudit(r, Infinity);
  return [
    r.id,
    formatWarekiDateTime(new Date(r.at)),
    r.at,
    r.actor,
    t.action,
    t.target,
    r.roundLabel ?? '',
    cellText(t.before),
    cellText(t.after),
    r.revertsId ?? '',
  ];
}

export async function renderAuditXlsx(pages: AsyncIterable<AuditListRow[]>, meta: AuditSheetMeta): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = 'X方針ワークベンチ';
  workbook.title = AUDIT_SHEET_TITLE;
  workbook.subject = meta.filterLine;
  const sheet = workbook.addWorksheet(AUDIT_SHEET_TITLE, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: `&L${headerText(meta.filterLine)}&C&"-,Bold"${AUDIT_SHEET_TITLE}`, oddFooter: '&C&P / &N' },
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + meta.total, column: COLUMNS.length } };
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.eachCell((cell) => (cell.style = HEADER_STYLE));
  header.commit();
  for await (const page of pages) {
    for (const r of page) {
      const row = sheet.addRow(auditCells(r));
      for (let c = 0; c < COLUMNS.length; c++) row.getCell(c + 1).style = STYLES[c]!;
      row.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
  const bytes = Buffer.concat(chunks);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// What the inquiry tests share: filling a generated form the way a bureau does (with exceljs, as
// Excel would save it), finding an issue's row by what the bureau sees, and a fingerprint of
// every table to prove that a refused return changed nothing.
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { FIRST_DATA_ROW, FORM_COLUMNS, FORM_SHEET, KEY_SHEET, columnNumber, type FormColumnKey } from '../../electron/services/inquiry/form-layout';
import type { GeneratedInquiry } from '../../electron/services/inquiry/generate-inquiry';

export async function openForm(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

export async function saveForm(wb: ExcelJS.Workbook, savedAt?: Date): Promise<Uint8Array> {
  // Excel writes the time of the save into the workbook's properties.
  wb.modified = savedAt ?? new Date();
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export const formSheet = (wb: ExcelJS.Workbook): ExcelJS.Worksheet => wb.getWorksheet(FORM_SHEET)!;
export const keySheet = (wb: ExcelJS.Workbook): ExcelJS.Worksheet => wb.getWorksheet(KEY_SHEET)!;

/** The sheet's protection as read from the file (exceljs reads it but its typings omit it). */
export const protectionOf = (ws: ExcelJS.Worksheet): Record<string, unknown> | undefined =>
  (ws as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;

export const col = (key: FormColumnKey): number => columnNumber(key);

/** The data rows of the form sheet, as the bureau sees them (Excel row numbers). */
export function dataRows(ws: ExcelJS.Worksheet): number[] {
  const rows: number[] = [];
  for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col('key')).value) rows.push(r);
  return rows;
}

/** The row showing 局名 / レベル / 番号 = 財変 B 4. */
export function rowOf(ws: ExcelJS.Worksheet, issueKey: string): ExcelJS.Row {
  const [org, level, number] = issueKey.split('-');
  const r = dataRows(ws).find((n) => {
    const row = ws.getRow(n);
    return row.getCell(col('organization')).value === org && row.getCell(col('level')).value === level && String(row.getCell(col('number')).value) === number;
  });
  if (r === undefined) throw new Error(`row of ${issueKey} not found`);
  return ws.getRow(r);
}

export const cell = (row: ExcelJS.Row, key: FormColumnKey): ExcelJS.Cell => row.getCell(col(key));

/** Reverses the order of the data rows, all columns together (as a sort of the whole table does). */
export function reverseRows(ws: ExcelJS.Worksheet): void {
  const rows = dataRows(ws);
  const values = rows.map((r) => FORM_COLUMNS.map((_, i) => ws.getRow(r).getCell(i + 1).value));
  values.reverse().forEach((v, i) => v.forEach((x, j) => (ws.getRow(rows[i]!).getCell(j + 1).value = x)));
}

export function fileOf(gen: GeneratedInquiry, organization: string) {
  const f = gen.files.find((x) => x.organization === organization);
  if (!f) throw new Error(`no form for ${organization}`);
  return f;
}

/** A hash of every row of every table: equal fingerprints = the database is exactly as it was. */
export function fingerprint(sqlite: Database.Database, only?: string[]): string {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const h = createHash('sha256');
  for (const t of tables.filter((x) => !only || only.includes(x))) {
    h.update(`${t}\n`);
    for (const row of sqlite.prepare(`SELECT * FROM "${t}"`).raw().all()) h.update(`${JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v instanceof Buffer ? v.toString('hex') : v))}\n`);
  }
  return h.digest('hex');
}

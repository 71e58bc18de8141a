// Opens a returned form and reads it as data: the key sheet as written (verified later, against
// the database) and each filled row of the form sheet with its Excel row number. Columns are found
// by their headings, so a bureau that unprotected the sheet and moved a column is still read right.
import type ExcelJS from 'exceljs';
import { cellText, loadWorkbook } from '../import/read-source.js';
import { importError } from '../import/import-error.js';
import { READING, rowTicker, type OnProgress } from '../import/progress.js';
import { normaliseText, type FormFields } from './form-fields.js';
import { FORM_COLUMNS, FORM_SHEET, columnLetter, type FormColumnKey } from './form-layout.js';
import { readKeySheet, type KeySheetReading } from './key-sheet.js';

export interface ReturnedRow {
  /** Excel's row number, for messages. */
  row: number;
  key: string;
  organization: string;
  level: string;
  number: string;
  fields: FormFields;
  answer: string;
}

export interface ReturnedWorkbook {
  keySheet: KeySheetReading;
  rows: ReturnedRow[];
  /** When the bureau last saved it (the workbook's own property), ISO; null when absent. */
  savedAt: string | null;
  /** Column letters, for messages that name a cell. */
  letters: Record<FormColumnKey, string>;
}

/** Headings are compared without spaces, so 「① 課題名」 still counts. */
const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function findColumns(ws: ExcelJS.Worksheet): { headerRow: number; columns: Record<FormColumnKey, number> } | null {
  const wanted = FORM_COLUMNS.map((c) => ({ key: c.key, header: squash(c.header) }));
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const row = ws.getRow(r);
    const found: Partial<Record<FormColumnKey, number>> = {};
    for (let c = 1; c <= Math.max(ws.columnCount, FORM_COLUMNS.length); c++) {
      const text = squash(cellText(row.getCell(c)));
      const hit = wanted.find((w) => w.header === text);
      if (hit && found[hit.key] === undefined) found[hit.key] = c;
    }
    if (wanted.every((w) => found[w.key] !== undefined)) return { headerRow: r, columns: found as Record<FormColumnKey, number> };
  }
  return null;
}

function formSheet(fileName: string, wb: ExcelJS.Workbook): { ws: ExcelJS.Worksheet; headerRow: number; columns: Record<FormColumnKey, number> } {
  const named = wb.getWorksheet(FORM_SHEET);
  const candidates = named ? [named, ...wb.worksheets.filter((w) => w !== named)] : wb.worksheets;
  for (const ws of candidates) {
    const found = findColumns(ws);
    if (found) return { ws, ...found };
  }
  const missing = named ? `「${FORM_SHEET}」の見出し (局名〜回答区分とキーの列) がそろっていません。列を削除していないか確認してください` : `「${FORM_SHEET}」がありません`;
  throw importError(`「${fileName}」: ${missing}`);
}

/** `onProgress`: the form sheet's rows read n/N (where a cancelled preview job stops). */
export async function readReturn(fileName: string, bytes: Uint8Array, onProgress?: OnProgress, phase = READING): Promise<ReturnedWorkbook> {
  const wb = await loadWorkbook(fileName, bytes);
  const keySheet = readKeySheet(wb);
  // Without a key sheet, no form sheet is looked for: the file is not one of ours.
  if (!keySheet.ok && keySheet.reason === 'missing') {
    return { keySheet, rows: [], savedAt: null, letters: {} as Record<FormColumnKey, string> };
  }
  const { ws, headerRow, columns } = formSheet(fileName, wb);
  const text = (row: ExcelJS.Row, key: FormColumnKey) => cellText(row.getCell(columns[key]));
  const rows: ReturnedRow[] = [];
  const tick = rowTicker(onProgress, phase, ws.rowCount - headerRow);
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    tick(r - headerRow - 1);
    const row = ws.getRow(r);
    const fields: FormFields = {
      title: normaliseText(text(row, 'title')),
      content: normaliseText(text(row, 'content')),
      background: normaliseText(text(row, 'background')),
      actions: normaliseText(text(row, 'actions')),
      progress: normaliseText(text(row, 'progress')),
    };
    const item: ReturnedRow = {
      row: r,
      key: text(row, 'key').trim(),
      organization: text(row, 'organization').trim(),
      level: text(row, 'level').trim(),
      number: text(row, 'number').trim(),
      fields,
      answer: text(row, 'answer').trim(),
    };
    const empty = !item.key && !item.organization && !item.answer && Object.values(fields).every((v) => v === '');
    if (!empty) rows.push(item);
  }
  tick(ws.rowCount - headerRow);
  const letters = Object.fromEntries(Object.entries(columns).map(([k, n]) => [k, columnLetter(n)])) as Record<FormColumnKey, string>;
  const saved = wb.modified instanceof Date && !Number.isNaN(wb.modified.getTime()) ? wb.modified.toISOString() : null;
  return { keySheet, rows, savedAt: saved, letters };
}

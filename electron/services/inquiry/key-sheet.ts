// The key sheet of a form: which inquiry and which 局区 the workbook belongs to, signed. It is
// veryHidden (Excel's "unhide" does not list it) and protected; the signature catches the rest.
import type ExcelJS from 'exceljs';
import { cellText } from '../import/read-source.js';
import { FORM_FORMAT, KEY_FIELDS, KEY_SHEET, type KeyField } from './form-layout.js';
import type { KeySheetContent } from './signing.js';

export interface KeySheetValues extends KeySheetContent {
  /** The inquiry's label, for messages only (not signed: it is looked up by uid). */
  label: string;
  signature: string;
}

export async function addKeySheet(wb: ExcelJS.Workbook, values: KeySheetValues): Promise<void> {
  const ws = wb.addWorksheet(KEY_SHEET, { state: 'veryHidden' });
  ws.getColumn(1).width = 12;
  ws.getColumn(2).width = 70;
  ws.addRow(['X方針ワークベンチの照会キーです。変更すると回答を取り込めなくなります。']);
  for (const key of Object.keys(KEY_FIELDS) as KeyField[]) {
    // Every value as text: a number cell could come back as 1.0 or a date after an edit.
    ws.addRow([KEY_FIELDS[key], String(values[key])]);
  }
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
}

export type KeySheetReading =
  | { ok: true; values: KeySheetValues }
  | { ok: false; reason: 'missing' | 'incomplete' | 'format'; detail?: string };

/** Reads the key sheet by its labels; the signature is verified by the caller, who has the secret. */
export function readKeySheet(wb: ExcelJS.Workbook): KeySheetReading {
  const ws = wb.getWorksheet(KEY_SHEET);
  if (!ws) return { ok: false, reason: 'missing' };
  const byLabel = new Map<string, string>();
  ws.eachRow((row) => {
    const label = cellText(row.getCell(1)).trim();
    if (label) byLabel.set(label, cellText(row.getCell(2)).trim());
  });
  const get = (k: KeyField) => byLabel.get(KEY_FIELDS[k]) ?? '';
  const missing = (Object.keys(KEY_FIELDS) as KeyField[]).filter((k) => k !== 'label' && !get(k));
  if (missing.length) return { ok: false, reason: 'incomplete', detail: missing.map((k) => KEY_FIELDS[k]).join('・') };
  const format = Number(get('format'));
  if (format !== FORM_FORMAT) return { ok: false, reason: 'format', detail: get('format') };
  const organizationId = Number(get('organizationId'));
  if (!Number.isInteger(organizationId)) return { ok: false, reason: 'incomplete', detail: KEY_FIELDS.organizationId };
  return {
    ok: true,
    values: {
      format,
      inquiryUid: get('inquiryUid').toLowerCase(),
      label: get('label'),
      organizationId,
      organization: get('organization'),
      generatedAt: get('generatedAt'),
      signature: get('signature'),
    },
  };
}

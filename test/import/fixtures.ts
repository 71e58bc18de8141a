// Import fixtures made by the tests themselves (nothing binary committed): CSV in the encodings
// Excel writes, and .xlsx files as messy as real ones.
import ExcelJS from 'exceljs';
import { encodeCp932, fitCp932 } from '../../electron/services/export/sheet/cp932';

export const csvText = (rows: (string | number)[][], eol = '\r\n'): string =>
  rows.map((r) => r.map((c) => (/[",\r\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join(eol) + eol;

export const utf8 = (text: string, bom = false): Uint8Array => new Uint8Array(Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]));

/** As Excel on Japanese Windows writes it: 〜 (U+301C) becomes 0x8160, NEC/IBM characters their CP932 bytes. */
export const cp932 = (text: string): Uint8Array => new Uint8Array(encodeCp932(fitCp932(text)));

/** A workbook with the given rows on its first sheet; `edit` can merge cells, add sheets … */
export async function xlsx(rows: (string | number | null)[][], edit?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('一覧');
  for (const r of rows) ws.addRow(r);
  edit?.(ws, wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

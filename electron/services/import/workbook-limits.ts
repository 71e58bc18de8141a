// Limits on a workbook before it is parsed and walked (imports and inquiry returns alike). A
// 45 KB .xlsx with 16,384 cells in one row and one cell at A1048576 made the readers loop over
// rows × columns until V8 ran out of memory; a small zip can also inflate to gigabytes. Each
// zip entry is inflated here as a stream and counted (its declared size can lie), before
// exceljs sees the file; each sheet's used range and cells are checked before any reader loops.
import type ExcelJS from 'exceljs';
import { Unzip, UnzipInflate } from 'fflate';
import { importError } from './import-error.js';

export const WORKBOOK_LIMITS = {
  /** Uncompressed size of one zip entry (a sheet's XML, the shared strings). */
  entryBytes: 256 * 1024 * 1024,
  /** Uncompressed size of all entries together. */
  totalBytes: 512 * 1024 * 1024,
  entries: 10_000,
  /** Rows × columns of a sheet's used range: what the readers walk. */
  rangeCells: 5_000_000,
  rows: 1_000_000,
  columns: 1_000,
  /** Cells that hold something, in the whole workbook. */
  cells: 3_000_000,
} as const;

const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
const man = (n: number) => (n >= 10_000 ? `${n / 10_000}万` : n.toLocaleString('ja-JP'));

/** Compressed bytes handed to the inflater at a time: what one step can inflate stays small (deflate's ratio is at most ~1:1032). */
const CHUNK = 16 * 1024;

/**
 * Every entry inflated as a stream and counted, without keeping it: refused before exceljs
 * inflates it whole. The zip is fed in small chunks and feeding stops at the first limit passed.
 */
export function checkZipEntries(fileName: string, bytes: Uint8Array): void {
  let failure: Error | undefined;
  let entries = 0;
  let total = 0;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (failure) return;
    entries += 1;
    if (entries > WORKBOOK_LIMITS.entries) {
      failure = importError(`「${fileName}」はファイルの中身が ${entries.toLocaleString('ja-JP')} 個以上あり、上限 (${WORKBOOK_LIMITS.entries.toLocaleString('ja-JP')} 個) を超えています`);
      return;
    }
    let size = 0;
    file.ondata = (err, chunk) => {
      if (failure) return;
      if (err) {
        failure = importError(`「${fileName}」はZIP形式が壊れています (${file.name})。元のファイルをもう一度保存してください`);
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > WORKBOOK_LIMITS.entryBytes) {
        failure = importError(`「${fileName}」の中の「${file.name}」は展開すると ${mb(WORKBOOK_LIMITS.entryBytes)} を超え、読み込める上限 (1つあたり ${mb(WORKBOOK_LIMITS.entryBytes)}) を超えています`);
      } else if (total > WORKBOOK_LIMITS.totalBytes) {
        failure = importError(`「${fileName}」は展開すると ${mb(WORKBOOK_LIMITS.totalBytes)} を超え、読み込める上限 (合計 ${mb(WORKBOOK_LIMITS.totalBytes)}) を超えています`);
      }
    };
    file.start();
  };
  try {
    for (let at = 0; at < bytes.length && !failure; at += CHUNK) unzip.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length);
  } catch {
    failure ??= importError(`「${fileName}」はZIP形式が壊れています (途中で切れているか、破損しています)。元のファイルをもう一度保存してください`);
  }
  if (failure) throw failure;
}

/** Used range and cells of every sheet, before any reader walks rows × columns. */
export function checkSheets(fileName: string, wb: ExcelJS.Workbook): void {
  let cells = 0;
  for (const ws of wb.worksheets) {
    const rows = ws.rowCount;
    const columns = Math.max(ws.columnCount, ws.actualColumnCount);
    const where = `「${fileName}」のシート「${ws.name}」`;
    const cleanUp = '使っていない行・列を削除して保存し直してください';
    if (rows > WORKBOOK_LIMITS.rows) throw importError(`${where}は使用範囲が ${rows.toLocaleString('ja-JP')} 行あり、上限 (${man(WORKBOOK_LIMITS.rows)}行) を超えています。${cleanUp}`);
    if (columns > WORKBOOK_LIMITS.columns) throw importError(`${where}は使用範囲が ${columns.toLocaleString('ja-JP')} 列あり、上限 (${WORKBOOK_LIMITS.columns.toLocaleString('ja-JP')}列) を超えています。${cleanUp}`);
    if (rows * columns > WORKBOOK_LIMITS.rangeCells) {
      throw importError(
        `${where}は使用範囲が ${rows.toLocaleString('ja-JP')} 行 × ${columns.toLocaleString('ja-JP')} 列あり、上限 (${man(WORKBOOK_LIMITS.rangeCells)}セル) を超えています。${cleanUp}`,
      );
    }
    ws.eachRow((row) => {
      cells += row.actualCellCount;
    });
    if (cells > WORKBOOK_LIMITS.cells) throw importError(`「${fileName}」は値の入ったセルが上限 (${man(WORKBOOK_LIMITS.cells)}個) を超えています`);
  }
}

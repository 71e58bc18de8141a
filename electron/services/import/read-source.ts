// Reads an import file into rows of cell texts, whatever it really is: .xlsx (checked to be a
// workbook, not a renamed Word file, image or broken zip) or CSV/TSV in UTF-8 (with or without
// BOM), UTF-16 (Excel's "Unicode text") or Shift_JIS/CP932 (NEC/IBM extensions included).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { unzipSync } from 'fflate';
import { importError } from './import-error.js';
import { READING, rowTicker, type OnProgress } from './progress.js';
import { checkSheets, checkZipEntries } from './workbook-limits.js';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type TextEncoding = 'utf8' | 'cp932' | 'utf16le' | 'utf16be';

export interface SourceTable {
  kind: 'xlsx' | 'csv';
  /** CSV: the encoding used (detected or chosen). */
  encoding: TextEncoding | null;
  /** xlsx: the sheet read. */
  sheetName: string | null;
  /** Cell texts; rows[i] is the file's row i + 1 (as Excel numbers rows). */
  rows: string[][];
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Refuses what is not a spreadsheet, naming what it is when we can tell. */
function sniff(fileName: string, bytes: Uint8Array): 'zip' | 'text' {
  if (bytes.length === 0) throw importError(`「${fileName}」は空のファイルです`);
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw importError(`「${fileName}」は ${(bytes.length / 1048576).toFixed(1)} MB あり、取り込める上限 (50 MB) を超えています。ファイルを分けてください`);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) throw importError(`「${fileName}」はPNG画像です。Excelのブック (.xlsx) かCSVを選んでください`);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) throw importError(`「${fileName}」はJPEG画像です。Excelのブック (.xlsx) かCSVを選んでください`);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw importError(`「${fileName}」はPDFです。Excelのブック (.xlsx) かCSVを選んでください`);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw importError(`「${fileName}」は古いExcel形式 (.xls) か Word 97-2003 形式です。Excelで開き「Excel ブック (*.xlsx)」として保存し直してください`);
  }
  const head = bytes.subarray(0, 8192);
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!utf16 && head.includes(0)) throw importError(`「${fileName}」はExcelのブックでもCSVでもない (バイナリの) ファイルです`);
  return 'text';
}

/** Opens the zip and checks it is a workbook; exceljs's own errors are not for users. */
export async function loadWorkbook(fileName: string, bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  if (sniff(fileName, bytes) !== 'zip') throw importError(`「${fileName}」はExcelのブック (.xlsx) ではありません`);
  // The zip's directory only (nothing is inflated): what kind of Office file it is.
  const names = new Set<string>();
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        names.add(entry.name);
        return false;
      },
    });
  } catch {
    throw importError(`「${fileName}」はZIP形式が壊れています (途中で切れているか、破損しています)。元のファイルをもう一度保存してください`);
  }
  if (names.has('word/document.xml')) throw importError(`「${fileName}」はWordの文書 (.docx) です。拡張子だけ .xlsx に変えたファイルは取り込めません`);
  if (names.has('ppt/presentation.xml')) throw importError(`「${fileName}」はPowerPointのファイルです`);
  if (!names.has('xl/workbook.xml')) throw importError(`「${fileName}」はZIPファイルですが、Excelのブック (.xlsx) ではありません`);
  checkZipEntries(fileName, bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw importError(`「${fileName}」をExcelのブックとして読めません (破損している可能性があります): ${(e as Error).message.slice(0, 120)}`);
  }
  checkSheets(fileName, wb);
  return wb;
}

/** The text a user sees in a cell; merged cells give their master's text. */
export function cellText(cell: ExcelJS.Cell): string {
  const c = cell.isMerged ? cell.master : cell;
  const v = c.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result instanceof Date ? v.result.toISOString().slice(0, 10) : v.result);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
  }
  return String(v);
}

export function sheetRows(ws: ExcelJS.Worksheet, onProgress?: OnProgress): string[][] {
  const rows: string[][] = [];
  const width = ws.actualColumnCount || ws.columnCount;
  const tick = rowTicker(onProgress, READING, ws.rowCount);
  for (let r = 1; r <= ws.rowCount; r++) {
    tick(r - 1);
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  tick(ws.rowCount);
  return rows;
}

export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf8';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf8';
  } catch {
    return 'cp932';
  }
}

export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // UTF-16 chosen by hand: the byte-order mark, when there is one, says which end comes first.
  const utf16 = startsWith(bytes, [0xfe, 0xff]) ? 'utf16be' : startsWith(bytes, [0xff, 0xfe]) ? 'utf16le' : encoding;
  const text =
    encoding === 'cp932' ? iconv.decode(buf, 'cp932') : encoding === 'utf16le' || encoding === 'utf16be' ? iconv.decode(buf, utf16) : buf.toString('utf8');
  return text.replace(/^\uFEFF/, '');
}

/** Lines of a text (a cell may hold a line break, so this is the most rows it can have). */
function lineCount(text: string): number {
  let n = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

function parseDelimited(fileName: string, text: string, onProgress?: OnProgress): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const total = onProgress ? lineCount(text) : 0;
  const tick = rowTicker(onProgress, READING, total);
  try {
    const rows = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // Called between records: where progress is told and a cancelled job stops.
      on_record: (record: string[], { lines }: { lines: number }) => {
        tick(lines);
        return record;
      },
    }) as string[][];
    tick(total);
    return rows;
  } catch (e) {
    // Not the parser's complaint (a cancelled job stopping at a record): passed on as it is.
    if (!String((e as { code?: unknown }).code ?? '').startsWith('CSV_')) throw e;
    const err = e as { lines?: number; message: string };
    throw importError(`「${fileName}」をCSVとして読めません${err.lines ? ` (${err.lines}行目付近)` : ''}: 引用符 (") の対応が崩れている可能性があります`);
  }
}

/** The sheet with most content when the caller has no preference. */
function pickSheet(wb: ExcelJS.Workbook, preferred?: (ws: ExcelJS.Worksheet) => number): ExcelJS.Worksheet {
  const sheets = wb.worksheets.filter((ws) => ws.state === 'visible' || ws.state === undefined);
  const score = preferred ?? ((ws: ExcelJS.Worksheet) => ws.actualRowCount);
  const best = [...sheets].sort((a, b) => score(b) - score(a))[0];
  if (!best) throw importError('ブックに表示されているシートがありません');
  return best;
}

export async function readSource(
  fileName: string,
  bytes: Uint8Array,
  options: { encoding?: TextEncoding | 'auto'; sheetScore?: (ws: ExcelJS.Worksheet) => number; onProgress?: OnProgress } = {},
): Promise<SourceTable> {
  const { onProgress } = options;
  onProgress?.({ phase: READING, done: 0, total: 1 });
  if (sniff(fileName, bytes) === 'zip') {
    // Opening the workbook is one step of exceljs (no rows to count yet).
    onProgress?.({ phase: `${READING} (ブックを開いています)`, done: 0, total: 1 });
    const wb = await loadWorkbook(fileName, bytes);
    const ws = pickSheet(wb, options.sheetScore);
    return { kind: 'xlsx', encoding: null, sheetName: ws.name, rows: sheetRows(ws, onProgress) };
  }
  const encoding = !options.encoding || options.encoding === 'auto' ? detectEncoding(bytes) : options.encoding;
  return { kind: 'csv', encoding, sheetName: null, rows: parseDelimited(fileName, decodeText(bytes, encoding), onProgress) };
}

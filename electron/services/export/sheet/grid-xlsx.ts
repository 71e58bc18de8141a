// The grid as an Excel workbook: one sheet, a styled header row that stays in view (frozen) and
// carries the filter buttons, the grid's column widths, and a page setup that prints the list on
// A4 landscape, one page wide, with the header row and the filter line on every page.
//
// Text is stored exactly as it is in the database, without the apostrophe the CSV writer puts in
// front of "=1+1" or "@SUM(A1)": in .xlsx every string is written as a shared-string cell, which
// Excel never evaluates, and an apostrophe would become part of the text. No cell is ever written
// as a formula. Text that starts like a formula also gets the cell style's quote prefix (Excel's
// hidden apostrophe, quotePrefix="1") and the text format, so that opening the cell for editing
// and pressing Enter keeps it text instead of turning it into a formula.
//
// 更新日時 is a real date (sortable, filterable by date) shown in 和暦 by a number format; the
// filter carries its defined name (_xlnm._FilterDatabase), without which LibreOffice shows no
// filter buttons; the font is the one chosen for the handouts.
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { patchZipParts } from '../zip-parts.js';
import { DEFAULT_FONT } from '../fonts.js';
import type { GridCell, GridColumn, GridModel } from '../model/grid-model.js';
import { startsLikeFormula } from './neutralise.js';

const CREATOR = 'X方針ワークベンチ';
const SHEET_TITLE = 'ランク付け一覧';

/** Columns whose long text wraps within the column width. */
const WRAPPED: ReadonlySet<GridColumn['key']> = new Set(['title', 'comment']);
/** Short codes read best centred. */
const CENTRED: ReadonlySet<GridColumn['key']> = new Set(['level', 'number', 'rank']);

const thin = { style: 'thin', color: { argb: 'FF8C8C8C' } } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** 令和6年11月24日 9:05 in Excel and LibreOffice alike (411 = ja-JP, ggg = 令和, e = era year). */
export const WAREKI_DATE_TIME = '[$-411]ggge"年"m"月"d"日" h:mm';
/** The text format; its cells also get quotePrefix="1" (see markQuotePrefix). */
const TEXT_FORMAT = '@';

function headerStyle(font: Partial<ExcelJS.Font>): Partial<ExcelJS.Style> {
  return {
    font: { ...font, bold: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
    border: BORDER,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  };
}

/**
 * One style object per column (and one more for its formula-like text), shared by all its cells:
 * exceljs recognises a style object it has seen before, which keeps 100,000 rows fast.
 */
function dataStyle(column: GridColumn, font: Partial<ExcelJS.Font>, asText = false): Partial<ExcelJS.Style> {
  return {
    font,
    border: BORDER,
    alignment: {
      vertical: 'top',
      horizontal: CENTRED.has(column.key) ? 'center' : 'left',
      wrapText: WRAPPED.has(column.key),
    },
    ...(column.key === 'number' ? { numFmt: '0' } : {}),
    ...(column.key === 'updatedAt' ? { numFmt: WAREKI_DATE_TIME } : {}),
    ...(asText ? { numFmt: TEXT_FORMAT } : {}),
  };
}

/** A stored UTC time as the Japanese wall-clock time Excel shows (dates in a workbook have no zone). */
const JST_MS = 9 * 3600_000;
const excelDate = (iso: string): Date => new Date(Date.parse(iso) + JST_MS);

/**
 * A string or a number, nothing else: exceljs writes a string as a string cell whatever it
 * starts with. In a cell a line break is LF (Alt+Enter); a CR would be lost or shown as a glyph.
 * Control characters XML cannot hold (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F) are dropped
 * by exceljs when it writes the file.
 */
function cellValue(cell: GridCell): string | number | null {
  return typeof cell === 'string' ? cell.replace(/\r\n?/g, '\n') : cell;
}

/**
 * Excel's sheet name rules: at most 31 characters (UTF-16 units), none of \ / ? * [ ] :, not
 * blank. An apostrophe is allowed by Excel but not quoted by exceljs in the print-titles name, so
 * it is replaced too.
 */
export function sheetName(name: string): string {
  const clean = name.replace(/[\\/?*[\]:']/g, '_').trim() || SHEET_TITLE;
  const cut = clean.slice(0, 31);
  // Never cut a surrogate pair (𠮷) in half.
  return (/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut).trim();
}

/** Points per line of 10 pt text, and the padding of a cell. */
const LINE_PT = 13.5;
const PAD_PT = 3;

/**
 * Width of text in Excel's column-width units (the width of a digit of the workbook's default
 * font, which is the chosen Japanese font at 10 pt): a full-width character is two digits wide.
 */
function textWidth(line: string): number {
  let w = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // second half of a surrogate pair
    w += c < 0x1100 || (c >= 0xff61 && c <= 0xff9f) ? 1 : 2;
  }
  return w;
}

/**
 * Row height for wrapped text, or undefined for a single line. Excel and LibreOffice do not
 * reliably grow a row to its wrapped text when opening a file, so a 所見 of three lines would show
 * only its first; rows of one line keep the default height.
 */
function rowHeight(cells: readonly (string | number | null)[], wrapped: readonly number[], widths: readonly number[]): number | undefined {
  let lines = 1;
  for (const c of wrapped) {
    const text = cells[c];
    if (typeof text !== 'string' || text === '') continue;
    // Less the cell's padding (about one digit), so a line that only just fits counts as two.
    const perLine = Math.max(1, widths[c]! - 1);
    let n = 0;
    for (const line of text.split('\n')) n += Math.max(1, Math.ceil(textWidth(line) / perLine));
    lines = Math.max(lines, n);
  }
  return lines > 1 ? lines * LINE_PT + PAD_PT : undefined;
}

/** Header/footer text: & starts a code there (&P is the page number), so a literal & is &&. */
function headerText(text: string, max = 200): string {
  const cut = [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
  return cut.replace(/&/g, '&&');
}

/**
 * Written with exceljs's streaming writer: each row goes to the zip as it is added, which for
 * 100,000 rows is about twice as fast as building the whole workbook in memory and needs a
 * fraction of the memory (the file is collected in memory only as compressed bytes).
 */
export async function renderGridXlsx(model: GridModel): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = CREATOR;
  workbook.lastModifiedBy = CREATOR;
  workbook.title = `${SHEET_TITLE} ${model.round.label}`;
  workbook.subject = model.filterLine;

  const ncol = model.columns.length;
  const font: Partial<ExcelJS.Font> = { name: model.font ?? DEFAULT_FONT, size: 10 };
  const name = sheetName(`${SHEET_TITLE} ${model.round.label}`);
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as the rows need
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      // Left: what was filtered; centre: the list's name in bold; right: the round's title.
      oddHeader: `&L${headerText(model.filterLine)}&C&"-,Bold"${SHEET_TITLE}&R${headerText(model.round.title, 60)}`,
      oddFooter: '&C&P / &N',
    },
  });
  // The filter covers the header and every row; the streaming writer writes it when the sheet ends.
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + model.rows.length, column: ncol } };
  sheet.columns = model.columns.map((c) => ({ key: c.key, width: c.width }));

  const header = sheet.addRow(model.columns.map((c) => c.header));
  const hStyle = headerStyle(font);
  header.eachCell((cell) => (cell.style = hStyle));
  header.height = 20;
  header.commit();

  const styles = model.columns.map((c) => dataStyle(c, font));
  const textStyles = model.columns.map((c) => dataStyle(c, font, true));
  const wrapped = model.columns.flatMap((c, i) => (WRAPPED.has(c.key) ? [i] : []));
  const widths = model.columns.map((c) => c.width);
  const dateCol = model.columns.findIndex((c) => c.key === 'updatedAt');
  const dates = model.updatedAt?.length === model.rows.length ? model.updatedAt : undefined;
  for (const [r, cells] of model.rows.entries()) {
    const values: (string | number | Date | null)[] = cells.map(cellValue);
    const iso = dates?.[r];
    if (dateCol >= 0 && iso) values[dateCol] = excelDate(iso);
    const row = sheet.addRow(values);
    for (let c = 0; c < ncol; c++) {
      const v = values[c];
      row.getCell(c + 1).style = typeof v === 'string' && startsLikeFormula(v) ? textStyles[c]! : styles[c]!;
    }
    const height = rowHeight(cells, wrapped, widths);
    if (height) row.height = height;
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  const bytes = Buffer.concat(chunks);
  return finishWorkbook(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), name, model.rows.length + 1, ncol, font.name!);
}

const columnLetter = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : columnLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

/**
 * What exceljs cannot write, added to the finished file (only two small parts change; the sheet
 * itself is copied compressed as it is):
 * - the filter's defined name _xlnm._FilterDatabase, hidden and local to the sheet, as Excel
 *   writes it: LibreOffice shows the filter buttons only with it;
 * - quotePrefix="1" on the text-format styles given to formula-like text;
 * - the chosen font as the workbook's default font.
 */
async function finishWorkbook(bytes: Uint8Array, sheet: string, lastRow: number, ncol: number, fontName: string): Promise<Uint8Array> {
  const ref = `'${sheet.replace(/'/g, "''")}'!$A$1:$${columnLetter(ncol)}$${lastRow}`.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const filterName = `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${ref}</definedName>`;
  // The workbook's default font (the 標準 style, used by every cell a user adds) is the chosen
  // one too, not exceljs's Calibri. numFmtId 49 is the built-in text format '@'.
  const font = `<font><sz val="10"/><name val="${fontName.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/><family val="3"/><charset val="128"/></font>`;
  return patchZipParts(
    bytes,
    {
      'xl/workbook.xml': (book) =>
        book.includes('<definedNames>')
          ? book.replace('<definedNames>', `<definedNames>${filterName}`)
          : book.replace('</sheets>', `</sheets><definedNames>${filterName}</definedNames>`),
      'xl/styles.xml': (styles) =>
        styles
          .replace(/<font>(?:(?!<\/font>).)*<name val="Calibri"\/>(?:(?!<\/font>).)*<\/font>/, font)
          .replace(/<xf ([^>]*numFmtId="49"[^>]*?)(\/?)>/g, (_m, attrs: string, close: string) => `<xf ${attrs} quotePrefix="1"${close}>`),
    },
    'xlsx',
    true,
  );
}

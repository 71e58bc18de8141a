// Styles and row heights shared by the form's sheets. Excel and LibreOffice do not grow a row to
// its wrapped text when they open a file, so heights are estimated here from the text.
import type ExcelJS from 'exceljs';
import { DEFAULT_FONT } from '../export/fonts.js';

export const FONT: Partial<ExcelJS.Font> = { name: DEFAULT_FONT, size: 10 };
const thin = { style: 'thin', color: { argb: 'FF8C8C8C' } } as const;
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
/** Yellow = write here; the usual convention of Japanese office forms. */
export const INPUT_FILL = solid('FFFFF2CC');
export const LOCKED_FILL = solid('FFF2F2F2');
export const HEADER_FILL = solid('FFD9E1F2');

/** Points per line of 10 pt text, and a cell's padding. */
const LINE_PT = 13.5;
const PAD_PT = 4;
/** Excel's largest row height. */
const MAX_ROW_PT = 409;

/** Width in Excel column units: a full-width character is about two half-width ones. */
function textWidth(line: string): number {
  let w = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // second half of a surrogate pair
    w += c < 0x1100 || (c >= 0xff61 && c <= 0xff9f) ? 1 : 1.9;
  }
  return w;
}

/** Lines the text takes when wrapped in a column of this width. */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / perLine)), 0);
}

/** Height for the tallest of the cells, at least `minLines` lines. */
export function rowHeightFor(cells: { text: string; width: number }[], minLines = 1): number {
  const lines = Math.max(minLines, ...cells.map((c) => (c.text ? wrappedLines(c.text, c.width) : 1)));
  return Math.min(MAX_ROW_PT, lines * LINE_PT + PAD_PT);
}

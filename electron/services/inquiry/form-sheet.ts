// 「記入シート」: one row per issue, pre-filled with its latest version. The cells to fill are
// unlocked and yellow, the rest locked grey under sheet protection (no password: protection is
// against accidents; the signed row keys are what make a return trustworthy, and a bureau that
// must unprotect, e.g. to sort, can). Each row carries its signed key in a hidden column.
import type ExcelJS from 'exceljs';
import { ANSWERS, FIRST_DATA_ROW, FORM_COLUMNS, FORM_SHEET, HEADER_ROW, TITLE_ROW, columnLetter, columnNumber } from './form-layout.js';
import type { FormFields } from './form-fields.js';
import { BORDER, FONT, HEADER_FILL, INPUT_FILL, LOCKED_FILL, rowHeightFor } from './sheet-style.js';

export interface FormRowInput {
  organization: string;
  level: string;
  number: number;
  fields: FormFields;
  /** Signed row key (signing.ts). */
  key: string;
}

/** Empty rows still get room for a few lines: the form invites writing ⑤. */
const MIN_LINES = 5;

const cellStyle = (input: boolean, wrap: boolean, centred: boolean): Partial<ExcelJS.Style> => ({
  font: FONT,
  border: BORDER,
  fill: input ? INPUT_FILL : LOCKED_FILL,
  alignment: { vertical: 'top', horizontal: centred ? 'center' : 'left', wrapText: wrap },
  protection: { locked: !input },
});

// One style object per column, shared by its cells (exceljs then writes one style per column).
const STYLES = FORM_COLUMNS.map((c) =>
  cellStyle(c.input, c.key !== 'organization' && c.key !== 'key', c.key === 'level' || c.key === 'number' || c.key === 'answer'),
);

function valueOf(r: FormRowInput, key: (typeof FORM_COLUMNS)[number]['key']): string | number | null {
  switch (key) {
    case 'organization':
      return r.organization;
    case 'level':
      return r.level;
    case 'number':
      return r.number;
    case 'answer':
      return null;
    case 'key':
      return r.key;
    default:
      // A text that starts with "=" is still a plain string cell: exceljs never writes it as a formula.
      return r.fields[key] || null;
  }
}

export async function addFormSheet(wb: ExcelJS.Workbook, input: { title: string; rows: FormRowInput[] }): Promise<void> {
  const last = columnLetter(FORM_COLUMNS.length - 1); // the last visible column (the key is after it)
  const ws = wb.addWorksheet(FORM_SHEET, {
    views: [{ state: 'frozen', xSplit: columnNumber('title') - 1, ySplit: HEADER_ROW, topLeftCell: `D${FIRST_DATA_ROW}`, activeCell: `D${FIRST_DATA_ROW}` }],
    pageSetup: {
      // A3 (8 in SpreadsheetML): five paragraphs side by side. exceljs's typings list no A3.
      paperSize: 8 as ExcelJS.PaperSize,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      printArea: `A1:${last}${Math.max(FIRST_DATA_ROW, FIRST_DATA_ROW + input.rows.length - 1)}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C&P / &N' },
  });
  ws.columns = FORM_COLUMNS.map((c) => ({ width: c.width }));
  ws.getColumn(columnNumber('key')).hidden = true;

  ws.getRow(TITLE_ROW).getCell(1).value = input.title;
  ws.getRow(TITLE_ROW).getCell(1).style = { font: { ...FONT, size: 13, bold: true }, alignment: { vertical: 'middle' } };
  ws.getRow(TITLE_ROW).height = 24;
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, FORM_COLUMNS.length - 1);

  const header = ws.getRow(HEADER_ROW);
  FORM_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.style = { font: { ...FONT, bold: true }, fill: HEADER_FILL, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };
  });
  header.height = 30;

  const answerCol = columnNumber('answer');
  input.rows.forEach((r, i) => {
    const row = ws.getRow(FIRST_DATA_ROW + i);
    FORM_COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.value = valueOf(r, c.key);
      cell.style = STYLES[j]!;
    });
    row.getCell(answerCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${ANSWERS.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '回答区分',
      error: `「${ANSWERS.join('」か「')}」を選んでください`,
      showInputMessage: true,
      promptTitle: '回答区分',
      prompt: '内容を修正したら「修正あり」、修正がなければ「修正なし」',
    };
    row.height = rowHeightFor(
      FORM_COLUMNS.filter((c) => c.key in r.fields).map((c) => ({ text: r.fields[c.key as keyof FormFields], width: c.width })),
      MIN_LINES,
    );
  });

  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: false,
    deleteRows: false,
    insertColumns: false,
    deleteColumns: false,
    sort: false,
    autoFilter: false,
  });
}

// The layout of an inquiry workbook, shared by the writer (build-form-workbook.ts) and the reader
// (read-return.ts) so that the two can never disagree about where things are.
import { VERSION_FIELDS, type VersionFieldKey } from '../../../common/fields.js';

/** Bumped when the layout changes incompatibly; a return of another format is refused. */
export const FORM_FORMAT = 1;

export const INSTRUCTIONS_SHEET = '記入要領';
export const FORM_SHEET = '記入シート';
/** veryHidden: Excel's UI cannot show it (only VBA could), so it is not edited by accident. */
export const KEY_SHEET = '照会キー';

/** The two answers of the 回答区分 dropdown. */
export const ANSWERS = ['修正あり', '修正なし'] as const;
export type Answer = (typeof ANSWERS)[number];

export type FormColumnKey = 'organization' | 'level' | 'number' | VersionFieldKey | 'answer' | 'key';

export interface FormColumn {
  key: FormColumnKey;
  header: string;
  /** Excel width units (about one half-width character). */
  width: number;
  /** The bureau writes here: unlocked, filled yellow. */
  input: boolean;
}

const fieldColumn = (f: (typeof VERSION_FIELDS)[number]): FormColumn => ({
  key: f.key,
  header: `${f.mark}${f.label}`,
  // The title is one line; ②–⑤ hold paragraphs of Japanese text.
  width: f.key === 'title' ? 26 : 50,
  input: true,
});

export const FORM_COLUMNS: readonly FormColumn[] = [
  { key: 'organization', header: '局名', width: 8, input: false },
  { key: 'level', header: 'レベル', width: 7, input: false },
  { key: 'number', header: '番号', width: 6, input: false },
  ...VERSION_FIELDS.map(fieldColumn),
  { key: 'answer', header: '回答区分', width: 12, input: true },
  // Hidden and locked: the row's identity, signed (see signing.ts).
  { key: 'key', header: 'キー (変更しないでください)', width: 30, input: false },
];

/** 1-based column number of a column. */
export const columnNumber = (key: FormColumnKey): number => FORM_COLUMNS.findIndex((c) => c.key === key) + 1;

/** Excel's column letter (A, B, … Z, AA …) for messages that name a cell. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Row 1 is the sheet's title, row 2 the column headings, the issues start at row 3. */
export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = 3;

/** The key sheet: one labelled value per row (label in column A, value in column B). */
export const KEY_FIELDS = {
  format: '形式',
  inquiryUid: '照会ID',
  label: '照会',
  organizationId: '局区ID',
  organization: '局区',
  generatedAt: '作成日時',
  signature: '署名',
} as const;
export type KeyField = keyof typeof KEY_FIELDS;

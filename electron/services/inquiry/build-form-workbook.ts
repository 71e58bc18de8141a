// One 局区's inquiry workbook: 記入要領, 記入シート and the hidden key sheet. A plain .xlsx:
// no macros (the closed network's sanitiser strips them), no formulas, no external links.
import ExcelJS from 'exceljs';
import { addFormSheet, type FormRowInput } from './form-sheet.js';
import { addInstructionsSheet, type InstructionsInput } from './instructions-sheet.js';
import { addKeySheet, type KeySheetValues } from './key-sheet.js';

const CREATOR = 'X方針ワークベンチ';

export interface FormWorkbookInput {
  instructions: InstructionsInput;
  formTitle: string;
  rows: FormRowInput[];
  key: KeySheetValues;
}

export async function buildFormWorkbook(input: FormWorkbookInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.title = input.formTitle;
  const created = new Date(input.key.generatedAt);
  wb.created = created;
  // A return's own "modified" time tells two returns of one form apart (newer wins).
  wb.modified = created;
  await addInstructionsSheet(wb, input.instructions);
  await addFormSheet(wb, { title: input.formTitle, rows: input.rows });
  await addKeySheet(wb, input.key);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

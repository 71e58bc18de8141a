// 「記入要領」: the first sheet a bureau sees — what to do, by when, and the secretariat's writing
// rules (the enabled 記載チェック rules), so the bureau writes toward what will be checked.
import type ExcelJS from 'exceljs';
import { fieldLabel } from '../../../common/fields.js';
import { formatWarekiDate, formatWarekiPeriod, parseIsoDate } from '../../../common/wareki.js';
import { FORM_SHEET, INSTRUCTIONS_SHEET } from './form-layout.js';
import { BORDER, FONT, HEADER_FILL, rowHeightFor } from './sheet-style.js';

export interface InstructionsInput {
  title: string;
  label: string;
  /** The month the returns describe, 'YYYY-MM'. */
  asOf: string;
  organizationFullName: string;
  /** ISO date, or null when the request letter gives it. */
  deadline: string | null;
  rules: { field: string; message: string }[];
}

const WEEKDAYS = '日月火水木金土';
const NUMBER_WIDTH = 5;
const TEXT_WIDTH = 92;

/** 令和7年2月28日(金) */
function deadlineText(iso: string | null): string {
  const d = iso ? parseIsoDate(iso) : null;
  return d ? `${formatWarekiDate(d)}(${WEEKDAYS[d.getDay()]})` : '事務局からの依頼文のとおり';
}

function steps(input: InstructionsInput): string[] {
  return [
    `「${FORM_SHEET}」には、貴局区の変革課題と、その現在の記載内容 (最新の版) が入っています。`,
    `黄色のセル (①課題名〜⑤取組みの進捗状況、取組結果) を、${formatWarekiPeriod(input.asOf)}時点の内容に書き換えてください。⑤には取組みの進捗状況と結果を記入してください。`,
    '「回答区分」の欄で、内容を修正した課題は「修正あり」、修正がない課題は「修正なし」を選んでください。修正がない課題も、行は消さずにそのまま残してください。',
    'セルの中で改行するときは Alt + Enter を押します。行の高さ・列の幅は変えて構いません。行の順番が変わっても正しく取り込まれます。',
    '灰色のセル (局名・レベル・番号) と見出しは変更できません。行の追加・削除もしないでください。新しい課題の追加や、課題の統合・廃止は、事務局へ別途ご連絡ください。',
    '各行には、取り込みに使う非表示のキーがあります。他の局区の様式や、前回の照会の様式から行をコピーしないでください。',
    '記入が終わったら、このファイルを保存し (ファイル名は変えないでください)、提出期限までに事務局へ返送してください。',
    '下の「記載ルール」は、事務局が記載内容を確認するときの観点です。記入の参考にしてください。',
  ];
}

export async function addInstructionsSheet(wb: ExcelJS.Workbook, input: InstructionsInput): Promise<void> {
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C&P / &N' },
    views: [{ showGridLines: false }],
  });
  ws.getColumn(1).width = NUMBER_WIDTH;
  ws.getColumn(2).width = TEXT_WIDTH;

  const line = (a: string | number | null, b: string, style: Partial<ExcelJS.Style> = {}) => {
    const row = ws.addRow([a, b]);
    row.eachCell({ includeEmpty: true }, (cell) => (cell.style = { font: FONT, alignment: { vertical: 'top', wrapText: true }, ...style }));
    row.height = rowHeightFor([{ text: b, width: TEXT_WIDTH }]);
    return row;
  };
  const heading = (text: string) => {
    ws.addRow([]);
    line(null, text, { font: { ...FONT, size: 11, bold: true } });
  };

  const title = ws.addRow([input.title]);
  ws.mergeCells(title.number, 1, title.number, 2);
  title.getCell(1).style = { font: { ...FONT, size: 14, bold: true }, alignment: { vertical: 'middle' } };
  title.height = 26;
  line(null, `${input.organizationFullName} 御中`, { font: { ...FONT, size: 11 } });
  line(null, `照会: ${input.label}\u3000\u3000提出期限: ${deadlineText(input.deadline)}`, { font: { ...FONT, size: 11, bold: true } });

  heading('記入のしかた');
  steps(input).forEach((s, i) => line(i + 1, s));

  heading('記載ルール (事務局の記載チェック)');
  const header = ws.addRow(['No.', '項目 / 記載すべき内容']);
  header.eachCell((cell) => (cell.style = { font: { ...FONT, bold: true }, fill: HEADER_FILL, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle' } }));
  // The field's name in bold above its message, in the one wide column.
  for (const [i, rule] of input.rules.entries()) {
    const text = `${fieldLabel(rule.field)}\n${rule.message}`;
    const row = ws.addRow([i + 1, text]);
    row.eachCell({ includeEmpty: true }, (cell, col) => (cell.style = { font: FONT, border: BORDER, alignment: { vertical: 'top', horizontal: col === 1 ? 'center' : 'left', wrapText: true } }));
    row.getCell(2).value = { richText: [{ text: `${fieldLabel(rule.field)}\n`, font: { ...FONT, bold: true } }, { text: rule.message, font: FONT }] };
    row.height = rowHeightFor([{ text, width: TEXT_WIDTH }]);
  }
  if (!input.rules.length) line(null, '(記載ルールは設定されていません)');
  ws.addRow([]);
  line(null, 'ご不明な点は、市政変革事務局までお問い合わせください。');
  // Nothing to fill here: protected so that a stray keystroke does not change the instructions.
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

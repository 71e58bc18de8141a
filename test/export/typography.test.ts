// Japanese typography of the handouts, checked on the printed result: the PDF from Chromium and the
// Word file laid out by LibreOffice. Titles are generated so that kana, ー, closing brackets and a
// Latin word fall at every position of a line; no line of the extracted text may start with a
// character 禁則 forbids there, 「RPA」 is never cut, every list page starts with its header rows,
// and every table is closed at the foot of every page.
import { readZip } from '../helpers/zip';
import { afterAll, describe, expect, it } from 'vitest';
import { listRounds } from '../../db/queries/rounds';
import { renderOrgDocx } from '../../electron/services/export/docx/org-docx';
import { renderReportDocx } from '../../electron/services/export/docx/report-docx';
import { NO_LINE_START } from '../../electron/services/export/docx/east-asian';
import { printDocument } from '../../electron/services/export/html/document';
import { orgBody } from '../../electron/services/export/html/org-html';
import { reportBody } from '../../electron/services/export/html/report-html';
import { COLUMN_PERCENTS, COLUMNS } from '../../electron/services/export/layout';
import { buildOrgModel } from '../../electron/services/export/model/org-model';
import { buildReportModel } from '../../electron/services/export/model/report-model';
import { exportRequestSchema, orgRequestSchema, reportRequestSchema } from '../../electron/services/export/options';
import { chromiumPrinter } from '../../electron/services/export/pdf/chromium-printer';
import { pdfPageOf, runExport } from '../../electron/services/export/run-export';
import { printCss } from '../../electron/services/export/html/document';
import { inkInSideMargins, pdfPages, tableClosedAtFoot } from '../helpers/png';
import { readPdf } from '../helpers/poppler';
import { docxToPdf } from '../helpers/soffice';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const roundId = listRounds(db.sqlite)[0]!.id;
const printer = chromiumPrinter();
afterAll(() => printer.close());

/** Titles whose kana, ー, brackets and 「RPA」 land at every offset of a line. */
const PHRASE = 'ルーティン化のプラットフォーム（RPA）を「ショッピング」、チェックする。';
const titles = Array.from({ length: 48 }, (_, k) => `${'業'.repeat(k % 24)}${PHRASE}${k >= 24 ? PHRASE : ''}`);

function reportModel() {
  const m = buildReportModel(db.sqlite, reportRequestSchema.parse({ kind: 'report', format: 'pdf', roundId }), { author: 'テスト' });
  const rows = m.lists[0]!.rows;
  // Enough rows for several pages; the generated titles first.
  m.lists[0]!.rows = [...titles, ...titles].map((title, i) => ({ ...rows[i % rows.length]!, title }));
  return m;
}

function orgModel() {
  const m = buildOrgModel(db.sqlite, orgRequestSchema.parse({ kind: 'org', format: 'pdf', roundId }), { author: 'テスト' });
  const s = m.sections[0]!;
  s.rows = titles.map((title, i) => ({ ...s.rows[i % s.rows.length]!, title, comment: i % 3 === 0 ? `${PHRASE}${'所'.repeat(i % 17)}${PHRASE}` : '' }));
  m.sections = [s];
  return m;
}

// Lines of the extracted text; a bullet (・) at a line start is a forced break, not a wrap.
const CHECKED = [...NO_LINE_START].filter((c) => c !== '・' && c !== '!' && c !== '%');
function badLineStarts(text: string): string[] {
  return text.split('\n').filter((line) => {
    const t = line.trimStart();
    return t !== '' && (CHECKED.includes([...t][0]!) || /^(PA|A）)/.test(t));
  });
}
function badLineEnds(text: string): string[] {
  return text.split('\n').filter((line) => /[（「](R|RP)?$/.test(line.trimEnd()) || /（RP?$/.test(line.trimEnd()));
}

describe('禁則 and Latin words in the printed handouts', () => {
  it('print.css has a rule for every column width the templates use', () => {
    for (const p of COLUMN_PERCENTS) expect(printCss(), `col.p${p}`).toContain(`col.p${p} { width: ${p}%; }`);
    expect(printCss()).toContain('line-break: strict');
  });

  it('PDF (Chromium): no line starts with a small kana, ー or closing punctuation; RPA is never cut', async () => {
    for (const [name, m, body] of [
      ['report', reportModel(), (x: ReturnType<typeof reportModel>) => reportBody(x)],
      ['org', orgModel(), (x: ReturnType<typeof orgModel>) => orgBody(x)],
    ] as const) {
      // @ts-expect-error the pairs are matched above
      const pdf = await printer.print(printDocument(m.meta, body(m)), pdfPageOf(m.meta));
      const { text, pages } = readPdf(pdf);
      expect(text, name).toContain('ルーティン化');
      expect(badLineStarts(text), name).toEqual([]);
      expect(badLineEnds(text), name).toEqual([]);
      // Nothing clipped or running into the side margins (20 mm; the outer 15 mm stay blank).
      for (const [i, g] of pdfPages(pdf).entries()) expect(inkInSideMargins(g, 72, 15), `${name} page ${i + 1}`).toBe(0);
      if (name === 'report') {
        expect(pages).toBeGreaterThanOrEqual(3);
        // The caption and the column names at the top of every list page.
        const pageTexts = text.split('\f').filter((t) => t.trim());
        for (const [i, t] of pageTexts.entries()) if (i > 0) expect(t.replace(/\s+/g, ''), `page ${i + 1}`).toMatch(/^Aレベルの課題の分析結果一覧局名番号課題名ランク/);
        // Every page's table is closed by a rule at its foot.
        const images = pdfPages(pdf);
        for (const [i, g] of images.entries()) expect(tableClosedAtFoot(g), `page ${i + 1}`).not.toBe(false);
        expect(images.filter((g) => tableClosedAtFoot(g) === true).length).toBeGreaterThanOrEqual(pages - 1);
      }
    }
  }, 60_000);

  it('Word (laid out by LibreOffice): the same, and the file converts without repair', async () => {
    const pdfs = docxToPdf({ report: await renderReportDocx(reportModel()), org: await renderOrgDocx(orgModel()) });
    for (const [name, pdf] of Object.entries(pdfs)) {
      const { text } = readPdf(pdf);
      expect(text, name).toContain('ルーティン化');
      expect(badLineStarts(text), name).toEqual([]);
      expect(badLineEnds(text), name).toEqual([]);
    }
    const pages = readPdf(pdfs.report!).text.split('\f').filter((t) => t.trim());
    for (const [i, t] of pages.entries()) if (i > 0) expect(t.replace(/\s+/g, ''), `page ${i + 1}`).toMatch(/^Aレベルの課題の分析結果一覧局名番号課題名ランク/);
  }, 120_000);
});

describe('comparison sheets on paper', () => {
  it('A3 and A4 landscape: the sheet within the margins, its table closed, bullets on their own lines', async () => {
    for (const paper of ['A3', 'A4'] as const) {
      const file = await runExport(db.sqlite, exportRequestSchema.parse({ kind: 'compare', format: 'pdf', paper }), { author: 'テスト', printer });
      const images = pdfPages(file.bytes);
      for (const [i, g] of images.entries()) {
        expect(inkInSideMargins(g, 72, 15), `${paper} page ${i + 1}`).toBe(0);
        expect(tableClosedAtFoot(g), `${paper} page ${i + 1}`).not.toBe(false);
      }
      const { text } = readPdf(file.bytes);
      expect(badLineStarts(text), paper).toEqual([]);
      // The run-together bullets of the sample are separate lines.
      expect(text.split('\n').some((l) => l.trim().startsWith('・ 統廃合時期の前倒し'))).toBe(true);
    }
  }, 60_000);
});

describe('one layout for the Word file and the PDF', () => {
  it('same column widths, and the title block in the same order (X会議, title, period, 作成日)', async () => {
    const m = buildReportModel(db.sqlite, reportRequestSchema.parse({ kind: 'report', format: 'pdf', roundId }), { author: 'テスト' });
    const html = reportBody(m);
    expect(html).toContain(`<table class="list"><colgroup>${COLUMNS.reportList.map((p) => `<col class="p${p}">`).join('')}</colgroup>`);
    const docx = await renderReportDocx(m);
    const doc = readZip(docx).text('word/document.xml');
    const list = doc.split('<w:tbl>').find((t) => t.includes('分析結果一覧'))!;
    const grid = [...list.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((x) => Number(x[1]));
    const total = grid.reduce((a, b) => a + b, 0);
    grid.forEach((w, i) => expect(Math.round((w / total) * 100), `column ${i + 1}`).toBe(COLUMNS.reportList[i]));
    const order = ['令和6年12月20日X会議', '局区X方針の進捗状況(Aレベル)', '(令和6年11月時点)', '作成日'];
    const positions = (text: string) => order.map((s) => text.replace(/\s+/g, '').indexOf(s));
    const pdfText = readPdf(await printer.print(printDocument(m.meta, html), pdfPageOf(m.meta))).text;
    const wordText = readPdf(docxToPdf({ report: docx }).report!).text;
    for (const [name, text] of [['pdf', pdfText], ['docx', wordText]] as const) {
      const at = positions(text);
      expect(at.every((p) => p >= 0), `${name}: ${at.join(',')}`).toBe(true);
      expect([...at].sort((a, b) => a - b), name).toEqual(at);
    }
  }, 120_000);
});

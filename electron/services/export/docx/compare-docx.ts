// Comparison sheets (X方針 B・Cレベルの進捗把握) as Word, one issue per page: the August version
// beside the November one, field by field, and the secretariat's note in a dashed box as in
// the document. Two ways of showing the differences:
// - normal: deletions struck through in red on the left, additions underlined in blue on the right;
// - tracked: the right side holds the new text as real Word revisions (w:ins / w:del), so the
//   reader can step through them with [校閲], accept all (= new text) or reject all (= old text).
import { AlignmentType, DeletedTextRun, HeadingLevel, InsertedTextRun, Paragraph, TextRun, UnderlineType, type FileChild, type ParagraphChild } from 'docx';
import { newSide, oldSide, type DiffPart } from '../../compare/text-diff.js';
import { sheetHeading } from '../html/compare-html.js';
import { COLUMNS } from '../layout.js';
import type { FieldComparison } from '../../compare/compare-issue.js';
import type { CompareModel, ComparisonSheet, SheetSide } from '../model/compare-model.js';
import {
  COLOR,
  PageEstimator,
  type PageGeometry,
  DASHED,
  SIZE,
  afterTable,
  bodyRow,
  buildDocument,
  cell,
  fitsOnePage,
  fixedTable,
  headerRow,
  packDocx,
  pageGeometry,
  para,
  runChildren,
  splitWidths,
  textRun,
  type RunStyle,
} from './docx-common.js';

const DELETED: RunStyle = { strike: true, color: COLOR.delete };
const INSERTED: RunStyle = { underline: { type: UnderlineType.SINGLE, color: COLOR.insert }, color: COLOR.insert };
const MUTED: RunStyle = { color: COLOR.muted };
/** The full-width space Japanese documents separate items on a line with. */
const WIDE_SPACE = '\u3000';


/**
 * Text sizes in half-points. A3 sheets are read at arm's length on the meeting table, so their
 * text is 11 pt; on A4 the usual 10.5 pt keeps the fields from running over several pages.
 */
interface Sizes {
  body: number;
  small: number;
}
const sizesFor = (paper: string): Sizes => (paper === 'A3' ? { body: 22, small: 19 } : { body: SIZE.body, small: SIZE.small });

/** Who and when every revision of the document is attributed to, and the next free revision id. */
interface Revisions {
  author: string;
  date: string;
  nextId: number;
}

/** Left side, normal mode: the old text (unchanged and deleted parts), deletions struck through. */
function oldSideRuns(parts: DiffPart[]): TextRun[] {
  return parts.filter((p) => p.op !== 'insert').map((p) => textRun(p.text, p.op === 'delete' ? DELETED : {}));
}

/** Right side, normal mode: the new text (unchanged and inserted parts), additions underlined. */
function newSideRuns(parts: DiffPart[]): TextRun[] {
  return parts.filter((p) => p.op !== 'delete').map((p) => textRun(p.text, p.op === 'insert' ? INSERTED : {}));
}

/**
 * Right side, tracked mode: every part in order, one w:ins or w:del per inserted or deleted
 * part. A part with line breaks stays one element (its breaks are w:br inside the one run), so
 * the document holds exactly as many revisions as the model counts.
 */
function trackedRuns(parts: DiffPart[], rev: Revisions): ParagraphChild[] {
  return parts.map((p) => {
    if (p.op === 'equal') return textRun(p.text);
    const change = { id: rev.nextId++, author: rev.author, date: rev.date, children: runChildren(p.text) };
    return p.op === 'insert' ? new InsertedTextRun(change) : new DeletedTextRun(change);
  });
}

/** The two text cells of one field ①–⑤. */
function fieldSides(f: FieldComparison, tracked: boolean, rev: Revisions, sizes: Sizes): [Paragraph, Paragraph] {
  const note = (text: string) => para(text, { ...MUTED, size: sizes.small });
  const left = f.status === 'new' || f.from === null ? note('(新規)') : new Paragraph({ children: tracked ? [textRun(oldSide(f.parts))] : oldSideRuns(f.parts) });
  if (tracked) return [left, new Paragraph({ children: trackedRuns(f.parts, rev) })];
  if (f.status === 'removed') return [left, note('(削除)')];
  return [left, new Paragraph({ children: newSideRuns(f.parts) })];
}

/** Fields blank on both sides (⑤ before any progress was written) have no row. */
const hasContent = (f: FieldComparison) => f.status !== 'empty' || f.parts.some((p) => p.op !== 'equal');

function sideHeader(side: SheetSide, width: number, sizes: Sizes) {
  return cell({
    width,
    header: true,
    content: [
      para(side.heading, { bold: true }, { alignment: AlignmentType.CENTER }),
      para(side.period, { size: sizes.small }, { alignment: AlignmentType.CENTER }),
    ],
  });
}

/** The key to the marks, in normal mode only (tracked changes are Word's own marks). */
function legend(sizes: Sizes): Paragraph {
  const small = { size: sizes.small };
  const children = [textRun('凡例: ', small), textRun('下線', { ...small, ...INSERTED }), textRun('=追加、', small), textRun('取消線', { ...small, ...DELETED }), textRun('=削除', small)];
  return new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 80 }, keepNext: true, children });
}

/** Top right of every sheet, as the HTML template: the X会議 it goes to, then 作成日. No instructions. */
function sheetTop(sheet: ComparisonSheet, meta: CompareModel['meta'], first: boolean, sizes: Sizes): Paragraph[] {
  const lines = [...(sheet.meetingLine ? [sheet.meetingLine] : []), meta.createdLine];
  return lines.map((text, i) =>
    para(text, i === lines.length - 1 && sheet.meetingLine ? { size: sizes.small, color: COLOR.muted } : {}, {
      alignment: AlignmentType.RIGHT,
      pageBreakBefore: i === 0 && !first,
      keepNext: true,
    }),
  );
}

/** The secretariat's note under the table: a one-cell table with a dashed frame, as in the document. */
function noteBox(text: string, width: number): FileChild[] {
  const box = fixedTable(
    [width],
    [
      bodyRow(
        [
          cell({
            width,
            content: [para('事務局メモ', { bold: true }, { spacing: { after: 60 } }), para(text)],
          }),
        ],
        fitsOnePage(text),
      ),
    ],
    { all: DASHED },
  );
  return [new Paragraph({ spacing: { before: 200 } }), box, afterTable()];
}

interface Layout {
  textWidth: number;
  sizes: Sizes;
  tracked: boolean;
}

function sheetContent(sheet: ComparisonSheet, meta: CompareModel['meta'], first: boolean, layout: Layout, rev: Revisions): FileChild[] {
  const { textWidth, sizes, tracked } = layout;
  rev.date = sheet.revisionDate;
  const widths = splitWidths(textWidth, COLUMNS.compare);
  const [wItem, wFrom, wTo] = widths as [number, number, number];
  const heading = para(sheetHeading(sheet), {}, { heading: HeadingLevel.HEADING_1, spacing: { before: 60, after: 120 } });
  const label = (text: string) => cell({ width: wItem, content: text, bold: true, fill: COLOR.labelFill });
  const header = headerRow([cell({ width: wItem, content: '項目', header: true }), sideHeader(sheet.from, wFrom, sizes), sideHeader(sheet.to, wTo, sizes)]);
  const numberRow = bodyRow([
    label('課題番号'),
    cell({ width: wFrom, content: sheet.from.printedNumber }),
    cell({
      width: wTo,
      content: [
        new Paragraph({
          children: [textRun(sheet.to.printedNumber), ...(sheet.numberChanged ? [textRun(`${WIDE_SPACE}【番号変更】`, { bold: true, color: COLOR.delete, size: sizes.small })] : [])],
        }),
      ],
    }),
  ]);
  // Long fields may run over a page: those rows may split, or Word would have to cut them off.
  const fieldRows = sheet.fields.filter(hasContent).map((f) => {
    const [left, right] = fieldSides(f, tracked, rev, sizes);
    return bodyRow([label(`${f.mark} ${f.label}`), cell({ width: wFrom, content: [left] }), cell({ width: wTo, content: [right] })], false);
  });
  return [
    ...sheetTop(sheet, meta, first, sizes),
    heading,
    ...(tracked ? [] : [legend(sizes)]),
    fixedTable(widths, [header, numberRow, ...fieldRows]),
    afterTable(),
    ...(sheet.note !== null ? noteBox(sheet.note, textWidth) : []),
  ];
}

function estimatePages(model: CompareModel, geometry: PageGeometry, sizes: Sizes): number {
  const pages = new PageEstimator(geometry);
  const [, wFrom = 0, wTo = 0] = COLUMNS.compare.map((p) => (geometry.textWidth * p) / 100);
  for (const s of model.sheets) {
    pages.newPage();
    pages.add(6, sizes.body);
    for (const f of s.fields.filter(hasContent)) {
      pages.add(Math.max(PageEstimator.lines(oldSide(f.parts), wFrom, sizes.body), PageEstimator.lines(newSide(f.parts), wTo, sizes.body)), sizes.body, 80, false);
    }
    if (s.note) pages.add(PageEstimator.lines(s.note, geometry.textWidth, sizes.body) + 2, sizes.body);
  }
  return pages.pages;
}

export async function renderCompareDocx(model: CompareModel): Promise<Uint8Array> {
  const geometry = pageGeometry(model.meta);
  const layout: Layout = { textWidth: geometry.textWidth, sizes: sizesFor(model.meta.paper), tracked: model.tracked };
  // Attributed to the name set in 設定 (not the PC's account); dated per sheet (compare-model.ts).
  const rev: Revisions = { author: model.revisionAuthor, date: '', nextId: 1 };
  const children = model.sheets.flatMap((sheet, i) => sheetContent(sheet, model.meta, i === 0, layout, rev));
  return packDocx(
    buildDocument({ meta: model.meta, children, header: model.meta.runningHeader, bodySize: layout.sizes.body, pages: estimatePages(model, geometry, layout.sizes) }),
  );
}

// The progress report (進捗状況の報告) as Word: title and meeting, purpose and scope, the summary
// table with 増減 against the previous round, the rank definitions, then per level the list
// 局名 / 番号 / 課題名 / ランク whose caption and column names repeat at the top of every page,
// as the printed document has 「Aレベルの課題の分析結果一覧」 on each list page.
import { AlignmentType, HeadingLevel, Paragraph, TabStopType, type FileChild, type Table } from 'docx';
import { signed, type ReportList, type ReportModel, type SummaryRow } from '../model/report-model.js';
import {
  COLOR,
  PageEstimator,
  NO_BORDER,
  SIZE,
  THIN,
  afterTable,
  bodyRow,
  buildDocument,
  cell,
  fixedTable,
  headerRow,
  packDocx,
  pageGeometry,
  para,
  splitWidths,
  textRun,
  titleParagraphs,
} from './docx-common.js';
import { COLUMNS } from '../layout.js';
import { carriedNote } from '../model/carried.js';


const UNRANKED = '未評価';
/** One full-width character at the body size, in twips. */
const EM = SIZE.body * 10;

function section(heading: string, text: string): Paragraph[] {
  return [
    para(heading, {}, { heading: HeadingLevel.HEADING_1 }),
    para(text, {}, { indent: { left: EM } }),
  ];
}

function summaryTable(model: ReportModel, textWidth: number): Table {
  const unranked = model.showUnranked;
  const numberColumns = model.ranks.length + 1 + (unranked ? 1 : 0);
  // As the HTML template: the label column has its share, the number columns split the rest.
  const rest = (100 - COLUMNS.summaryLabel) / numberColumns;
  const widths = splitWidths(textWidth, [COLUMNS.summaryLabel, ...Array<number>(numberColumns).fill(rest)]);
  const w = (i: number) => widths[i]!;
  const header = headerRow([
    cell({ width: w(0), content: '課題レベル', header: true }),
    cell({ width: w(1), content: '総数', header: true }),
    ...model.ranks.map((r, i) => cell({ width: w(i + 2), content: r.label, header: true })),
    ...(unranked ? [cell({ width: w(numberColumns), content: UNRANKED, header: true })] : []),
  ]);
  const numbers = (label: string, values: string[], small: boolean) =>
    bodyRow([
      cell({ width: w(0), content: label, size: small ? SIZE.small : undefined, verticalAlign: 'center' }),
      ...values.map((v, i) => cell({ width: w(i + 1), content: v, align: 'center', size: small ? SIZE.small : undefined, verticalAlign: 'center' })),
    ]);
  const rows = model.summary.flatMap((s: SummaryRow) => {
    const current = numbers(s.levelLabel, [s.total, ...s.counts, ...(unranked ? [s.unranked] : [])].map(String), false);
    if (!s.delta) return [current];
    const d = s.delta;
    const label = `増減 (前回 ${model.previousRound?.label ?? ''} 比)`;
    return [current, numbers(label, [d.total, ...d.counts, ...(unranked ? [d.unranked] : [])].map(signed), true)];
  });
  return fixedTable(widths, [header, ...rows]);
}

/** 【ランク3】<tab>完了したもの, wrapped lines hanging under the definition. */
function rankDefinitions(model: ReportModel): Paragraph[] {
  if (model.ranks.length === 0) return [];
  const longest = Math.max(...model.ranks.map((r) => r.label.length));
  const hang = (longest + 3) * EM;
  return model.ranks.map(
    (r, i) =>
      new Paragraph({
        indent: { left: hang + EM, hanging: hang },
        tabStops: [{ type: TabStopType.LEFT, position: hang + EM }],
        spacing: { before: i === 0 ? 240 : 60 },
        children: [textRun(`【${r.label}】`, { bold: true }), textRun(`\t${r.definition}`)],
      }),
  );
}


/**
 * The list of one level. The first follows the rank definitions on the same page, as in the
 * document; a further level's list starts on a page of its own.
 */
function listTable(list: ReportList, textWidth: number, newPage: boolean): Table {
  const widths = splitWidths(textWidth, COLUMNS.reportList);
  const [wOrg, wNo, wTitle, wRank] = widths as [number, number, number, number];
  // The caption is the first header row, drawn as a heading (no frame above or beside it), so
  // that every page of the list starts with it, as in the printed document.
  const caption = headerRow([
    cell({
      width: textWidth,
      columnSpan: 4,
      content: [para(list.caption, { bold: true, size: SIZE.heading }, { spacing: { after: 80 }, pageBreakBefore: newPage })],
      borders: { top: NO_BORDER, left: NO_BORDER, right: NO_BORDER, bottom: THIN },
    }),
  ]);
  const names = headerRow([
    cell({ width: wOrg, content: '局名', header: true }),
    cell({ width: wNo, content: '番号', header: true }),
    cell({ width: wTitle, content: '課題名', header: true }),
    cell({ width: wRank, content: 'ランク', header: true }),
  ]);
  const rows = list.rows.map((r) =>
    bodyRow([
      cell({ width: wOrg, content: r.organization, align: 'center', size: SIZE.table, verticalAlign: 'center' }),
      cell({ width: wNo, content: String(r.number), align: 'center', size: SIZE.table, verticalAlign: 'center' }),
      cell({ width: wTitle, content: r.title, size: SIZE.table, verticalAlign: 'center' }),
      r.rank
        ? cell({ width: wRank, content: r.rank, align: 'center', size: SIZE.table, verticalAlign: 'center' })
        : cell({ width: wRank, content: [para(UNRANKED, { size: SIZE.small, color: COLOR.muted }, { alignment: AlignmentType.CENTER })], verticalAlign: 'center' }),
    ]),
  );
  return fixedTable(widths, [caption, names, ...rows]);
}

export async function renderReportDocx(model: ReportModel): Promise<Uint8Array> {
  const geometry = pageGeometry(model.meta);
  const { textWidth } = geometry;
  const pages = new PageEstimator(geometry);
  pages.add(14 + model.summary.length * 2 + model.ranks.length);
  const titleWidth = (textWidth * COLUMNS.reportList[2]) / 100;
  for (const list of model.lists) {
    if (list !== model.lists[0]) pages.newPage();
    for (const r of list.rows) pages.add(PageEstimator.lines(r.title, titleWidth, SIZE.table), SIZE.table);
  }
  const children: FileChild[] = [
    ...titleParagraphs(model.meta),
    ...section(model.purposeHeading, model.purpose),
    ...section(model.scopeHeading, model.scopeLine),
    new Paragraph({ spacing: { after: 120 } }),
    summaryTable(model, textWidth),
    ...rankDefinitions(model),
    ...model.lists.flatMap((list, i) => [listTable(list, textWidth, i > 0), afterTable()]),
    ...(model.carried ? [para(carriedNote(model.carried), { size: SIZE.small }, { spacing: { before: 60 } })] : []),
  ];
  return packDocx(buildDocument({ meta: model.meta, children, pages: pages.pages }));
}

// Per-organization sheets as Word: one page (or more) per 局区 with its issues, ranks and the
// secretariat's 所見, for handing each bureau its own part.
import { AlignmentType, HeadingLevel, Paragraph, type FileChild, type Table } from 'docx';
import type { OrgModel, OrgSection } from '../model/org-model.js';
import {
  COLOR,
  PageEstimator,
  type PageGeometry,
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
  splitWidths,
  textRun,
  titleParagraphs,
} from './docx-common.js';
import { orgColumns } from '../layout.js';
import { carriedNote } from '../model/carried.js';

const UNRANKED = '未評価';


/**
 * ランク3 n件 / ランク2 n件 / ランク1 n件 / 未評価 n件 (未評価 only when there are any), the
 * labels bold so that 「ランク3 0件」 does not read as 「ランク30件」.
 */
function countsLine(model: OrgModel, s: OrgSection): Paragraph {
  const counts = model.round.ranks.map((r, i) => [r.label, s.counts[i] ?? 0] as const);
  if (s.unranked > 0) counts.push([UNRANKED, s.unranked]);
  const children = counts.flatMap(([label, n], i) => [textRun(`${i > 0 ? ' / ' : ''}${label}`, { bold: true }), textRun(` ${n}件`)]);
  return new Paragraph({ spacing: { after: 120 }, keepNext: true, children });
}

function issueTable(s: OrgSection, textWidth: number): Table {
  const widths = splitWidths(textWidth, orgColumns(s.rows));
  const [wLevel, wNo, wTitle, wRank, wComment] = widths as [number, number, number, number, number];
  const size = SIZE.table;
  const header = headerRow([
    cell({ width: wLevel, content: 'レベル', header: true, size }),
    cell({ width: wNo, content: '番号', header: true, size }),
    cell({ width: wTitle, content: '課題名', header: true, size }),
    cell({ width: wRank, content: 'ランク', header: true, size }),
    cell({ width: wComment, content: '所見', header: true, size }),
  ]);
  const rows = s.rows.map((r) =>
    bodyRow(
      [
        cell({ width: wLevel, content: r.level, align: 'center', size }),
        cell({ width: wNo, content: String(r.number), align: 'center', size }),
        cell({ width: wTitle, content: r.title, size }),
        r.rankLabel
          ? cell({ width: wRank, content: r.rankLabel, align: 'center', size })
          : cell({ width: wRank, content: [para(UNRANKED, { size: SIZE.small, color: COLOR.muted }, { alignment: AlignmentType.CENTER })] }),
        cell({ width: wComment, content: r.comment, size }),
      ],
      fitsOnePage(r.comment),
    ),
  );
  return fixedTable(widths, [header, ...rows]);
}

function orgPart(model: OrgModel, s: OrgSection, first: boolean, textWidth: number): FileChild[] {
  const { fullName, shortName } = s.organization;
  return [
    para(`${fullName} (${shortName})`, {}, { heading: HeadingLevel.HEADING_1, pageBreakBefore: !first, spacing: { before: first ? 240 : 0, after: 60 } }),
    countsLine(model, s),
    issueTable(s, textWidth),
    afterTable(),
    ...(s.carried ? [para(carriedNote(s.carried), { size: SIZE.small }, { spacing: { before: 60 } })] : []),
  ];
}

function estimatePages(model: OrgModel, geometry: PageGeometry): number {
  const pages = new PageEstimator(geometry);
  pages.add(6);
  for (const s of model.sections) {
    if (s !== model.sections[0]) pages.newPage();
    pages.add(4);
    const [, , title = 0, , comment = 0] = orgColumns(s.rows).map((p) => (geometry.textWidth * p) / 100);
    for (const r of s.rows) pages.add(Math.max(PageEstimator.lines(r.title, title, SIZE.table), PageEstimator.lines(r.comment, comment, SIZE.table)), SIZE.table);
  }
  return pages.pages;
}

export async function renderOrgDocx(model: OrgModel): Promise<Uint8Array> {
  const geometry = pageGeometry(model.meta);
  const { textWidth } = geometry;
  const children: FileChild[] = [...titleParagraphs(model.meta), ...model.sections.flatMap((s, i) => orgPart(model, s, i === 0, textWidth))];
  return packDocx(buildDocument({ meta: model.meta, children, header: model.meta.runningHeader, pages: estimatePages(model, geometry) }));
}

// Word handouts read back: the .docx files are unzipped and their XML checked (repeating header
// rows, fonts, language, page set-up, tracked changes that accept to the new text and reject to
// the old), then LibreOffice converts them to PDF to prove Word-format validity and the layout.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listIssues } from '../../db/queries/issues';
import { setComment, setRank } from '../../db/write/evaluations';
import { listRounds } from '../../db/queries/rounds';
import { insertRound } from '../../db/write/rounds';
import { renderCompareDocx } from '../../electron/services/export/docx/compare-docx';
import { renderOrgDocx } from '../../electron/services/export/docx/org-docx';
import { renderReportDocx } from '../../electron/services/export/docx/report-docx';
import { buildCompareModel } from '../../electron/services/export/model/compare-model';
import { buildOrgModel } from '../../electron/services/export/model/org-model';
import { buildReportModel, signed, type ReportModel } from '../../electron/services/export/model/report-model';
import { compareRequestSchema, orgRequestSchema, reportRequestSchema } from '../../electron/services/export/options';
import { PAGE_PT, readPdf, squash } from '../helpers/poppler';
import { sampleDb, tempDir } from '../helpers/temp';
import { readZip } from '../helpers/zip';

const db = await sampleDb();
const roundId = listRounds(db.sqlite)[0]!.id;

const reportModel = (req: Record<string, unknown> = {}, sqlite = db.sqlite) =>
  buildReportModel(sqlite, reportRequestSchema.parse({ kind: 'report', format: 'docx', roundId, ...req }), { author: 'テスト担当' });
const compareModel = (req: Record<string, unknown> = {}) =>
  buildCompareModel(db.sqlite, compareRequestSchema.parse({ kind: 'compare', format: 'docx', tracked: true, ...req }), { author: '事務局 太郎' });
const orgModel = (req: Record<string, unknown> = {}, sqlite = db.sqlite) =>
  buildOrgModel(sqlite, orgRequestSchema.parse({ kind: 'org', format: 'docx', roundId, ...req }), { author: 'テスト担当' });

interface Docx {
  document: string;
  styles: string;
  core: string;
  footers: string[];
  headers: string[];
}

async function unzip(bytes: Uint8Array): Promise<Docx> {
  const zip = readZip(bytes);
  const parts = (re: RegExp) => zip.names.filter((n) => re.test(n)).map((n) => zip.text(n));
  return {
    document: zip.text('word/document.xml'),
    styles: zip.text('word/styles.xml'),
    core: zip.text('docProps/core.xml'),
    footers: parts(/^word\/footer\d+\.xml$/),
    headers: parts(/^word\/header\d+\.xml$/),
  };
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/**
 * The text of a piece of WordprocessingML as Word shows it: w:t and w:delText, line breaks as
 * '\n', tabs as '\t', paragraphs separated by '\n'. `accept` drops deletions (Word's "accept
 * all"), `reject` drops insertions ("reject all").
 */
function textOf(xml: string, mode: 'all' | 'accept' | 'reject' = 'all'): string {
  let x = xml;
  if (mode === 'accept') x = x.replace(/<w:del [^>]*>[\s\S]*?<\/w:del>/g, '');
  if (mode === 'reject') x = x.replace(/<w:ins [^>]*>[\s\S]*?<\/w:ins>/g, '');
  const paragraphs = x.includes('</w:p>') ? x.split('</w:p>').slice(0, -1) : [x];
  return paragraphs
    .map((p) =>
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:delText(?: [^>]*)?>([^<]*)<\/w:delText>|<w:br\/>|<w:tab\/>/g)]
        .map((m) => (m[0] === '<w:br/>' ? '\n' : m[0] === '<w:tab/>' ? '\t' : decode(m[1] ?? m[2] ?? '')))
        .join(''),
    )
    .join('\n');
}

/** The tables of the document (none is nested), their rows, the rows' cells. */
const tables = (xml: string) => [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
const rows = (table: string) => [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
const cells = (row: string) => [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
const rowTexts = (row: string) => cells(row).map((c) => textOf(c));
const gridWidths = (table: string) => [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
const count = (xml: string, re: RegExp) => (xml.match(re) ?? []).length;
const pgSz = (xml: string) => {
  const m = /<w:pgSz w:w="(\d+)" w:h="(\d+)" w:orient="(\w+)"\/>/.exec(xml);
  return m ? { w: Number(m[1]), h: Number(m[2]), orient: m[3] } : null;
};

/** Width between the 20 mm margins: what every table must span. */
const TEXT_WIDTH = { A4portrait: 11906 - 2 * 1134, A4landscape: 16838 - 2 * 1134, A3landscape: 23811 - 2 * 1134 };

function expectFont(styles: string, font: string) {
  const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
  const rFonts = /<w:rFonts [^>]*\/>/.exec(defaults)![0];
  for (const slot of ['ascii', 'hAnsi', 'eastAsia', 'cs']) expect(rFonts, slot).toContain(`w:${slot}="${font}"`);
  expect(defaults).toMatch(/<w:lang [^>]*w:eastAsia="ja-JP"/);
  expect(defaults).toMatch(/<w:lang [^>]*w:val="ja-JP"/);
}

const aRows = listIssues(db.sqlite, { roundId, levels: ['A'], offset: 0, limit: 2000 }).rows;

describe('Word progress report', async () => {
  const model = reportModel();
  const docx = await unzip(await renderReportDocx(model));
  const list = tables(docx.document).find((t) => t.includes('Aレベルの課題の分析結果一覧'))!;

  it('is A4 portrait in the chosen font, tagged Japanese, with "n / N" page numbers and properties', () => {
    expect(pgSz(docx.document)).toEqual({ w: 11906, h: 16838, orient: 'portrait' });
    expectFont(docx.styles, 'BIZ UDゴシック');
    expect(docx.footers.join('')).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]*?> \/ <[\s\S]*?<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    expect(docx.core).toContain(`<dc:title>${model.meta.title}</dc:title>`);
    expect(docx.core).toContain('<dc:creator>テスト担当</dc:creator>');
  });

  it('opens with the title, meeting, purpose, scope, summary table and rank definitions of the document', () => {
    const text = textOf(docx.document);
    for (const line of ['局区X方針の進捗状況(Aレベル)', '令和6年12月20日 X会議', '令和6年11月時点', model.purposeHeading, model.purpose, model.scopeHeading, model.scopeLine]) {
      expect(text).toContain(line);
    }
    const summary = tables(docx.document)[0]!;
    expect(rows(summary).map(rowTexts)).toEqual([
      ['課題レベル', '総数', 'ランク3', 'ランク2', 'ランク1'],
      ['A 現行業務の改善', '132', '13', '118', '1'],
    ]);
    for (const r of model.ranks) expect(text).toContain(`【${r.label}】\t${r.definition}`);
    expect(text).not.toContain('増減');
  });

  it('repeats the caption 「Aレベルの課題の分析結果一覧」 and the column names at the top of every page', () => {
    const [caption, names, ...body] = rows(list);
    expect(caption).toContain('<w:tblHeader/>');
    expect(caption).toContain('<w:gridSpan w:val="4"/>');
    expect(rowTexts(caption!)).toEqual(['Aレベルの課題の分析結果一覧']);
    expect(names).toContain('<w:tblHeader/>');
    expect(rowTexts(names!)).toEqual(['局名', '番号', '課題名', 'ランク']);
    expect(body.filter((r) => r.includes('<w:tblHeader/>'))).toEqual([]);
    // Rows are kept whole; the first list follows the definitions on the same page.
    expect(body.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
    expect(caption).not.toContain('<w:pageBreakBefore/>');
  });

  it('has fixed column widths adding up to the text width, narrow codes and a wide title', () => {
    expect(list).toContain('<w:tblLayout w:type="fixed"/>');
    const widths = gridWidths(list);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH.A4portrait);
    const [org, no, title, rank] = widths as [number, number, number, number];
    expect(title).toBeGreaterThan(3 * Math.max(org, no, rank));
    // Each cell's own width (what Word lays out from) is its column's.
    const body = rows(list)[2]!;
    expect([...body.matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))).toEqual(widths);
  });

  it('lists the 132 A issues with the rank of each in the database', () => {
    const body = rows(list).slice(2).map(rowTexts);
    expect(body).toHaveLength(132);
    expect(body).toEqual(aRows.map((r) => [r.organization, String(r.number), r.title, r.rank ?? '未評価']));
  });

  it('sets the whole document in another font when asked (ＭＳ 明朝, full-width ＭＳ)', async () => {
    const mincho = await unzip(await renderReportDocx(reportModel({ font: 'ＭＳ 明朝' })));
    expectFont(mincho.styles, 'ＭＳ 明朝');
  });

  it('lays the report out on A4 landscape when asked, tables spanning the wider text width', async () => {
    const wide = await unzip(await renderReportDocx(reportModel({ orientation: 'landscape' })));
    expect(pgSz(wide.document)).toEqual({ w: 16838, h: 11906, orient: 'landscape' });
    for (const t of tables(wide.document)) expect(gridWidths(t).reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH.A4landscape);
  });

  it('keeps XML-invalid control characters out and escapes markup characters', async () => {
    const base = reportModel();
    const odd: ReportModel = {
      ...base,
      lists: base.lists.map((l, i) => (i > 0 ? l : { ...l, rows: [{ ...l.rows[0]!, title: 'A&B <課題>\u0007\u000b "終" \uFFFE' }, ...l.rows.slice(1)] })),
    };
    const xml = (await unzip(await renderReportDocx(odd))).document;
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(textOf(xml)).toContain('A&B <課題> "終" ');
  });

  it('writes all of a 1,000-row list (its speed is measured by npm run bench)', async () => {
    const base = reportModel();
    const row = base.lists[0]!.rows[0]!;
    const big: ReportModel = { ...base, lists: [{ ...base.lists[0]!, rows: Array.from({ length: 1000 }, (_, i) => ({ ...row, number: i + 1, title: `${row.title} ${i + 1}` })) }] };
    const xml = (await unzip(await renderReportDocx(big))).document;
    expect(rows(tables(xml).find((t) => t.includes(big.lists[0]!.caption))!)).toHaveLength(1002);
  });
});

describe('Word progress report against a previous round (増減)', async () => {
  // A second round after R6.11 on the same scale: every rank copied, then a few moved and one left open.
  const db2 = await sampleDb();
  const first = listRounds(db2.sqlite)[0]!;
  const secondId = insertRound(db2.sqlite, { label: 'R7.2', title: '令和7年2月時点', asOf: '2025-02', meetingDate: '2025-03-21', scaleId: first.scaleId });
  const before = listIssues(db2.sqlite, { roundId: first.id, levels: ['A'], offset: 0, limit: 2000 }).rows;
  const moved = new Map<number, string | null>([
    [before[0]!.id, '3'],
    [before[1]!.id, '3'],
    [before[2]!.id, '1'],
    [before[3]!.id, null],
  ]);
  for (const r of before) {
    const rank = moved.has(r.id) ? moved.get(r.id)! : r.rank;
    if (rank !== null) setRank(db2.sqlite, { issueId: r.id, roundId: secondId, actor: 'テスト担当', rank });
  }
  const model = reportModel({ roundId: secondId }, db2.sqlite);
  const docx = await unzip(await renderReportDocx(model));

  it('adds the row 増減 (前回 R6.11 比) with signed numbers and a 未評価 column', () => {
    expect(model.previousRound?.label).toBe('R6.11');
    const summary = rows(tables(docx.document)[0]!).map(rowTexts);
    expect(summary[0]).toEqual(['課題レベル', '総数', 'ランク3', 'ランク2', 'ランク1', '未評価']);
    expect(summary[1]).toEqual(['A 現行業務の改善', '132', '15', '114', '2', '1']);
    expect(summary[2]).toEqual(['増減 (前回 R6.11 比)', '±0', '+2', '\u22124', '+1', '+1']);
    const d = model.summary[0]!.delta!;
    expect(summary[2]!.slice(1)).toEqual([d.total, ...d.counts, d.unranked].map(signed));
  });

  it('lists the ranks of the new round, 未評価 where none was given', () => {
    const now = listIssues(db2.sqlite, { roundId: secondId, levels: ['A'], offset: 0, limit: 2000 }).rows;
    const list = tables(docx.document).find((t) => t.includes('Aレベルの課題の分析結果一覧'))!;
    expect(rows(list).slice(2).map(rowTexts)).toEqual(now.map((r) => [r.organization, String(r.number), r.title, r.rank ?? '未評価']));
    expect(now.find((r) => r.id === before[3]!.id)!.rank).toBeNull();
  });
});

describe('Word comparison sheets', async () => {
  const tracked = compareModel();
  const trackedDocx = await unzip(await renderCompareDocx(tracked));
  const normal = compareModel({ tracked: false });
  const normalDocx = await unzip(await renderCompareDocx(normal));
  const sheet = tracked.sheets.find((s) => s.key === '財変-B-4')!;

  /** Per field key: the left and right cell of its row in the sheet's table. */
  function fieldCells(xml: string) {
    const table = tables(xml).find((t) => t.includes('課題番号'))!;
    const out = new Map<string, { left: string; right: string }>();
    for (const row of rows(table)) {
      const [label, left, right] = cells(row);
      const f = sheet.fields.find((x) => textOf(label!) === `${x.mark} ${x.label}`);
      if (f) out.set(f.key, { left: left!, right: right! });
    }
    return { table, fields: out };
  }

  it('is A3 landscape with the sheet heading, the two versions as repeating column headers and the number row', () => {
    expect(pgSz(trackedDocx.document)).toEqual({ w: 23811, h: 16838, orient: 'landscape' });
    expectFont(trackedDocx.styles, 'BIZ UDゴシック');
    const text = textOf(trackedDocx.document);
    expect(text).toContain(`${sheet.organizationFullName}\u3000${sheet.key}\u3000${sheet.title}`);
    const { table } = fieldCells(trackedDocx.document);
    expect(gridWidths(table).reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH.A3landscape);
    const [header, number] = rows(table);
    expect(header).toContain('<w:tblHeader/>');
    expect(rowTexts(header!)).toEqual(['項目', `${sheet.from.heading}\n${sheet.from.period}`, `${sheet.to.heading}\n${sheet.to.period}`]);
    expect(rowTexts(header!)).toEqual(['項目', 'X方針策定時 (R6.8時点)\n令和6年8月21日', '進捗把握 (R6.11時点)\n令和6年11月']);
    expect(rowTexts(number!)).toEqual(['課題番号', '課題B (2)', '課題B (4)\u3000【番号変更】']);
    expect(trackedDocx.footers.join('')).toContain('NUMPAGES');
    expect(trackedDocx.headers.join('')).toContain(tracked.meta.title);
  });

  it('holds one real tracked change per inserted or deleted part, by the exporter, dated', () => {
    const ins = count(trackedDocx.document, /<w:ins /g);
    const del = count(trackedDocx.document, /<w:del /g);
    expect(ins).toBeGreaterThan(0);
    expect(del).toBeGreaterThan(0);
    expect({ insertions: ins, deletions: del }).toEqual(tracked.changeCount);
    const revisions = [...trackedDocx.document.matchAll(/<w:(?:ins|del) ([^>]*)>/g)].map((m) => m[1]!);
    const date = tracked.meta.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const attrs of revisions) {
      expect(attrs).toContain('w:author="事務局 太郎"');
      expect(attrs).toContain(`w:date="${date}"`);
    }
    const ids = revisions.map((a) => /w:id="(\d+)"/.exec(a)![1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(textOf(trackedDocx.document)).toContain('変更履歴として記録 (Wordの[校閲]で承諾/元に戻す)');
  });

  it('accepts all to the new text and rejects all to the old, field by field', () => {
    const { fields } = fieldCells(trackedDocx.document);
    const shown = sheet.fields.filter((f) => f.status !== 'empty');
    expect([...fields.keys()]).toEqual(shown.map((f) => f.key));
    for (const f of shown) {
      const { left, right } = fields.get(f.key)!;
      expect(textOf(right, 'accept'), f.label).toBe(f.to ?? '');
      expect(textOf(right, 'reject'), f.label).toBe(f.from ?? '');
      expect(textOf(left), f.label).toBe(f.from ?? '(新規)');
    }
    // The sample's ⑤ is new in R6.11: one insertion holding the whole text.
    const progress = fields.get('progress')!.right;
    expect([count(progress, /<w:ins /g), count(progress, /<w:del /g)]).toEqual([1, 0]);
  });

  it('keeps a change with line breaks as one w:ins / w:del', async () => {
    const withBreaks = compareModel();
    const f = withBreaks.sheets[0]!.fields[1]!;
    f.parts = [{ op: 'equal', text: '・ 一行目\n' }, { op: 'insert', text: '追加一\n追加二' }, { op: 'delete', text: '削除一\n削除二\n' }, { op: 'equal', text: '・ 末尾' }];
    f.from = '・ 一行目\n削除一\n削除二\n・ 末尾';
    f.to = '・ 一行目\n追加一\n追加二・ 末尾';
    const before = withBreaks.sheets[0]!.fields.flatMap((x) => x.parts);
    withBreaks.changeCount = { insertions: before.filter((p) => p.op === 'insert').length, deletions: before.filter((p) => p.op === 'delete').length };
    const xml = (await unzip(await renderCompareDocx(withBreaks))).document;
    expect(count(xml, /<w:ins /g)).toBe(withBreaks.changeCount.insertions);
    expect(count(xml, /<w:del /g)).toBe(withBreaks.changeCount.deletions);
    const row = rows(tables(xml).find((t) => t.includes('課題番号'))!).find((r) => textOf(cells(r)[0]!) === `${f.mark} ${f.label}`)!;
    expect(textOf(cells(row)[2]!, 'accept')).toBe(f.to);
    expect(textOf(cells(row)[2]!, 'reject')).toBe(f.from);
  });

  it('shows the secretariat note in a dashed box', () => {
    expect(sheet.note).not.toBeNull();
    const box = tables(trackedDocx.document).find((t) => t.includes('事務局メモ'))!;
    expect(box).toMatch(/<w:top w:val="dashed"/);
    expect(box).toMatch(/<w:insideV w:val="dashed"|<w:left w:val="dashed"/);
    expect(textOf(box)).toBe(`事務局メモ\n${sheet.note}`);
  });

  it('marks the differences by hand in normal mode: deletions struck through, insertions underlined', () => {
    const xml = normalDocx.document;
    expect(count(xml, /<w:ins /g) + count(xml, /<w:del /g)).toBe(0);
    expect(textOf(xml)).toContain('凡例: 下線=追加、取消線=削除');
    const { fields } = fieldCells(xml);
    const nf = normal.sheets.find((s) => s.key === sheet.key)!;
    for (const f of nf.fields.filter((x) => x.status !== 'empty')) {
      const { left, right } = fields.get(f.key)!;
      expect(textOf(left), f.label).toBe(f.status === 'new' ? '(新規)' : f.from);
      expect(textOf(right), f.label).toBe(f.to);
      const deletes = f.parts.filter((p) => p.op === 'delete').length;
      const inserts = f.parts.filter((p) => p.op === 'insert').length;
      expect(count(left, /<w:strike\/>/g), f.label).toBe(f.status === 'new' ? 0 : deletes);
      expect(count(right, /<w:u w:val="single"/g), f.label).toBe(inserts);
    }
    expect(tables(xml).some((t) => t.includes('事務局メモ') && t.includes('w:val="dashed"'))).toBe(true);
  });

  it('starts every sheet on a new page', async () => {
    const two = compareModel({ tracked: false });
    two.sheets = [two.sheets[0]!, { ...two.sheets[0]!, key: '複製-B-1' }];
    const xml = (await unzip(await renderCompareDocx(two))).document;
    expect(count(xml, /<w:pageBreakBefore\/>/g)).toBe(1);
  });

  it('follows the paper asked for: A4 landscape', async () => {
    const a4 = await unzip(await renderCompareDocx(compareModel({ paper: 'A4' })));
    expect(pgSz(a4.document)).toEqual({ w: 16838, h: 11906, orient: 'landscape' });
    for (const t of tables(a4.document)) expect(gridWidths(t).reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH.A4landscape);
  });
});

describe('Word organization sheets', async () => {
  const db3 = await sampleDb();
  const first = listIssues(db3.sqlite, { roundId, levels: ['A'], offset: 0, limit: 1 }).rows[0]!;
  const comment = '仕様を確定し、業者選定まで進んでいる。\n次回は稼働時期を確認する。\t(事務局)';
  setComment(db3.sqlite, { issueId: first.id, roundId, actor: 'テスト担当', comment });
  const model = orgModel({}, db3.sqlite);
  const docx = await unzip(await renderOrgDocx(model));
  const text = textOf(docx.document);

  it('has one part per organization, each from a new page, with heading and counts', () => {
    expect(pgSz(docx.document)).toEqual({ w: 11906, h: 16838, orient: 'portrait' });
    expect(model.sections).toHaveLength(29);
    expect(count(docx.document, /<w:pageBreakBefore\/>/g)).toBe(model.sections.length - 1);
    for (const s of model.sections) {
      expect(text).toContain(`${s.organization.fullName} (${s.organization.shortName})`);
      const counts = model.round.ranks.map((r, i) => `${r.label} ${s.counts[i]}件`).join(' / ');
      expect(text).toContain(s.unranked > 0 ? `${counts} / 未評価 ${s.unranked}件` : `${counts}\n`);
    }
    expect(text).not.toContain('未評価 0件');
  });

  it('has a table per organization with a repeating header, fixed widths, every issue, its rank and comment', () => {
    const orgTables = tables(docx.document);
    expect(orgTables).toHaveLength(model.sections.length);
    model.sections.forEach((s, i) => {
      const [header, ...body] = rows(orgTables[i]!);
      expect(header).toContain('<w:tblHeader/>');
      expect(rowTexts(header!)).toEqual(['レベル', '番号', '課題名', 'ランク', '所見']);
      expect(orgTables[i]).toContain('<w:tblLayout w:type="fixed"/>');
      expect(gridWidths(orgTables[i]!).reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH.A4portrait);
      expect(body.map(rowTexts)).toEqual(s.rows.map((r) => [r.level, String(r.number), r.title, r.rankLabel || '未評価', r.comment]));
    });
    expect(text).toContain(comment);
    expect(docx.document).toContain('<w:tab/><w:t xml:space="preserve">(事務局)</w:t>');
    // Every A title of the sample is there.
    for (const r of aRows) expect(text).toContain(r.title);
  });
});

/** LibreOffice, or a failure that says what to install. */
function soffice(): string {
  const found = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  if (!found || spawnSync(found, ['--version'], { encoding: 'utf8', timeout: 30_000 }).status !== 0) {
    throw new Error('LibreOffice (soffice) is missing: install the Debian package libreoffice-writer-nogui (apt-get install -y libreoffice-writer-nogui)');
  }
  return found;
}

describe('Word files open in a word processor (LibreOffice → PDF)', () => {
  it('converts the three handouts with the right paper, pages and text', { timeout: 120_000 }, async () => {
    const dir = tempDir('xpw-docx-');
    const files = {
      report: await renderReportDocx(reportModel()),
      compare: await renderCompareDocx(compareModel()),
      org: await renderOrgDocx(orgModel()),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, `${name}.docx`), bytes);
    const bin = soffice();
    execFileSync(
      bin,
      ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, ...Object.keys(files).map((n) => join(dir, `${n}.docx`))],
      { timeout: 90_000, stdio: 'ignore' },
    );
    const pdf = (name: string) => {
      const file = join(dir, `${name}.pdf`);
      if (!existsSync(file)) throw new Error(`LibreOffice did not convert ${name}.docx`);
      return readPdf(file);
    };
    const size = (f: { width: number; height: number }) => [Math.round(f.width), Math.round(f.height)];

    const report = pdf('report');
    expect(size(report)).toEqual([...PAGE_PT.A4]);
    expect(report.pages).toBeGreaterThanOrEqual(3);
    const reportText = squash(report.text);
    expect(reportText).toContain('A現行業務の改善1321311');
    for (const r of aRows) expect(reportText, r.title).toContain(`${r.organization}${r.number}${squash(r.title)}${r.rank}`);
    // The caption repeats on every list page; page numbers are fields LibreOffice fills in.
    expect(reportText.split('Aレベルの課題の分析結果一覧').length - 1).toBe(report.pages);
    for (let n = 1; n <= report.pages; n++) expect(report.text).toContain(`${n} / ${report.pages}`);

    const compare = pdf('compare');
    expect(size(compare)).toEqual([...PAGE_PT.A3].reverse());
    const compareText = squash(compare.text);
    for (const s of ['X方針策定時(R6.8時点)', '進捗把握(R6.11時点)', '公共施設マネジメント実行計画の見直し', '事務局メモ', '10月の第3回X会議において']) expect(compareText).toContain(s);

    const org = pdf('org');
    expect(size(org)).toEqual([...PAGE_PT.A4]);
    expect(org.pages).toBeGreaterThanOrEqual(29);
    const orgText = squash(org.text);
    for (const r of aRows.slice(0, 20)) expect(orgText).toContain(squash(r.title));
  });
});

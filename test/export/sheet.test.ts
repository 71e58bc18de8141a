// The grid exported as it is filtered, to .xlsx and CSV, read back the way a user's tools read
// it: the workbook with exceljs, the CSV decoded from CP932 (or UTF-8) and parsed as CSV. The
// database is a real sample database with hostile and odd values put in through the real queries.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setComment } from '../../db/write/evaluations';
import { resolveIssueKey } from '../../db/queries/issues';
import { listOrganizations } from '../../db/queries/organizations';
import { listRounds } from '../../db/queries/rounds';
import { buildGridModel, type GridCell, type GridModel } from '../../electron/services/export/model/grid-model';
import { gridRequestSchema } from '../../electron/services/export/options';
import { codePointsOf, describeLosses, encodeCp932, fitCp932, fitTableCp932, GETA, isCp932Text } from '../../electron/services/export/sheet/cp932';
import { renderGridCsv } from '../../electron/services/export/sheet/grid-csv';
import { renderGridXlsx, sheetName } from '../../electron/services/export/sheet/grid-xlsx';
import { neutralise, startsLikeFormula } from '../../electron/services/export/sheet/neutralise';
import { sampleDb, tempDir } from '../helpers/temp';
import { readZip } from '../helpers/zip';

const db = await sampleDb();
const roundId = listRounds(db.sqlite)[0]!.id;
const dir = tempDir('xpw-sheet-');
const idOf = (key: string) => resolveIssueKey(db.sqlite, key)!;
const keys = (db.sqlite.prepare(
  `SELECT o.short_name || '-' || i.level || '-' || i.number FROM issues i JOIN organizations o ON o.id = i.organization_id
   WHERE i.level = 'A' ORDER BY o.display_order, i.number`,
).pluck().all() as string[]);

// Hostile and odd values, through the real query for comments and SQL for titles (titles are
// imported, not edited, in the app).
const HOSTILE_COMMENTS: string[] = [
  'カンマ, "引用符" と\n改行、\r\nCRLF の所見',
  '=1+1',
  '+81-3-1234-5678',
  '-x',
  '@SUM(A1)',
  '\tTAB',
  '\r先頭がCR',
  '①②③ Ⅱ期 髙橋・﨑山 10〜12月',
  '𠮷野家の件',
  '本当に? と聞かれた',
];
const HOSTILE_TITLES: string[] = ['=HYPERLINK("http://x","y")', '𠮷田課長の〜改善', '-1', 'NEC ①Ⅱ㈱№ と IBM ⅰ髙﨑'];
HOSTILE_COMMENTS.forEach((comment, i) => setComment(db.sqlite, { issueId: idOf(keys[i]!), roundId, comment, actor: 'テスト担当' }));
HOSTILE_TITLES.forEach((title, i) => db.sqlite.prepare('UPDATE issues SET title = ? WHERE id = ?').run(title, idOf(keys[20 + i]!)));

const model = (extra: Record<string, unknown> = {}, format: 'xlsx' | 'csv' = 'xlsx'): GridModel =>
  buildGridModel(db.sqlite, gridRequestSchema.parse({ kind: 'grid', format, roundId, ...extra }));

const issueCount = db.sqlite.prepare('SELECT count(*) FROM issues').pluck().get() as number;
const full = model();
const TITLE = full.columns.findIndex((c) => c.key === 'title');
const COMMENT = full.columns.findIndex((c) => c.key === 'comment');
/** Excel's row number of the issue whose title or comment contains `text` (header is row 1). */
const excelRow = (m: GridModel, col: number, text: string) => m.rows.findIndex((r) => String(r[col]).includes(text)) + 2;

async function readXlsx(bytes: Uint8Array, name: string): Promise<ExcelJS.Worksheet> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}

/** What a cell holds in the workbook: text as is, except that a line break in a cell is LF. */
const inXlsx = (cell: GridCell) => (typeof cell === 'string' ? cell.replace(/\r\n?/g, '\n') : cell);
/** A model row as the workbook holds it: 更新日時 (last column) a real date, the stored UTC time shown in JST. */
const xlsxRow = (m: GridModel, i: number) => {
  const cells: (GridCell | Date)[] = m.rows[i]!.map(inXlsx);
  const iso = m.updatedAt?.[i];
  if (iso) cells[cells.length - 1] = new Date(Date.parse(iso) + 9 * 3600_000);
  return cells;
};
const xlsxRows = (m: GridModel) => m.rows.map((_, i) => xlsxRow(m, i));

function sheetRows(ws: ExcelJS.Worksheet, ncol: number): GridCell[][] {
  const out: GridCell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    out.push(Array.from({ length: ncol }, (_, c) => (row.getCell(c + 1).value ?? null) as GridCell));
  });
  return out;
}

describe('the model the exports are made from', () => {
  it('has every issue of the round, in the grid’s order, equal to the database rows', () => {
    const truth = db.sqlite
      .prepare(
        `SELECT o.short_name AS org, i.level, i.number, i.title, e.rank, coalesce(e.comment, '') AS comment, e.updated_by AS updatedBy
         FROM issues i JOIN organizations o ON o.id = i.organization_id
         LEFT JOIN evaluations e ON e.issue_id = i.id AND e.round_id = ?
         ORDER BY o.display_order, o.id, i.level, i.number`,
      )
      .all(roundId) as { org: string; level: string; number: number; title: string; rank: string | null; comment: string; updatedBy: string | null }[];
    expect(full.rows).toHaveLength(issueCount);
    expect(full.rows.map((r) => r.slice(0, 7))).toEqual(
      truth.map((t) => [t.org, t.level, t.number, t.title, t.rank === null ? null : /^\d+$/.test(t.rank) ? Number(t.rank) : t.rank, t.comment, t.updatedBy]),
    );
    for (const c of HOSTILE_COMMENTS) expect(full.rows.some((r) => r[COMMENT] === c)).toBe(true);
    for (const t of HOSTILE_TITLES) expect(full.rows.some((r) => r[TITLE] === t)).toBe(true);
  });
});

describe('.xlsx', () => {
  it('reads back with the header styled and frozen, the widths, the filter and the page setup', async () => {
    const ws = await readXlsx(await renderGridXlsx(full), 'grid.xlsx');
    expect(ws.name).toBe('ランク付け一覧 R6.11');
    const header = ws.getRow(1);
    full.columns.forEach((col, i) => {
      const cell = header.getCell(i + 1);
      expect(cell.value).toBe(col.header);
      expect(cell.font.bold).toBe(true);
      expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
      expect(cell.border.bottom?.style).toBe('thin');
      expect(cell.alignment.horizontal).toBe('center');
      expect(ws.getColumn(i + 1).width).toBe(col.width);
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:H${issueCount + 1}`);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(ws.headerFooter.oddHeader).toContain(full.filterLine);
    expect(ws.headerFooter.oddFooter).toBe('&C&P / &N');
    expect(ws.getCell(`D${excelRow(full, TITLE, '=HYPERLINK')}`).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.workbook.creator).toBe('X方針ワークベンチ');
    expect(ws.workbook.title).toBe('ランク付け一覧 R6.11');
  });

  it('holds every row of the grid: text exactly (never a formula, no apostrophe), numbers as numbers', async () => {
    const bytes = await renderGridXlsx(full);
    const ws = await readXlsx(bytes, 'grid-values.xlsx');
    expect(ws.rowCount).toBe(issueCount + 1);
    expect(sheetRows(ws, 8)).toEqual([full.columns.map((c) => c.header), ...xlsxRows(full)]);

    const types = new Set<ExcelJS.ValueType>();
    ws.eachRow((row) => row.eachCell((cell) => types.add(cell.type)));
    expect([...types].sort()).toEqual([ExcelJS.ValueType.Date, ExcelJS.ValueType.Number, ExcelJS.ValueType.String].sort());
    const link = ws.getCell(`D${excelRow(full, TITLE, '=HYPERLINK')}`);
    expect(link.value).toBe('=HYPERLINK("http://x","y")');
    expect(link.type).toBe(ExcelJS.ValueType.String);
    expect(link.formula).toBeUndefined();
    expect(ws.getCell(`F${excelRow(full, COMMENT, '@SUM')}`).value).toBe('@SUM(A1)');
    expect(ws.getCell(`D${excelRow(full, TITLE, '𠮷田')}`).value).toBe('𠮷田課長の〜改善');
    expect(typeof ws.getCell('C2').value).toBe('number');

    // And in the file itself: not one formula element in the sheet.
    const sheetXml = readZip(bytes).text('xl/worksheets/sheet1.xml');
    expect(sheetXml).not.toMatch(/<f[\s>]/);
  });

  it('exports exactly the rows of a filter (one 局区; ranks 3)', async () => {
    const kaikei = listOrganizations(db.sqlite).find((o) => o.shortName === '会計')!;
    const byOrg = model({ organizationIds: [kaikei.id] });
    const orgCount = db.sqlite.prepare('SELECT count(*) FROM issues WHERE organization_id = ?').pluck().get(kaikei.id) as number;
    const ws = await readXlsx(await renderGridXlsx(byOrg), 'kaikei.xlsx');
    expect(orgCount).toBeGreaterThan(0);
    expect(ws.rowCount).toBe(orgCount + 1);
    expect(sheetRows(ws, 8).slice(1)).toEqual(xlsxRows(byOrg));
    expect(sheetRows(ws, 8).slice(1).every((r) => r[0] === '会計')).toBe(true);
    expect(ws.autoFilter).toBe(`A1:H${orgCount + 1}`);
    expect(ws.headerFooter.oddHeader).toContain('局区 会計');

    const rank3 = model({ ranks: ['3'] });
    const rank3Count = db.sqlite.prepare("SELECT count(*) FROM evaluations WHERE round_id = ? AND rank = '3'").pluck().get(roundId) as number;
    const ws3 = await readXlsx(await renderGridXlsx(rank3), 'rank3.xlsx');
    expect(rank3Count).toBe(13);
    expect(ws3.rowCount).toBe(rank3Count + 1);
    expect(sheetRows(ws3, 8).slice(1).map((r) => r[4])).toEqual(Array(rank3Count).fill(3));
  });

  it('gives rows of wrapped text the height of their lines, and leaves one-line rows alone', async () => {
    const ws = await readXlsx(await renderGridXlsx(full), 'heights.xlsx');
    expect(ws.getRow(excelRow(full, COMMENT, 'カンマ')).height).toBeGreaterThanOrEqual(3 * 13.5);
    expect(ws.getRow(excelRow(full, COMMENT, '@SUM')).height).toBeUndefined();
  });

  it('exports an empty filter as the header alone, and escapes & in the page header', async () => {
    const none = model({ text: 'ありえない語句&A' });
    expect(none.rows).toEqual([]);
    const ws = await readXlsx(await renderGridXlsx(none), 'empty.xlsx');
    expect(ws.rowCount).toBe(1);
    expect(ws.autoFilter).toBe('A1:H1');
    expect(ws.headerFooter.oddHeader).toContain('検索「ありえない語句&&A」');
    const csv = iconv.decode(Buffer.from(renderGridCsv(none, 'cp932').bytes), 'cp932');
    expect(csv).toBe('局名,レベル,番号,課題名,ランク,所見,更新者,更新日時\r\n');
  });

  it('keeps sheet names within Excel’s rules', () => {
    expect(sheetName('ランク付け一覧 R6/11 [案]: *?')).toBe('ランク付け一覧 R6_11 _案__ __');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
    expect(sheetName(`${'x'.repeat(30)}𠮷`)).toBe('x'.repeat(30));
    expect(sheetName('   ')).toBe('ランク付け一覧');
    expect(sheetName("'x'")).toBe('_x_');
  });
});

/** What a CSV field should read as: text neutralised; in CP932, 〜 as ～ and 𠮷 as 〓. */
function expectedField(cell: GridCell, encoding: 'cp932' | 'utf8bom'): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = encoding === 'cp932' ? cell.replaceAll('〜', '～').replaceAll('𠮷', '〓') : cell;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const parseCsv = (text: string): string[][] => parse(text, { relax_quotes: false, record_delimiter: '\r\n' }) as string[][];

describe('CSV', () => {
  it('in CP932: decoded and parsed equals the grid, header and every row', () => {
    const { bytes, warnings } = renderGridCsv(model({}, 'csv'), 'cp932');
    const file = join(dir, 'grid.csv');
    writeFileSync(file, bytes);
    const text = iconv.decode(readFileSync(file), 'cp932');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/"[^"]*"/g, '').split('\n').every((line) => line === '' || line.endsWith('\r'))).toBe(true);
    const records = parseCsv(text);
    expect(records).toEqual([full.columns.map((c) => c.header), ...full.rows.map((r) => r.map((c) => expectedField(c, 'cp932')))]);

    // The hostile values, spelled out.
    const at = (col: number, needle: string) => records[excelRow(full, col, needle) - 1]![col];
    expect(at(COMMENT, 'カンマ')).toBe('カンマ, "引用符" と\n改行、\r\nCRLF の所見');
    expect(text).toContain('"カンマ, ""引用符"" と\n改行、\r\nCRLF の所見"');
    expect(at(COMMENT, '=1+1')).toBe("'=1+1");
    expect(at(COMMENT, '+81')).toBe("'+81-3-1234-5678");
    expect(at(COMMENT, '-x')).toBe("'-x");
    expect(at(COMMENT, '@SUM')).toBe("'@SUM(A1)");
    expect(at(COMMENT, 'TAB')).toBe("'\tTAB");
    expect(at(COMMENT, '先頭がCR')).toBe("'\r先頭がCR");
    expect(at(TITLE, 'HYPERLINK')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(records[full.rows.findIndex((r) => r[TITLE] === '-1') + 1]![TITLE]).toBe("'-1");
    expect(at(COMMENT, '①②③')).toBe('①②③ Ⅱ期 髙橋・﨑山 10～12月');
    expect(at(TITLE, 'NEC')).toBe('NEC ①Ⅱ㈱№ と IBM ⅰ髙﨑');
    expect(at(COMMENT, '野家')).toBe('〓野家の件');
    // Numbers are not neutralised: 番号 stays a bare number.
    expect(text.split('\r\n')[1]).toMatch(/^会計,A,1,/);

    // No '?' that was not in the grid.
    const questionMarks = (s: string) => [...s].filter((c) => c === '?').length;
    expect(questionMarks(text)).toBe(full.rows.flat().reduce<number>((n, c) => n + (typeof c === 'string' ? questionMarks(c) : 0), 0));
    expect(questionMarks(text)).toBe(1);

    // Each 𠮷 is reported by Excel row, column and code point.
    expect(warnings).toEqual([
      `${excelRow(full, COMMENT, '野家')}行目「所見」の「𠮷」(U+20BB7) はShift_JIS (CP932) で表せないため「〓」にしました。UTF-8 (BOM付き) で出力すれば保持されます`,
      `${excelRow(full, TITLE, '𠮷田')}行目「課題名」の「𠮷」(U+20BB7) はShift_JIS (CP932) で表せないため「〓」にしました。UTF-8 (BOM付き) で出力すれば保持されます`,
    ]);
  });

  it('in UTF-8 with BOM: starts with EF BB BF and keeps every character', () => {
    const { bytes, warnings } = renderGridCsv(model({}, 'csv'), 'utf8bom');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = Buffer.from(bytes.slice(3)).toString('utf8');
    expect(parseCsv(text)).toEqual([full.columns.map((c) => c.header), ...full.rows.map((r) => r.map((c) => expectedField(c, 'utf8bom')))]);
    expect(text).toContain('𠮷田課長の〜改善');
    expect(warnings).toEqual([]);
  });

  it('exports exactly the rows of a filter', () => {
    const rank3 = model({ ranks: ['3'] }, 'csv');
    const records = parseCsv(iconv.decode(Buffer.from(renderGridCsv(rank3, 'cp932').bytes), 'cp932'));
    expect(records).toHaveLength(13 + 1);
    expect(records.slice(1).map((r) => r[4])).toEqual(Array(13).fill('3'));
    expect(records.slice(1)).toEqual(rank3.rows.map((r) => r.map((c) => expectedField(c, 'cp932'))));
  });

  it('caps the warnings at 20 lines and counts the rest', () => {
    const many: GridModel = { ...full, rows: Array.from({ length: 30 }, (_, i) => [`𠮷${i}`, 'A', i, '', null, '', null, null]) };
    const { warnings, bytes } = renderGridCsv(many, 'cp932');
    expect(warnings).toHaveLength(21);
    expect(warnings[0]).toMatch(/^2行目「局名」の「𠮷」\(U\+20BB7\)/);
    expect(warnings[20]).toBe('ほか 10 件の文字も「〓」にしました');
    expect(iconv.decode(Buffer.from(bytes), 'cp932')).toContain('〓29,A,29,,,,,\r\n');
  });

  it('neutralises text, not numbers: a negative 番号 stays a number, the text "-3" does not', () => {
    const odd: GridModel = { ...full, rows: [['会計', 'A', -3, '-3', -1, '+x', null, null]] };
    const text = iconv.decode(Buffer.from(renderGridCsv(odd, 'cp932').bytes), 'cp932');
    expect(text.split('\r\n')[1]).toBe("会計,A,-3,'-3,-1,'+x,,");
    // A zero-width space that CP932 drops cannot hide a formula behind it.
    const hidden: GridModel = { ...full, rows: [['会計', 'A', 1, '\u200b=1+1', null, '', null, null]] };
    expect(iconv.decode(Buffer.from(renderGridCsv(hidden, 'cp932').bytes), 'cp932').split('\r\n')[1]).toBe("会計,A,1,'=1+1,,,,");
  });

  it('writes every row of a 100,000-row grid (its speed is measured by npm run bench)', () => {
    const big: GridModel = { ...full, rows: Array.from({ length: 100_000 }, (_, i) => full.rows[i % full.rows.length]!) };
    const { bytes } = renderGridCsv(big, 'cp932');
    const records = parse(iconv.decode(Buffer.from(bytes), 'cp932')) as string[][];
    expect(records).toHaveLength(1 + 100_000);
    // The last record is the same as that row in the one-round export.
    const small = parse(iconv.decode(Buffer.from(renderGridCsv(full, 'cp932').bytes), 'cp932')) as string[][];
    expect(records[100_000]).toEqual(small[1 + ((100_000 - 1) % full.rows.length)]);
  });
});

describe('neutralise', () => {
  it.each(['=1+1', '+81', '-x', '@SUM(A1)', '\tTAB', '\rCR'])('puts an apostrophe before %j', (s) => {
    expect(startsLikeFormula(s)).toBe(true);
    expect(neutralise(s)).toBe(`'${s}`);
  });

  it.each(['課題', 'a=b', '1+1', '＝１＋１', "'=1", '', '\n改行'])('leaves %j alone', (s) => {
    expect(neutralise(s)).toBe(s);
  });

  it('leaves numbers and empty cells alone', () => {
    expect(neutralise(-5)).toBe(-5);
    expect(neutralise(0)).toBe(0);
    expect(neutralise(null)).toBeNull();
  });
});

describe('CP932', () => {
  const roundTrip = (s: string) => iconv.decode(Buffer.from(encodeCp932(fitCp932(s))), 'cp932');

  it('keeps the NEC and IBM extension characters, with the bytes Windows writes', () => {
    const s = '①②③⑳ⅠⅡⅩ㈱№℡∵ⅰⅱ髙﨑德昻';
    expect(isCp932Text(s)).toBe(true);
    expect(roundTrip(s)).toBe(s);
    const hex = (t: string) => Buffer.from(encodeCp932(t)).toString('hex');
    expect(hex('①')).toBe('8740');
    expect(hex('Ⅱ')).toBe('8755');
    expect(hex('髙')).toBe('fbfc');
    expect(hex('﨑')).toBe('fab1');
  });

  it.each([
    ['\u301c', '\uff5e'],
    ['\u2016', '\u2225'],
    ['\u2212', '\uff0d'],
    ['\u00a2', '\uffe0'],
    ['\u00a3', '\uffe1'],
    ['\u00ac', '\uffe2'],
    ['\u2014', '\u2015'],
    ['\u00a0', ' '],
    ['\u00a5', '\uffe5'],
    ['\u00a6', '\uffe4'],
    ['\u00b7', '\u30fb'],
    ['\u2013', '\u2010'],
    ['\u00c5', '\u212b'],
  ])('maps %j to %j without a warning', (from, to) => {
    const lost: string[] = [];
    expect(fitCp932(`a${from}b`, (l) => lost.push(l))).toBe(`a${to}b`);
    expect(roundTrip(`a${from}b`)).toBe(`a${to}b`);
    expect(lost).toEqual([]);
  });

  it('composes decomposed kana (NFC) and drops variation selectors', () => {
    expect(fitCp932('か\u3099は\u309a')).toBe('がぱ');
    expect(fitCp932('葛\u{e0100}飾')).toBe('葛飾');
    expect(fitCp932('a\u200bb')).toBe('ab');
  });

  it('replaces what CP932 cannot hold with 〓, one per character a person sees, and says which', () => {
    const lost: string[] = [];
    expect(fitCp932('𠮷野家👨‍👩‍👧と\ud842と😀', (l) => lost.push(l))).toBe(`${GETA}野家${GETA}と${GETA}と${GETA}`);
    expect(lost).toEqual(['𠮷', '👨‍👩‍👧', '\ud842', '😀']);
    expect(lost.map(codePointsOf)).toEqual(['U+20BB7', 'U+1F468 U+200D U+1F469 U+200D U+1F467', 'U+D842', 'U+1F600']);
  });

  it('locates each loss by Excel row and column header, and describes it in Japanese', () => {
    const { rows, losses } = fitTableCp932(
      [
        ['局名', '課題名'],
        ['会計', '普通'],
        ['会計', '𠮷田と😀'],
      ],
      ['局名', '課題名'],
    );
    expect(rows[2]).toEqual(['会計', '〓田と〓']);
    expect(losses).toEqual([
      { row: 3, column: '課題名', text: '𠮷', codePoints: 'U+20BB7' },
      { row: 3, column: '課題名', text: '😀', codePoints: 'U+1F600' },
    ]);
    expect(describeLosses(losses)[0]).toBe('3行目「課題名」の「𠮷」(U+20BB7) はShift_JIS (CP932) で表せないため「〓」にしました。UTF-8 (BOM付き) で出力すれば保持されます');
    expect(describeLosses([{ row: 2, column: 'x', text: '\ud842', codePoints: 'U+D842' }])[0]).toContain('「\ufffd」(U+D842)');
  });

  it('writes the user-defined area (外字) as Windows does', () => {
    expect(Buffer.from(encodeCp932('\ue000\ue0bb\ue69c')).toString('hex')).toBe('f040f0fcf940');
    expect(roundTrip('外字\ue001です')).toBe('外字\ue001です');
    // iconv-lite cannot read F941–F9FC back, so those cannot be checked: 〓 and a warning.
    const lost: string[] = [];
    expect(fitCp932('\ue757', (l) => lost.push(l))).toBe(GETA);
    expect(lost).toEqual(['\ue757']);
  });

  it('refuses to encode what it cannot hold instead of writing ?', () => {
    expect(() => encodeCp932('𠮷')).toThrow(/CP932/);
    expect(() => encodeCp932('\u00a5')).toThrow(/CP932/);
  });

  // Independent of the module's table: what iconv-lite alone round-trips.
  const encodable = (() => {
    const chars: string[] = [];
    for (let cp = 0x20; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCharCode(cp);
      if (iconv.decode(iconv.encode(c, 'cp932'), 'cp932') === c) chars.push(c);
    }
    return chars;
  })();

  it('holds exactly what iconv-lite round-trips, plus the user-defined area it can read back', () => {
    const set = new Set(encodable);
    const disagree: string[] = [];
    for (let cp = 0x20; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCharCode(cp);
      if (isCp932Text(c) !== (set.has(c) || (cp >= 0xe000 && cp <= 0xe69c))) disagree.push(codePointsOf(c));
    }
    expect(disagree).toEqual([]);
  });

  it('property: any string of CP932-encodable characters comes back unchanged', () => {
    expect(encodable.length).toBeGreaterThan(7000);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...encodable), { maxLength: 40 }), (chars) => {
        const s = chars.join('');
        expect(isCp932Text(s)).toBe(true);
        expect(fitCp932(s)).toBe(s);
        expect(iconv.decode(Buffer.from(encodeCp932(s)), 'cp932')).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('property: any string at all encodes without error and without a ? of its own', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const lost: string[] = [];
        const fitted = fitCp932(s, (l) => lost.push(l));
        expect(iconv.decode(Buffer.from(encodeCp932(fitted)), 'cp932')).toBe(fitted);
        expect(fitted.split('?').length).toBe(s.split('?').length);
        expect(fitted.split(GETA).length - 1).toBe(lost.length + (s.split(GETA).length - 1));
      }),
      { numRuns: 1000 },
    );
  });
});

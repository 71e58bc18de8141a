// Unconfirmed carried-over ranks (繰越) in every export — marked ※ with a note, a 繰越 column in
// the grid, a warning, or the export refused — and the .xlsx details a spreadsheet user meets:
// LibreOffice's filter buttons, formula-like text kept as text, 更新日時 as a 和暦 date, the font.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readZip } from '../helpers/zip';
import { describe, expect, it } from 'vitest';
import { confirmCarried } from '../../db/write/confirm-carried';
import { createRound } from '../../db/write/rounds';
import { listRounds } from '../../db/queries/rounds';
import { buildGridModel } from '../../electron/services/export/model/grid-model';
import { exportRequestSchema, gridRequestSchema } from '../../electron/services/export/options';
import { runExport } from '../../electron/services/export/run-export';
import { renderGridXlsx, WAREKI_DATE_TIME } from '../../electron/services/export/sheet/grid-xlsx';
import { sampleDb, tempDir } from '../helpers/temp';

const db = await sampleDb();
const r611 = listRounds(db.sqlite)[0]!;
const { round: r75 } = createRound(db.sqlite, { label: 'R7.5', title: '令和7年5月時点', asOf: '2025-05', meetingDate: '2025-06-20', scaleId: r611.scaleId, carryFromRoundId: r611.id }, 'テスト');
const kaikei = db.sqlite.prepare("SELECT id FROM organizations WHERE short_name = '会計'").pluck().get() as number;
// One 局区's carried ranks confirmed; the other 131 − n stay 繰越.
confirmCarried(db.sqlite, { roundId: r75.id, organizationIds: [kaikei] }, 'テスト');
const confirmedCount = db.sqlite.prepare('SELECT count(*) FROM issues WHERE organization_id = ?').pluck().get(kaikei) as number;
const open = 132 - confirmedCount;

const run = (req: Record<string, unknown>) => runExport(db.sqlite, exportRequestSchema.parse(req), { author: 'テスト' });
const docText = async (bytes: Uint8Array) => readZip(bytes).text('word/document.xml').replace(/<[^>]+>/g, '');

describe('繰越 (carried over, not confirmed) in the exports', () => {
  it('report and org sheets print them marked ※ with a note, and say so in a warning', async () => {
    for (const kind of ['report', 'org'] as const) {
      const file = await run({ kind, format: 'docx', roundId: r75.id });
      const text = await docText(file.bytes);
      expect(text, kind).toContain('※ 前回の評価回から繰り越したランクで、まだ確認されていないもの');
      expect((text.match(/[123]※/g) ?? []).length, kind).toBe(open);
      expect(file.warnings[0], kind).toBe(`評価回「R7.5」の確認されていない繰越のランク ${open}件に「※」を付けて出力しました (ランク付け画面または評価回タブで確定できます)`);
    }
    // The round without 繰越: no mark, no note, no warning.
    const clean = await run({ kind: 'report', format: 'docx', roundId: r611.id });
    expect(await docText(clean.bytes)).not.toContain('※');
    expect(clean.warnings).toEqual([]);
  });

  it('the grid gets a 繰越 column saying which rows', () => {
    const m = buildGridModel(db.sqlite, gridRequestSchema.parse({ kind: 'grid', format: 'csv', roundId: r75.id }));
    const col = m.columns.findIndex((c) => c.key === 'carried');
    expect(m.columns[col - 1]!.key).toBe('rank');
    expect(m.rows.filter((r) => r[col] === '繰越 (未確認)')).toHaveLength(open);
    expect(m.rows.filter((r) => r[0] === '会計').every((r) => r[col] === null)).toBe(true);
    expect(buildGridModel(db.sqlite, gridRequestSchema.parse({ kind: 'grid', format: 'csv', roundId: r611.id })).columns.some((c) => c.key === 'carried')).toBe(false);
  });

  it('refuses every kind when asked to, naming the round and the count', async () => {
    for (const req of [
      { kind: 'report', format: 'docx' },
      { kind: 'org', format: 'docx' },
      { kind: 'grid', format: 'xlsx' },
      { kind: 'grid', format: 'csv' },
    ]) {
      await expect(run({ ...req, roundId: r75.id, carried: 'refuse' }), req.kind).rejects.toThrow(`評価回「R7.5」に確認されていない繰越のランクが ${open}件あります`);
    }
    // Only what is in scope counts: 会計 alone has none left.
    const ok = await run({ kind: 'org', format: 'docx', roundId: r75.id, organizationIds: [kaikei], carried: 'refuse' });
    expect(ok.warnings).toEqual([]);
  });
});

describe('.xlsx for Excel and LibreOffice', async () => {
  const model = buildGridModel(db.sqlite, gridRequestSchema.parse({ kind: 'grid', format: 'xlsx', roundId: r611.id, font: 'BIZ UD明朝' }));
  model.rows[0]![3] = '=1+1 のような題名';
  model.rows[1]![5] = '-2 から始まる所見';
  const bytes = await renderGridXlsx(model);
  const zip = readZip(bytes);
  const xml = async (p: string) => zip.text(p);
  const dir = tempDir('xpw-xlsx-');
  writeFileSync(join(dir, 'grid.xlsx'), bytes);

  it('names the filter range, as Excel does, and LibreOffice shows the filter buttons', async () => {
    expect(await xml('xl/workbook.xml')).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'ランク付け一覧 R6.11'!$A$1:$H$${model.rows.length + 1}</definedName>`);
    execFileSync('/usr/bin/soffice', [`-env:UserInstallation=file://${join(dir, 'p')}`, '--headless', '--convert-to', 'ods', '--outdir', dir, join(dir, 'grid.xlsx')], { stdio: 'pipe', timeout: 120_000 });
    const content = readZip(readFileSync(join(dir, 'grid.ods'))).text('content.xml');
    expect(content).toMatch(/<table:database-range [^>]*table:display-filter-buttons="true"/);
  }, 120_000);

  it('keeps formula-like text as text with the quote prefix; other text has none', async () => {
    const sheet = await xml('xl/worksheets/sheet1.xml');
    const styles = await xml('xl/styles.xml');
    const xfs = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    const styleOf = (ref: string) => xfs[Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)![1])]!;
    expect(styleOf('D2')).toContain('quotePrefix="1"');
    expect(styleOf('F3')).toContain('quotePrefix="1"');
    expect(styleOf('D3')).not.toContain('quotePrefix');
    expect(sheet).not.toMatch(/<f[\s>]/);
  });

  it('writes 更新日時 as a date shown in 和暦, and every font is the chosen one', async () => {
    const styles = await xml('xl/styles.xml');
    expect(styles).toContain(`formatCode="${WAREKI_DATE_TIME.replace(/"/g, '&quot;')}"`);
    const names = [...styles.matchAll(/<name val="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(new Set(names)).toEqual(new Set(['BIZ UD明朝']));
    // As LibreOffice shows the cells: the stored UTC time in JST, 和暦.
    execFileSync('/usr/bin/soffice', [`-env:UserInstallation=file://${join(dir, 'p')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', '--outdir', dir, join(dir, 'grid.xlsx')], { stdio: 'pipe', timeout: 120_000 });
    const csv = readFileSync(join(dir, 'grid.csv'), 'utf8').split('\n');
    const iso = model.updatedAt![0]!;
    const jst = new Date(Date.parse(iso) + 9 * 3600_000);
    const expected = `令和${jst.getUTCFullYear() - 2018}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日 ${jst.getUTCHours()}:${String(jst.getUTCMinutes()).padStart(2, '0')}`;
    expect(csv[1]).toContain(expected);
  }, 120_000);
});

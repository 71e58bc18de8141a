// List imports on real SQLite files: encodings, messy sheets, column mapping, unknown 局区,
// the preview, commit and undo — and each kind of bad input refused with the database untouched.
import { describe, expect, it } from 'vitest';
import { getIssueRow, listVersions, resolveIssueKey } from '../../db/queries/issues';
import { listOrganizations } from '../../db/queries/organizations';
import { listRounds } from '../../db/queries/rounds';
import { setRank } from '../../db/write/evaluations';
import { lockRound } from '../../db/write/rounds';
import { previewImport, runImport } from '../../electron/services/import/import-file';
import { listImports } from '../../electron/services/import/list-imports';
import { undoImport } from '../../electron/services/import/undo-import';
import { runChecks } from '../../electron/services/check';
import { sampleDb } from '../helpers/temp';
import { cp932, csvText, utf8, xlsx } from './fixtures';
import { makeZip } from '../helpers/zip';

const HEADER = ['局名', '番号', '課題名', 'ランク', '所見'];

async function fixture() {
  const db = await sampleDb();
  const roundId = listRounds(db.sqlite)[0]!.id;
  const row = (key: string) => getIssueRow(db.sqlite, resolveIssueKey(db.sqlite, key)!, roundId)!;
  /** Everything an import could touch. */
  const fingerprint = () =>
    JSON.stringify(
      ['organizations', 'issues', 'issue_versions', 'evaluations', 'imports', 'import_changes', 'audit_log', 'settings'].map((t) =>
        db.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1`).all(),
      ),
    );
  return { db, roundId, row, fingerprint };
}

describe('reading files as they come', () => {
  it('reads CP932 CSV with NEC/IBM extension characters and the wave dash', async () => {
    const { db, roundId, row } = await fixture();
    const text = csvText([HEADER, ['会計', 1, '財務会計システムの機能アップ 〈DX推進〉', 3, '①完了 Ⅱ期 髙﨑 10〜12月'], ['危機', '２', '市職員の防災対応能力の向上', '1', '']]);
    const bytes = cp932(text);
    const { preview } = await previewImport(db, 'ranks.csv', bytes, { roundId, defaultLevel: 'A' });
    expect(preview).toMatchObject({ kind: 'csv', encoding: 'cp932', headerLine: 1, counts: { new: 0, changed: 2, unchanged: 0, rejected: 0 } });
    await runImport(db, 'ranks.csv', bytes, { roundId, defaultLevel: 'A' }, '事務局');
    expect(row('会計-A-1')).toMatchObject({ rank: '3', comment: '①完了 Ⅱ期 髙﨑 10～12月' });
    expect(row('危機-A-2').rank).toBe('1');
  });

  it('detects UTF-8 with and without BOM, and UTF-16; the encoding can be forced', async () => {
    const { db, roundId } = await fixture();
    const text = csvText([HEADER, ['会計', 1, '財務会計システムの機能アップ 〈DX推進〉', 3, '髙﨑']]);
    for (const [bytes, encoding] of [
      [utf8(text, true), 'utf8'],
      [utf8(text), 'utf8'],
      [new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/,/g, '\t'), 'utf16le')])), 'utf16le'],
    ] as const) {
      const { preview } = await previewImport(db, 'x.csv', bytes, { roundId, defaultLevel: 'A' });
      expect(preview.encoding).toBe(encoding);
      expect(preview.counts.changed).toBe(1);
    }
    // CP932 bytes read as UTF-8 by force: the headings are garbage, so no header row is found.
    await expect(previewImport(db, 'x.csv', cp932(text), { encoding: 'utf8', roundId, defaultLevel: 'A' })).rejects.toThrow(/見出し行が見つかりません/);
  });

  it('handles title rows, repeated headers, blank rows, merged cells, full-width digits, numbers as text and line breaks', async () => {
    const { db, roundId, row } = await fixture();
    const bytes = await xlsx(
      [
        ['局区X方針の進捗状況', null, null, null, null],
        ['令和6年12月20日 X会議', null, null, null, null],
        [null, null, null, null, null],
        [' 局名 ', 'No.', '課題名', '評価', 'コメント'],
        ['デジ', 1, 'DXの推進による区役所の窓口改革（予約サービスの導入など）', 3, '予約システム\r\n稼働済み'],
        [null, '２', 'AI・RPA・ローコードツール等による業務効率化の拡大', '３', '  前後の空白  '],
        [null, null, null, null, null],
        ['局名', 'No.', '課題名', '評価', 'コメント'],
        ['デジ', '3.0', 'DXによる照会・回答業務の削減事例創出', 'ランク2', ''],
      ],
      (ws) => ws.mergeCells('A5:A6'),
    );
    const { preview } = await previewImport(db, 'messy.xlsx', bytes, { roundId, defaultLevel: 'A' });
    expect(preview.headerLine).toBe(4);
    expect(preview.mapping).toEqual(['organization', 'number', 'title', 'rank', 'comment']);
    expect(preview.counts).toEqual({ new: 0, changed: 2, unchanged: 1, rejected: 0 });
    await runImport(db, 'messy.xlsx', bytes, { roundId, defaultLevel: 'A' }, '事務局');
    expect(row('デジ-A-1')).toMatchObject({ rank: '3', comment: '予約システム\n稼働済み' });
    expect(row('デジ-A-2')).toMatchObject({ rank: '3', comment: '前後の空白' });
  });
});

describe('column mapping and organizations', () => {
  it('takes a chosen mapping, and remembers it for files of the same layout', async () => {
    const { db, roundId, row } = await fixture();
    const file = csvText([['担当', '課題の番号', '名称', '判定'], ['会計', 2, '会計事務へのデジタルツール（RPA）の活用 〈DX推進〉', 1]]);
    await expect(previewImport(db, 'odd.csv', utf8(file), { roundId, defaultLevel: 'A' })).rejects.toThrow(/見出し行が見つかりません/);
    await expect(previewImport(db, 'odd.csv', utf8(file), { roundId, defaultLevel: 'A', headerLine: 1 })).rejects.toThrow(/列が足りません: 「局区」「番号」の列が見つかりません \(見出し行: 1行目\)/);
    const mapping = ['organization', 'number', 'title', 'rank'] as const;
    // The header row is not recognisable on its own: the user names it and maps the columns.
    const named = csvText([['局名', '課題の番号', '名称', '判定'], ['会計', 2, '会計事務へのデジタルツール（RPA）の活用 〈DX推進〉', 1]]);
    const first = await previewImport(db, 'odd.csv', utf8(named), { roundId, defaultLevel: 'A', mapping: [...mapping], headerLine: 1 });
    expect(first.preview.mappingSource).toBe('chosen');
    await runImport(db, 'odd.csv', utf8(named), { roundId, defaultLevel: 'A', mapping: [...mapping], headerLine: 1 }, '事務局');
    expect(row('会計-A-2').rank).toBe('1');
    const again = await previewImport(db, 'odd2.csv', utf8(named), { roundId, defaultLevel: 'A', headerLine: 1 });
    expect(again.preview).toMatchObject({ mappingSource: 'remembered', mapping: [...mapping] });
  });

  it('places 小倉北区 under 小北, and asks about names it cannot place', async () => {
    const { db, roundId, row } = await fixture();
    const file = utf8(csvText([HEADER, ['小倉北区', 1, '窓口サービスの向上のための業務改善', 3, ''], ['ひびき区', 1, '新しい区の課題', 2, ''], ['ひびき区', 2, '新しい区の課題その2', 2, '']]));
    const { preview } = await previewImport(db, 'wards.csv', file, { roundId, defaultLevel: 'A' });
    expect(preview.counts).toEqual({ new: 0, changed: 1, unchanged: 0, rejected: 2 });
    expect(preview.unknownOrganizations).toEqual([expect.objectContaining({ name: 'ひびき区', lines: [3, 4] })]);
    expect(preview.rows[1]!.reasons[0]).toBe('3行目「局名」: 局区「ひびき区」が登録されていません');
    // Create it: two new issues under a new organization.
    const created = await previewImport(db, 'wards.csv', file, { roundId, defaultLevel: 'A', organizationMap: { ひびき区: 'create' } });
    expect(created.preview.counts).toEqual({ new: 2, changed: 1, unchanged: 0, rejected: 0 });
    await runImport(db, 'wards.csv', file, { roundId, defaultLevel: 'A', organizationMap: { ひびき区: 'create' } }, '事務局');
    expect(listOrganizations(db.sqlite).at(-1)).toMatchObject({ shortName: 'ひびき区', kind: '区' });
    expect(row('ひびき区-A-2')).toMatchObject({ title: '新しい区の課題その2', rank: '2' });
    expect(row('小北-A-1').rank).toBe('3');
  });
});

describe('preview, commit and undo', () => {
  it('names every rejected row and column, and shows the per-field changes', async () => {
    const { db, roundId, fingerprint } = await fixture();
    const before = fingerprint();
    const file = utf8(
      csvText([
        [...HEADER, 'レベル'],
        ['会計', 1, '財務会計システムの機能アップ 〈DX推進〉', 5, '', 'A'],
        ['会計', 'x', '番号がおかしい', 2, '', 'A'],
        ['会計', 2, '会計事務へのデジタルツール（RPA）の活用 〈DX推進〉', 3, '見直し', 'A'],
        ['会計', 2, '会計事務へのデジタルツール（RPA）の活用 〈DX推進〉', 3, '重複', 'A'],
        ['会計', 9, '', 2, '', 'A'],
        ['会計', 3, '会計関連ルール、事務処理マニュアルの見直し 〈効率性・生産性向上〉', 2, '', 'D'],
        ['会計', 3, '会計関連ルール、事務処理マニュアルの見直し 〈効率性・生産性向上〉', 2, '', 'A'],
      ]),
    );
    const { preview } = await previewImport(db, 'bad-rows.csv', file, { roundId });
    expect(preview.counts).toEqual({ new: 0, changed: 1, unchanged: 1, rejected: 5 });
    const reasons = preview.rows.filter((r) => r.status === 'rejected').map((r) => r.reasons.join(' / '));
    expect(reasons).toEqual([
      '2行目「ランク」: ランク「5」は評価回 R6.11 の基準にありません (3, 2, 1)',
      '3行目「番号」: 番号「x」が正しくありません (1以上の整数)',
      '5行目: 同じ課題 (会計-A-2) が 4行目にもあります',
      '6行目「課題名」: 新しい課題 (会計-A-9) の課題名が空です',
      '7行目「レベル」: レベル「D」は A・B・C のいずれでもありません',
    ]);
    expect(preview.rows.find((r) => r.line === 4)!.changes).toEqual([
      { field: 'rank', label: 'ランク', before: '2', after: '3' },
      { field: 'comment', label: '所見', before: null, after: '見直し' },
    ]);
    expect(fingerprint()).toBe(before); // a preview writes nothing
  });

  it('commits after a backup, records the import, and undoes it as a whole', async () => {
    const { db, roundId, row, fingerprint } = await fixture();
    const before = fingerprint();
    const file = utf8(csvText([HEADER, ['会計', 1, '財務会計システムの機能アップ（改題）', 3, 'よし'], ['会計', 4, '新しい課題', 1, '']]));
    const result = await runImport(db, 'list.csv', file, { roundId, defaultLevel: 'A' }, '事務局 花子');
    expect(result.counts).toEqual({ new: 1, changed: 1, unchanged: 0, rejected: 0 });
    expect(runChecks(db.sqlite).ok).toBe(true);
    expect(row('会計-A-1')).toMatchObject({ title: '財務会計システムの機能アップ（改題）', rank: '3', comment: 'よし', updatedBy: '事務局 花子' });
    expect(row('会計-A-4').title).toBe('新しい課題');
    expect(listImports(db.sqlite)[0]).toMatchObject({ id: result.importId, fileName: 'list.csv', actor: '事務局 花子', counts: result.counts, undoneAt: null });
    expect(listImports(db.sqlite)[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(result.backupPath)).toBe(true);
    // The same file again: recognised.
    expect((await previewImport(db, 'list.csv', file, { roundId, defaultLevel: 'A' })).preview.importedBefore?.actor).toBe('事務局 花子');

    const undone = await undoImport(db, result.importId, '事務局 花子');
    expect(undone.reverted).toBeGreaterThan(0);
    expect(resolveIssueKey(db.sqlite, '会計-A-4')).toBeUndefined();
    expect(row('会計-A-1')).toMatchObject({ title: '財務会計システムの機能アップ 〈DX推進〉', rank: '2', comment: '' });
    const actions = db.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'import%' ORDER BY id").pluck().all();
    // Each rank/所見 written is audited, then the import itself, then its undo.
    expect(actions).toEqual(['import.evaluation', 'import.evaluation', 'import', 'import.undo']);
    await expect(undoImport(db, result.importId, 'x')).rejects.toThrow(/既に取り消されています/);
    // Issues, versions and evaluations are as before (the audit log and the import record remain).
    const tables = (fp: string) => (JSON.parse(fp) as unknown[]).slice(0, 3);
    expect(tables(fingerprint())).toEqual(tables(before));
  });

  it('refuses to undo an import whose rows were changed afterwards', async () => {
    const { db, roundId, fingerprint } = await fixture();
    const file = utf8(csvText([HEADER, ['会計', 1, '財務会計システムの機能アップ 〈DX推進〉', 3, '']]));
    const { importId } = await runImport(db, 'r.csv', file, { roundId, defaultLevel: 'A' }, '事務局');
    setRank(db.sqlite, { issueId: resolveIssueKey(db.sqlite, '会計-A-1')!, roundId, rank: '1', actor: '別の人' });
    const before = fingerprint();
    await expect(undoImport(db, importId, '事務局')).rejects.toThrow(/取り消せません: 会計-A-1 のランク・所見が取り込み後に変更されています/);
    expect(fingerprint()).toBe(before);
  });

  it('plans a large file (read in bulk) exactly like a small one', async () => {
    const { db, roundId, row } = await fixture();
    const rows = Array.from({ length: 2500 }, (_, i) => ['会計', 100 + i, `大量の課題 ${i}`, String((i % 3) + 1), '']);
    // The published issues too: unchanged, changed (会計-A-1 to 3) and rejected rows among the new ones.
    const file = utf8(csvText([HEADER, ['会計', 1, '財務会計システムの機能アップ 〈DX推進〉', 3, ''], ['会計', 2, '会計事務へのデジタルツール（RPA）の活用 〈DX推進〉', 2, ''], ['会計', 3, 'x', 9, ''], ...rows]));
    const { preview } = await previewImport(db, 'big.csv', file, { roundId, defaultLevel: 'A' });
    expect(preview.counts).toEqual({ new: 2500, changed: 1, unchanged: 1, rejected: 1 });
    await runImport(db, 'big.csv', file, { roundId, defaultLevel: 'A' }, '事務局');
    expect(row('会計-A-2599')).toMatchObject({ title: '大量の課題 2499', rank: '1' });
    expect(row('会計-A-1').rank).toBe('3');
  });

  it('refuses to import into, or undo an import of, a locked round', async () => {
    const { db, roundId, fingerprint } = await fixture();
    const file = utf8(csvText([HEADER, ['会計', 1, '財務会計システムの機能アップ 〈DX推進〉', 3, '']]));
    const { importId } = await runImport(db, 'r.csv', file, { roundId, defaultLevel: 'A' }, '事務局');
    lockRound(db.sqlite, roundId, '事務局');
    const before = fingerprint();
    await expect(undoImport(db, importId, '事務局')).rejects.toThrow(/ロックされています/);
    await expect(runImport(db, 'r2.csv', utf8(csvText([HEADER, ['会計', 2, '会計事務へのデジタルツール（RPA）の活用 〈DX推進〉', 3, '']])), { roundId, defaultLevel: 'A' }, '事務局')).rejects.toThrow(/ロックされています/);
    // Only the backups taken first are new; the database is as it was.
    expect(fingerprint()).toBe(before);
  });

  it('imports ①–⑤ as a version with a label', async () => {
    const { db } = await fixture();
    const file = utf8(
      csvText([
        ['局名', 'レベル', '番号', '①課題名', '②課題の内容', '⑤取組みの進捗状況、取組結果'],
        ['財変', 'B', 4, '公共施設マネジメント実行計画の見直し', '・公共施設の価値を最大化する。', '・点検を完了した。'],
      ]),
    );
    const { preview } = await previewImport(db, 'v.csv', file, { versionLabel: 'R7.2', versionAsOf: '2025-02' });
    expect(preview.counts.changed).toBe(1);
    expect(preview.rows[0]!.changes.map((c) => c.field)).toEqual(['content', 'progress']);
    await runImport(db, 'v.csv', file, { versionLabel: 'R7.2', versionAsOf: '2025-02' }, '事務局');
    const versions = listVersions(db.sqlite, resolveIssueKey(db.sqlite, '財変-B-4')!);
    expect(versions.map((v) => v.label)).toEqual(['R6.8', 'R6.11', 'R7.2']);
    expect(versions[2]).toMatchObject({ content: '・公共施設の価値を最大化する。', progress: '・点検を完了した。', background: versions[1]!.background });
    await expect(previewImport(db, 'v.csv', file, {})).rejects.toThrow(/版のラベル \(例: R6.11\) を指定してください/);
  });

  it('gives an issue its title back when undoing its first version', async () => {
    const { db, row } = await fixture();
    const file = utf8(csvText([['局名', '番号', '①課題名', '②課題の内容'], ['会計', 1, '財務会計システムの更新', '・新システムへ移行する。']]));
    const { importId } = await runImport(db, 'first-version.csv', file, { defaultLevel: 'A', versionLabel: 'R7.2', versionAsOf: '2025-02' }, '事務局');
    expect(row('会計-A-1').title).toBe('財務会計システムの更新');
    await undoImport(db, importId, '事務局');
    expect(listVersions(db.sqlite, resolveIssueKey(db.sqlite, '会計-A-1')!)).toEqual([]);
    expect(row('会計-A-1').title).toBe('財務会計システムの機能アップ 〈DX推進〉');
  });
});

describe('bad input leaves the database exactly as before', () => {
  const cases: [string, () => Promise<Uint8Array> | Uint8Array, RegExp][] = [
    ['a PNG renamed .xlsx', () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /PNG画像です/],
    ['a .docx renamed .xlsx', () => makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }), /Wordの文書 \(\.docx\) です/],
    ['a truncated .xlsx', async () => (await xlsx([HEADER, ['会計', 1, 't', 3, '']])).subarray(0, 900), /ZIP形式が壊れています|Excelのブックとして読めません/],
    ['an empty file', () => new Uint8Array(0), /空のファイルです/],
    ['a CSV with the wrong columns', () => utf8(csvText([['氏名', '住所', '電話'], ['山田', '小倉', '093']])), /見出し行が見つかりません/],
    ['a CSV whose header lacks 番号', () => utf8(csvText([['局名', '課題名', 'ランク'], ['会計', 't', 3]])), /列が足りません: 「番号」の列が見つかりません \(見出し行: 1行目\)/],
    ['a file over 50 MB', () => new Uint8Array(50 * 1024 * 1024 + 1).fill(0x41), /50 MB/],
  ];
  it.each(cases)('%s', async (_name, make, message) => {
    const { db, roundId, fingerprint } = await fixture();
    const before = fingerprint();
    const bytes = await make();
    await expect(runImport(db, 'file.xlsx', bytes, { roundId, defaultLevel: 'A' }, '事務局')).rejects.toThrow(message);
    expect(fingerprint()).toBe(before);
  });

  it('a file with only rejected rows commits nothing', async () => {
    const { db, roundId, fingerprint } = await fixture();
    const before = fingerprint();
    const file = utf8(csvText([HEADER, ['会計', 1, 't', 9, ''], ['会計', 1, 't', 8, '']]));
    await expect(runImport(db, 'bad.csv', file, { roundId, defaultLevel: 'A' }, '事務局')).rejects.toThrow(/取り込む変更がありません \(変更なし 0 行、取り込めない行 2 行\)/);
    expect(fingerprint()).toBe(before);
  });
});

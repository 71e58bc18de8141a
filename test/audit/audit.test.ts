// The audit log on a real database: every kind of change is in it with who, when, before and
// after; the audit screen's keyset pages cover a log exactly once, newest first, whatever the
// filter (ties in time included); every filter is served by an index; the .xlsx export says
// the same as the screen.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { describeAudit } from '../../common/audit-text';
import { formatWarekiDateTime } from '../../common/wareki';
import { auditFacets, auditPageQuery, countAudit, listAudit, type AuditCursor, type AuditFilter } from '../../db/queries/audit-search';
import { getAudit } from '../../db/queries/audit';
import { confirmCarried } from '../../db/write/confirm-carried';
import { setComment, setRank } from '../../db/write/evaluations';
import { resolveIssueKey } from '../../db/queries/issues';
import { saveNote } from '../../db/write/notes';
import { createRound, deleteRound, lockRound, unlockRound, updateRound } from '../../db/write/rounds';
import { latestRound } from '../../db/queries/rounds';
import { createScale, updateScale } from '../../db/write/scales';
import { dispatch } from '../../electron/contract/dispatch';
import { exportAudit, filterLine } from '../../electron/services/audit/export-audit';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const { sqlite } = db;
const r611 = latestRound(sqlite)!;
const acct1 = resolveIssueKey(sqlite, '会計-A-1')!;

/** Every row of a filter by paging through it `size` rows at a time. */
function pageThrough(filter: AuditFilter, size: number): number[] {
  const ids: number[] = [];
  let cursor: AuditCursor | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = listAudit(sqlite, filter, size, cursor);
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    expect(page.rows).toHaveLength(size);
    cursor = page.next;
  }
  throw new Error('paging did not end');
}

/** The same filter in one plain query: what paging must reproduce. */
function allIds(filter: AuditFilter): number[] {
  const q = auditPageQuery(filter, 10_000_000);
  return (sqlite.prepare(q.sql).all(q.params) as { id: number }[]).map((r) => r.id);
}

describe('what the log records', () => {
  it('ranks, comments, notes, rounds, scales and settings: who, when, before and after', () => {
    const t0 = new Date().toISOString();
    setRank(sqlite, { issueId: acct1, roundId: r611.id, rank: '3', actor: '山田' });
    setComment(sqlite, { issueId: acct1, roundId: r611.id, comment: '稼働を確認', actor: '佐藤' });
    const b4 = resolveIssueKey(sqlite, '財変-B-4')!;
    const [v1, v2] = sqlite.prepare('SELECT id FROM issue_versions WHERE issue_id = ? ORDER BY id').pluck().all(b4) as number[];
    saveNote(sqlite, { issueId: b4, fromVersionId: v1!, toVersionId: v2!, note: '測定可能になった', actor: '佐藤' });
    const { round } = createRound(sqlite, { label: 'R7.5', title: '令和7年5月時点', asOf: '2025-05', meetingDate: null, scaleId: r611.scaleId, carryFromRoundId: r611.id }, '鈴木');
    updateRound(sqlite, round.id, { label: 'R7.5', title: '令和7年5月時点 (改)', asOf: '2025-05', meetingDate: '2025-06-20', scaleId: r611.scaleId }, '鈴木');
    confirmCarried(sqlite, { roundId: round.id }, '鈴木');
    lockRound(sqlite, round.id, '課長');
    unlockRound(sqlite, round.id, '誤記の訂正', '課長');
    const scale = createScale(sqlite, { name: '3段階', ranks: [{ value: '完了', label: '完了', definition: '' }] }, '山田');
    updateScale(sqlite, scale.id, { name: '3段階', ranks: [{ value: '完了', label: '完了済み', definition: '終わったもの' }] }, '山田');
    const reply = dispatch({ db }, 'settings.set', { displayName: '事務局 高橋' });
    expect(reply).toMatchObject({ ok: true });
    const other = createRound(sqlite, { label: 'X1', title: '削除する回', asOf: '2030-01', meetingDate: null, scaleId: r611.scaleId }, '高橋').round;
    deleteRound(sqlite, other.id, '高橋');

    const rows = listAudit(sqlite, { from: t0 }, 100).rows.reverse();
    const text = rows.map((r) => {
      const d = describeAudit(r, Infinity);
      return `${r.actor}|${d.action}|${d.target}|${d.before}|${d.after}`;
    });
    expect(text).toEqual([
      '山田|ランク|会計-A-1|2|3',
      '佐藤|所見|会計-A-1|(空)|稼働を確認',
      expect.stringMatching(/^佐藤\|事務局メモ\|財変-B-4\|メモ: ・ X方針の中には[^|]*\|メモ: 測定可能になった$/),
      '鈴木|評価回の作成|評価回 R7.5|—|ラベル: R7.5、名称: 令和7年5月時点、時点: 令和7年5月、X会議: (なし)、ランク基準: 進捗ランク(1〜3)、繰越元: R6.11、繰越: 132 件',
      '鈴木|評価回の変更|評価回 R7.5|名称: 令和7年5月時点、X会議: (なし)|名称: 令和7年5月時点 (改)、X会議: 令和7年6月20日',
      '鈴木|繰越の一括確定|評価回 R7.5|繰越 132 件|確定 132 件',
      expect.stringMatching(/^課長\|ロック\|評価回 R7.5\|ロック: なし\|ロック: 令和\d+年\d+月\d+日 \d\d:\d\d$/),
      expect.stringMatching(/^課長\|ロック解除\|評価回 R7.5\|ロック: 令和.*、ロックした人: 課長\|ロック: なし、理由: 誤記の訂正$/),
      '山田|ランク基準の作成|ランク基準|—|名前: 3段階、ランク: 完了 完了',
      '山田|ランク基準の変更|ランク基準|ランク: 完了 完了|ランク: 完了 完了済み',
      expect.stringMatching(/\|設定\|設定\|表示名: \(空\)\|表示名: 事務局 高橋$/),
      '高橋|評価回の作成|評価回 (削除済み id ' + other.id + ')|—|ラベル: X1、名称: 削除する回、時点: 令和12年1月、X会議: (なし)、ランク基準: 進捗ランク(1〜3)、繰越元: (なし)、繰越: 0 件',
      '高橋|評価回の削除|評価回 (削除済み id ' + other.id + ')|ラベル: X1、名称: 削除する回、時点: 令和12年1月、X会議: (なし)、ランク基準: 進捗ランク(1〜3)、繰越: 0 件|—',
    ]);
    expect(rows.every((r) => r.at >= t0 && /Z$/.test(r.at))).toBe(true); // stored in UTC
  });

  it('shows a bulk entry without its row list, which the entry itself keeps for undo', () => {
    const bulk = listAudit(sqlite, { entity: 'round' }, 50).rows.find((r) => r.action === 'evaluation.confirmAll')!;
    expect(bulk.before).toEqual({ carried: 132, groups: expect.any(Array) }); // small: kept as is
    expect((getAudit(sqlite, bulk.id)!.before as { groups: unknown[] }).groups.length).toBeGreaterThan(0);
    // A large one (many ranges) comes to the screen without them.
    const groups = [{ updatedBy: 'x', updatedAt: 'y', ids: Array.from({ length: 500 }, (_, i) => [i * 3, i * 3 + 1]) }];
    sqlite
      .prepare("INSERT INTO audit_log (at, actor, action, entity, round_id, before, after) VALUES ('2020-01-01T00:00:00.000Z', 'x', 'evaluation.confirmAll', 'round', ?, ?, ?)")
      .run(r611.id, JSON.stringify({ carried: 1000, groups }), JSON.stringify({ confirmed: 1000 }));
    const row = listAudit(sqlite, { to: '2020-01-02T00:00:00.000Z' }, 5).rows[0]!;
    expect(row.before).toEqual({ carried: 1000 });
    expect(describeAudit(row)).toMatchObject({ action: '繰越の一括確定', before: '繰越 1000 件', after: '確定 1000 件' });
    sqlite.prepare("DELETE FROM audit_log WHERE at = '2020-01-01T00:00:00.000Z'").run();
  });
});

describe('paging through a large log', () => {
  // 3,000 synthetic entries over two years, many sharing a timestamp (ties are ordered by id).
  const actors = ['山田', '佐藤', '鈴木', '高橋'];
  const entities = ['evaluation', 'evaluation', 'evaluation', 'round', 'settings'];
  const issues = sqlite.prepare('SELECT id FROM issues ORDER BY id LIMIT 20').pluck().all() as number[];
  const ins = sqlite.prepare('INSERT INTO audit_log (at, actor, action, entity, issue_id, round_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    let t = Date.parse('2023-04-01T00:00:00.000Z');
    for (let i = 0; i < 3000; i++) {
      if (i % 3 !== 0) t += 6 * 3600_000 + (i % 7) * 1000; // every third entry shares the previous timestamp
      const entity = entities[i % entities.length]!;
      ins.run(new Date(t).toISOString(), actors[i % 4], `${entity}.x`, entity, entity === 'evaluation' ? issues[i % issues.length] : null, entity === 'settings' ? null : r611.id, '{"rank":"1"}', '{"rank":"2"}');
    }
  })();

  const FILTERS: [string, AuditFilter][] = [
    ['everything', {}],
    ['a person', { actor: '佐藤' }],
    ['an issue', { issueId: issues[2]! }],
    ['a round', { roundId: r611.id }],
    ['a kind of change', { entity: 'settings' }],
    ['a period', { from: '2023-10-01T00:00:00.000Z', to: '2024-01-01T00:00:00.000Z' }],
    ['person + round + period', { actor: '山田', roundId: r611.id, from: '2023-10-01T00:00:00.000Z', to: '2024-04-01T00:00:00.000Z' }],
  ];

  it.each(FILTERS)('covers %s exactly once, newest first, page after page', (_name, filter) => {
    const expected = allIds(filter);
    expect(expected.length).toBeGreaterThan(0);
    for (const size of expected.length < 300 ? [1, 7, 100] : [7, 100]) expect(pageThrough(filter, size)).toEqual(expected);
    expect(countAudit(sqlite, filter)).toBe(expected.length);
    // Newest first: at descending, then id descending.
    const rows = sqlite.prepare(`SELECT at, id FROM audit_log WHERE id IN (${expected.join(',')})`).all() as { at: string; id: number }[];
    const order = [...rows].sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1)).map((r) => r.id);
    expect(expected).toEqual(order);
  });

  it('treats the period as from (inclusive) to (exclusive)', () => {
    const at = sqlite.prepare('SELECT at FROM audit_log ORDER BY at LIMIT 1 OFFSET 100').pluck().get() as string;
    const same = sqlite.prepare('SELECT count(*) FROM audit_log WHERE at = ?').pluck().get(at) as number;
    expect(countAudit(sqlite, { from: at, to: at })).toBe(0);
    expect(countAudit(sqlite, { from: at, to: new Date(Date.parse(at) + 1).toISOString() })).toBe(same);
  });

  it('serves every filter from an index, with no sort of the whole log', () => {
    const cursor = { at: '2024-01-01T00:00:00.000Z', id: 2000 };
    for (const [name, filter] of FILTERS) {
      for (const c of [undefined, cursor]) {
        const q = auditPageQuery(filter, 100, c);
        const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(q.params) as { detail: string }[]).map((p) => p.detail).join(' | ');
        expect(plan, name).toMatch(/USING (COVERING )?INDEX audit_log_/);
        // Only an issue's few entries may be sorted after the index lookup.
        if (filter.issueId === undefined) expect(plan, name).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it('lists the people and kinds of change for the filters', () => {
    const facets = auditFacets(sqlite);
    expect(facets.actors).toEqual(expect.arrayContaining(['山田', '佐藤', '鈴木', '高橋', '課長']));
    expect(new Set(facets.actors).size).toBe(facets.actors.length);
    expect(facets.entities).toEqual(expect.arrayContaining(['evaluation', 'round', 'scale', 'settings', 'comparison_note']));
  });
});

describe('exporting the filtered log to .xlsx', () => {
  it('writes every row of the filter, newest first, with 和暦 and UTC times and the filter in the header', async () => {
    const filter = { actor: '佐藤', roundId: r611.id };
    const progress: number[] = [];
    const file = await exportAudit(sqlite, { ...filter }, (p) => progress.push(p.done));
    expect(file.fileName).toMatch(/^監査ログ_\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('監査ログ')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '番号', '日時', '日時 (UTC)', '更新者', '操作', '対象', '評価回', '変更前', '変更後', '取消対象の番号']);
    const expected = allIds(filter);
    expect(sheet.rowCount).toBe(expected.length + 1);
    expect(sheet.getColumn(1).values.slice(2)).toEqual(expected);
    const first = getAudit(sqlite, expected[0]!)!;
    expect(sheet.getRow(2).getCell(2).value).toBe(formatWarekiDateTime(new Date(first.at)));
    expect(sheet.getRow(2).getCell(3).value).toBe(first.at);
    expect(sheet.getRow(2).getCell(4).value).toBe('佐藤');
    expect(sheet.headerFooter.oddHeader).toContain('条件: 更新者 佐藤、評価回 R6.11');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(progress.at(-1)).toBe(expected.length);
  });

  it('describes the filter in Japanese and refuses an empty result', async () => {
    expect(filterLine(sqlite, {})).toBe('条件: すべて');
    expect(filterLine(sqlite, { issueKey: '会計-A-1', issueId: acct1, entity: 'evaluation', from: '2024-12-01T00:00:00.000Z' })).toMatch(
      /^条件: 課題 会計-A-1、種類 ランク・所見、期間 令和6年12月1日 \d\d:\d\d〜$/,
    );
    await expect(exportAudit(sqlite, { actor: '誰もいない' })).rejects.toThrow(/条件に合う監査ログがありません/);
  });
});

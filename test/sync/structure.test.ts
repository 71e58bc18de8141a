// Structural data in team sync: 局区, issues and their versions ①–⑤ added by an import (and removed
// by its undo), rounds and scales created, edited and deleted on one PC reach the others; a text
// changed on two PCs from the same value is 要確認; a rank that arrives before its issue is kept and
// applies when the issue does; two PCs creating the same issue key end with one issue.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { lastEvaluationChange, listConflicts, rowToRecord, type SyncRecordRow } from '../../db/queries/sync';
import { emptyChangeSet, type ChangeSet } from '../../db/write/change-set';
import { applyChangeSet, undoImportNow } from '../../db/write/imports';
import { createRound, deleteRound, updateRound } from '../../db/write/rounds';
import { createScale, deleteScale, updateScale } from '../../db/write/scales';
import { applyPulled } from '../../db/write/sync-records';
import { resolveConflict } from '../../db/write/sync-resolve';
import { syncOnce } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import { sharedReplicas } from './helpers';

const syncAll = async (dbs: Db[], folder: string, rounds = 2) => {
  for (let i = 0; i < rounds; i++) for (const db of dbs) expect((await syncOnce(db.sqlite, new FolderTransport(folder))).ok).toBe(true);
};
const meta = (actor: string) => ({ kind: 'list' as const, fileName: '一覧.xlsx', sha256: 'x'.repeat(64), actor, counts: { new: 1, changed: 0, unchanged: 0, rejected: 0 } });
const texts = (content: string) => ({ background: '背景', actions: '取組', progress: '進捗', content });

/** An import adding 局区 「新局」 (or using 会計) with one new issue, its version R6.11 and a rank. */
function newIssueSet(o: { org?: 'new' | 'existing'; number: number; title: string; content: string; rank: string }): ChangeSet {
  const set = emptyChangeSet();
  if (o.org !== 'existing') set.organizations.push({ key: 'o', shortName: '新局', fullName: '新設局', kind: '局' });
  set.issues.push({ key: 'i', organization: o.org === 'existing' ? { id: 1 } : { newKey: 'o' }, level: 'A', number: o.number, title: o.title });
  set.versions.push({ issue: { newKey: 'i' }, label: 'R6.11', asOf: '2024-11', number: o.number, title: o.title, ...texts(o.content) });
  set.evaluations.push({ issue: { newKey: 'i' }, roundId: 1, rank: o.rank, comment: `${o.title}の所見` });
  return set;
}

const issueByKey = (db: Db, org: string, number: number) =>
  db.sqlite
    .prepare(
      `SELECT i.uid, i.title, v.content, e.rank FROM issues i JOIN organizations o ON o.id = i.organization_id
         LEFT JOIN issue_versions v ON v.issue_id = i.id AND v.label = 'R6.11' LEFT JOIN evaluations e ON e.issue_id = i.id AND e.round_id = 1
        WHERE o.short_name = ? AND i.level = 'A' AND i.number = ?`,
    )
    .all(org, number) as { uid: string; title: string; content: string | null; rank: string | null }[];

const allRecords = (db: Db) => (db.sqlite.prepare('SELECT * FROM sync_records ORDER BY hlc, id').all() as SyncRecordRow[]).map(rowToRecord);
const expectSame = (dbs: Db[]) => {
  const dumps = dbs.map((d) => syncCanonicalDump(d.sqlite));
  for (const d of dumps) expect(d).toBe(dumps[0]);
};

describe('structural data in team sync', () => {
  it('an import adding a 局区, an issue with its texts and rank travels as one batch; its undo as another', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    const importId = applyChangeSet(a.sqlite, newIssueSet({ number: 1, title: '新しい課題', content: '内容A', rank: '2' }), meta('佐藤'), null);
    const batches = a.sqlite.prepare("SELECT DISTINCT batch FROM sync_records WHERE action = 'import'").pluck().all();
    expect(batches).toHaveLength(1);
    expect(a.sqlite.prepare("SELECT DISTINCT kind FROM sync_records WHERE action = 'import' ORDER BY kind").pluck().all()).toEqual([
      'evaluation',
      'issue',
      'organization',
      'version',
    ]);
    await syncAll(dbs, folder);
    const [mine] = issueByKey(a, '新局', 1);
    expect(issueByKey(b, '新局', 1)).toEqual([mine]);
    expect(mine).toMatchObject({ title: '新しい課題', content: '内容A', rank: '2' });
    expectSame(dbs);

    undoImportNow(a.sqlite, importId, '佐藤', null);
    expect(a.sqlite.prepare("SELECT count(DISTINCT batch) FROM sync_records WHERE action = 'import.undo'").pluck().get()).toBe(1);
    await syncAll(dbs, folder);
    expect(issueByKey(b, '新局', 1)).toEqual([]);
    expect(b.sqlite.prepare("SELECT count(*) FROM organizations WHERE short_name = '新局'").pluck().get()).toBe(0);
    // The tombstones stay as history.
    expect(b.sqlite.prepare("SELECT count(*) FROM sync_records WHERE kind = 'issue' AND after = 'null'").pluck().get()).toBe(1);
    expectSame(dbs);
  });

  it('a rank that arrives before its issue is kept and applies when the issue arrives, in any order', async () => {
    const { dbs } = await sharedReplicas(3);
    const [a, b, c] = dbs as [Db, Db, Db];
    applyChangeSet(a.sqlite, newIssueSet({ number: 1, title: '順序の課題', content: '内容', rank: '3' }), meta('佐藤'), null);
    const recs = allRecords(a);
    const evaluations = recs.filter((r) => r.kind === 'evaluation');
    const rest = recs.filter((r) => r.kind !== 'evaluation');
    applyPulled(b.sqlite, evaluations, '');
    expect(issueByKey(b, '新局', 1)).toEqual([]);
    // Kept (rank and 所見 of the one issue), waiting for the issue.
    expect(evaluations).toHaveLength(2);
    expect(b.sqlite.prepare("SELECT count(*) FROM sync_records WHERE kind = 'evaluation' AND action = 'import'").pluck().get()).toBe(2);
    applyPulled(b.sqlite, rest, '');
    expect(issueByKey(b, '新局', 1)[0]).toMatchObject({ rank: '3', content: '内容' });
    // Reversed record by record, with duplicates.
    for (const r of [...recs].reverse()) applyPulled(c.sqlite, [r, r], '');
    expectSame(dbs);
  });

  it('a version text changed on two PCs from the same value is 要確認 until a person picks one', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    const editSame = (db: Db, content: string) => {
      const set = emptyChangeSet();
      const v = db.sqlite.prepare("SELECT as_of AS asOf, number, title, background, actions, progress FROM issue_versions WHERE issue_id = 133 AND label = 'R6.11'").get() as {
        asOf: string;
        number: number;
        title: string;
        background: string;
        actions: string;
        progress: string;
      };
      set.versions.push({ issue: { id: 133 }, label: 'R6.11', ...v, content });
      applyChangeSet(db.sqlite, set, meta(db === a ? '佐藤' : '鈴木'), null);
    };
    editSame(a, '佐藤の書いた内容');
    editSame(b, '鈴木の書いた内容');
    await syncAll(dbs, folder);
    for (const db of dbs) {
      const conflicts = listConflicts(db.sqlite).filter((x) => x.kind === 'version');
      expect(conflicts.map((x) => [x.field, x.heads.map((h) => h.value).sort()])).toEqual([['content', ['佐藤の書いた内容', '鈴木の書いた内容']]]);
    }
    expectSame(dbs);
    const [conflict] = listConflicts(b.sqlite).filter((x) => x.kind === 'version');
    resolveConflict(b.sqlite, { kind: 'version', key: conflict!.key, field: 'content', value: '二人の内容をまとめた', actor: '鈴木' });
    await syncAll(dbs, folder);
    for (const db of dbs) {
      expect(listConflicts(db.sqlite)).toEqual([]);
      expect(db.sqlite.prepare("SELECT content FROM issue_versions WHERE issue_id = 133 AND label = 'R6.11'").pluck().get()).toBe('二人の内容をまとめた');
    }
    expectSame(dbs);
  });

  it('rounds and scales: created, edited and deleted on one PC, the same on the others; a shared round keeps its label', async () => {
    const { folder, dbs: all } = await sharedReplicas(3);
    const [a, b, late] = all as [Db, Db, Db];
    const dbs = [a, b];
    const scale = createScale(a.sqlite, { name: '達成度(A〜C)', ranks: [{ value: 'A', label: '達成', definition: '目標を達成' }, { value: 'B', label: '一部', definition: '一部達成' }, { value: 'C', label: '未着手', definition: 'これから' }] }, '佐藤');
    const { round, carried } = createRound(a.sqlite, { label: 'R7.5', title: '令和7年5月時点', asOf: '2025-05', meetingDate: null, scaleId: 1, carryFromRoundId: 1 }, '佐藤');
    expect(carried).toBeGreaterThan(0);
    await syncAll(dbs, folder);
    const roundOf = (db: Db) => db.sqlite.prepare("SELECT r.title, r.as_of, s.name FROM rounds r JOIN scales s ON s.id = r.scale_id WHERE label = 'R7.5'").get();
    expect(roundOf(b)).toEqual({ title: '令和7年5月時点', as_of: '2025-05', name: '進捗ランク(1〜3)' });
    const carriedOn = (db: Db) => db.sqlite.prepare("SELECT count(*) FROM evaluations e JOIN rounds r ON r.id = e.round_id WHERE r.label = 'R7.5' AND e.carried = 1").pluck().get();
    expect(carriedOn(b)).toBe(carried);
    expect(b.sqlite.prepare("SELECT value FROM scale_ranks r JOIN scales s ON s.id = r.scale_id WHERE s.name = '達成度(A〜C)' ORDER BY sort_order DESC").pluck().all()).toEqual(['A', 'B', 'C']);
    expectSame(dbs);

    const bRound = b.sqlite.prepare("SELECT id FROM rounds WHERE label = 'R7.5'").pluck().get() as number;
    updateRound(b.sqlite, bRound, { label: 'R7.5', title: '令和7年5月末時点', asOf: '2025-05', meetingDate: '2025-06-10', scaleId: 1 }, '鈴木');
    expect(() => updateRound(b.sqlite, bRound, { label: 'R7.6', title: 'x', asOf: '2025-06', meetingDate: null, scaleId: 1 }, '鈴木')).toThrow(/ラベル/);
    const bScale = b.sqlite.prepare("SELECT id FROM scales WHERE name = '達成度(A〜C)'").pluck().get() as number;
    updateScale(b.sqlite, bScale, { name: '達成度(A〜C)', ranks: [{ value: 'A', label: '達成', definition: '目標を全て達成' }, { value: 'B', label: '一部', definition: '一部達成' }, { value: 'C', label: '未着手', definition: 'これから' }] }, '鈴木');
    await syncAll(dbs, folder);
    expect(roundOf(a)).toEqual({ title: '令和7年5月末時点', as_of: '2025-05', name: '進捗ランク(1〜3)' });
    expect(a.sqlite.prepare("SELECT definition FROM scale_ranks WHERE value = 'A' AND scale_id = ?").pluck().get(scale.id)).toBe('目標を全て達成');
    expectSame(dbs);

    deleteRound(a.sqlite, round.id, '佐藤');
    deleteScale(a.sqlite, scale.id, '佐藤');
    await syncAll(dbs, folder);
    expect(roundOf(b)).toBeUndefined();
    expect(carriedOn(b)).toBe(0);
    expect(b.sqlite.prepare("SELECT count(*) FROM scales WHERE name = '達成度(A〜C)'").pluck().get()).toBe(0);
    expectSame(dbs);
    // A third PC hears it all backwards, record by record: ranks before their round, the round before its scale.
    const everything = [...allRecords(a), ...allRecords(b)];
    for (const r of everything.reverse()) applyPulled(late.sqlite, [r], '');
    expectSame(all);
  });

  it('a round arriving after its ranks and its scale after the round: kept, then applied', async () => {
    const { dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    createScale(a.sqlite, { name: '三段階', ranks: [{ value: '上', label: '上', definition: '' }, { value: '中', label: '中', definition: '' }, { value: '下', label: '下', definition: '' }] }, '佐藤');
    const scaleId = a.sqlite.prepare("SELECT id FROM scales WHERE name = '三段階'").pluck().get() as number;
    const { carried } = createRound(a.sqlite, { label: 'R7.11', title: '令和7年11月時点', asOf: '2025-11', meetingDate: null, scaleId, carryFromRoundId: null }, '佐藤');
    expect(carried).toBe(0);
    const roundId = a.sqlite.prepare("SELECT id FROM rounds WHERE label = 'R7.11'").pluck().get() as number;
    applyChangeSet(a.sqlite, { ...emptyChangeSet(), evaluations: [{ issue: { id: 1 }, roundId, rank: '上', comment: '新しい回の所見' }] }, meta('佐藤'), null);
    for (const r of allRecords(a).reverse()) applyPulled(b.sqlite, [r], '');
    expect(b.sqlite.prepare("SELECT e.rank, e.comment FROM evaluations e JOIN rounds r ON r.id = e.round_id WHERE r.label = 'R7.11' AND e.issue_id = 1").get()).toEqual({
      rank: '上',
      comment: '新しい回の所見',
    });
    expectSame(dbs);
  });

  it('two PCs creating the same issue key offline end with one issue: the earliest uid, ranks mapped onto it, differing texts 要確認', async () => {
    const { folder, dbs } = await sharedReplicas(3);
    const [a, b, c] = dbs as [Db, Db, Db];
    applyChangeSet(a.sqlite, newIssueSet({ org: 'existing', number: 4, title: '同じ課題', content: '佐藤版の内容', rank: '1' }), meta('佐藤'), null);
    await new Promise((r) => setTimeout(r, 5));
    applyChangeSet(b.sqlite, newIssueSet({ org: 'existing', number: 4, title: '同じ課題', content: '鈴木版の内容', rank: '3' }), meta('鈴木'), null);
    const uidA = issueByKey(a, '会計', 4)[0]!.uid;
    const uidB = issueByKey(b, '会計', 4)[0]!.uid;
    expect(uidA).not.toBe(uidB);
    // C hears of B's creation first, then of A's.
    applyPulled(c.sqlite, allRecords(b), '');
    expect(issueByKey(c, '会計', 4).map((i) => i.uid)).toEqual([uidB]);
    await syncAll(dbs, folder);
    for (const db of dbs) {
      const rows = issueByKey(db, '会計', 4);
      expect(rows.map((r) => r.uid)).toEqual([uidA]); // A's creation was stamped first
      expect(rows[0]!.rank).toBe('3'); // the later rank (B's) wins, as for any rank
      // The panel's "last changed by" reads the merged uid's records too.
      expect(lastEvaluationChange(db.sqlite, uidA, 'R6.11').find((l) => l.field === 'rank')).toMatchObject({ user: '鈴木', pc: 'PC-2' });
      expect(db.sqlite.prepare('SELECT uid, survivor FROM sync_issue_aliases').all()).toEqual([{ uid: uidB, survivor: uidA }]);
      const conflicts = listConflicts(db.sqlite, uidA);
      expect(conflicts.map((x) => [x.kind, x.field, x.heads.map((h) => h.value).sort()])).toEqual([['version', 'content', ['佐藤版の内容', '鈴木版の内容']]]);
    }
    expectSame(dbs);
  });

  it('an issue undone and imported again is a new issue; undoing one of two merged creations removes the merged issue everywhere', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    const first = applyChangeSet(a.sqlite, newIssueSet({ org: 'existing', number: 5, title: '再取込の課題', content: '一回目', rank: '1' }), meta('佐藤'), null);
    undoImportNow(a.sqlite, first, '佐藤', null);
    applyChangeSet(a.sqlite, newIssueSet({ org: 'existing', number: 5, title: '再取込の課題', content: '二回目', rank: '2' }), meta('佐藤'), null);
    await syncAll(dbs, folder);
    for (const db of dbs) expect(issueByKey(db, '会計', 5)).toMatchObject([{ content: '二回目', rank: '2' }]);
    expectSame(dbs);

    // Both import 会計 A-6 offline; B then undoes its import after the two were merged.
    applyChangeSet(a.sqlite, newIssueSet({ org: 'existing', number: 6, title: '二重の課題', content: '同じ内容', rank: '1' }), meta('佐藤'), null);
    const bImport = applyChangeSet(b.sqlite, newIssueSet({ org: 'existing', number: 6, title: '二重の課題', content: '同じ内容', rank: '1' }), meta('鈴木'), null);
    await syncAll(dbs, folder);
    for (const db of dbs) expect(issueByKey(db, '会計', 6)).toHaveLength(1);
    expect(listConflicts(a.sqlite)).toEqual([]); // the same texts: nothing to settle
    undoImportNow(b.sqlite, bImport, '鈴木', null);
    await syncAll(dbs, folder);
    for (const db of dbs) expect(issueByKey(db, '会計', 6)).toEqual([]);
    expectSame(dbs);
  });
});

// Team sync through a shared folder: real SQLite files, a real folder, the real engine.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getIssueRow, resolveIssueKey } from '../../db/queries/issues';
import { conflictIssueIds, heldRecords, listConflicts } from '../../db/queries/sync';
import { setComment, setRank } from '../../db/write/evaluations';
import { saveNote } from '../../db/write/notes';
import { emptyChangeSet } from '../../db/write/change-set';
import { applyChangeSet, undoImportNow } from '../../db/write/imports';
import { lockRound, unlockRound } from '../../db/write/rounds';
import { resolveConflict } from '../../db/write/sync-resolve';
import { syncOnce, syncStatus } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import type { Db } from '../../db/open';
import { sharedReplicas } from './helpers';

const syncAll = async (dbs: Db[], folder: string, rounds = 2) => {
  for (let i = 0; i < rounds; i++) for (const db of dbs) expect((await syncOnce(db.sqlite, new FolderTransport(folder))).ok).toBe(true);
};

describe('team sync through a shared folder', () => {
  it('a rank set on one PC reaches the others; every copy ends byte-identical', async () => {
    const { folder, dbs } = await sharedReplicas(3);
    const [a, b, c] = dbs as [Db, Db, Db];
    const issue = resolveIssueKey(a.sqlite, '会計-A-1')!;
    setRank(a.sqlite, { issueId: issue, roundId: 1, rank: '3', actor: '佐藤' });
    setComment(b.sqlite, { issueId: issue, roundId: 1, comment: '進捗を確認', actor: '鈴木' });
    expect(syncStatus(a.sqlite).pending).toBe(1);
    await syncAll(dbs, folder);
    for (const db of dbs) {
      const row = getIssueRow(db.sqlite, issue, 1)!;
      expect([row.rank, row.comment]).toEqual(['3', '進捗を確認']);
    }
    expect(syncStatus(a.sqlite).pending).toBe(0);
    const dump = syncCanonicalDump(a.sqlite);
    expect(syncCanonicalDump(b.sqlite)).toBe(dump);
    expect(syncCanonicalDump(c.sqlite)).toBe(dump);
    // The audit log is the union: B's log has A's rank change.
    const actions = b.sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'evaluation.rank'").pluck().all();
    expect(actions).toContain('佐藤');
  });

  it('rank: the later stamp wins whatever order the files arrive in; the loser stays in the history', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    const issue = resolveIssueKey(a.sqlite, '会計-A-1')!;
    setRank(a.sqlite, { issueId: issue, roundId: 1, rank: '1', actor: '佐藤' });
    await new Promise((r) => setTimeout(r, 5));
    setRank(b.sqlite, { issueId: issue, roundId: 1, rank: '3', actor: '鈴木' });
    await syncAll([b, a], folder);
    expect(getIssueRow(a.sqlite, issue, 1)!.rank).toBe('3');
    expect(getIssueRow(b.sqlite, issue, 1)!.rank).toBe('3');
    expect(a.sqlite.prepare("SELECT count(*) FROM sync_records WHERE kind = 'evaluation' AND field = 'rank'").pluck().get()).toBe(2);
    expect(syncCanonicalDump(a.sqlite)).toBe(syncCanonicalDump(b.sqlite));
  });

  it('事務局メモ: two edits from the same text are a conflict (要確認) on every PC until someone resolves it', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    const issue = resolveIssueKey(a.sqlite, '#133')!; // the sample issue with two versions
    const versions = a.sqlite.prepare('SELECT id FROM issue_versions WHERE issue_id = ? ORDER BY id').pluck().all(issue) as number[];
    expect(versions.length).toBeGreaterThanOrEqual(2);
    const note = (db: Db, text: string, actor: string) => saveNote(db.sqlite, { issueId: issue, fromVersionId: versions[0]!, toVersionId: versions[1]!, note: text, actor });
    note(a, 'Aの見方', '佐藤');
    note(b, 'Bの見方', '鈴木');
    await syncAll(dbs, folder);
    for (const db of dbs) expect(conflictIssueIds(db.sqlite)).toEqual([issue]);
    const [conflict] = listConflicts(b.sqlite);
    expect(conflict!.heads.map((h) => h.value).sort()).toEqual(['Aの見方', 'Bの見方']);
    resolveConflict(b.sqlite, { kind: conflict!.kind, key: conflict!.key, field: conflict!.field, value: 'Aの見方・Bの見方', actor: '鈴木' });
    await syncAll(dbs, folder);
    for (const db of dbs) {
      expect(conflictIssueIds(db.sqlite)).toEqual([]);
      expect(db.sqlite.prepare('SELECT note FROM comparison_notes WHERE issue_id = ?').pluck().all(issue)).toContain('Aの見方・Bの見方');
    }
    expect(syncCanonicalDump(a.sqlite)).toBe(syncCanonicalDump(b.sqlite));
    // A later edit that started from the resolved text is no conflict.
    note(a, 'まとめ', '佐藤');
    await syncAll(dbs, folder);
    expect(conflictIssueIds(b.sqlite)).toEqual([]);
  });

  it('a locked round holds changes stamped after the lock (listed, not dropped) and applies them on unlock', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    const issue = resolveIssueKey(a.sqlite, '会計-A-1')!;
    const before = getIssueRow(a.sqlite, issue, 1)!.rank;
    lockRound(a.sqlite, 1, '佐藤');
    await new Promise((r) => setTimeout(r, 5));
    setRank(b.sqlite, { issueId: issue, roundId: 1, rank: before === '3' ? '1' : '3', actor: '鈴木' }); // B has not seen the lock yet
    await syncAll([a, b], folder);
    for (const db of dbs) expect(getIssueRow(db.sqlite, issue, 1)!.rank).toBe(before);
    expect(syncCanonicalDump(a.sqlite)).toBe(syncCanonicalDump(b.sqlite));
    for (const db of dbs) expect(heldRecords(db.sqlite).map((r) => [r.actor.user, r.field, r.after])).toEqual([['鈴木', 'rank', before === '3' ? '1' : '3']]);
    unlockRound(a.sqlite, 1, '修正のため', '佐藤');
    await syncAll([a, b], folder);
    for (const db of dbs) expect(getIssueRow(db.sqlite, issue, 1)!.rank).not.toBe(before);
    expect(heldRecords(b.sqlite)).toEqual([]);
    expect(syncCanonicalDump(a.sqlite)).toBe(syncCanonicalDump(b.sqlite));
  });

  it('faults: a leftover temporary file and a truncated file are reported and never applied; an unreachable share keeps changes', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    const issue = resolveIssueKey(a.sqlite, '会計-A-1')!;
    setRank(a.sqlite, { issueId: issue, roundId: 1, rank: '3', actor: '佐藤' });
    await syncOnce(a.sqlite, new FolderTransport(folder));
    const actorDir = join(folder, 'actors', readdirSync(join(folder, 'actors'))[0]!);
    const { utimesSync } = await import('node:fs');
    writeFileSync(join(actorDir, '.tmp-dead-0000000002.xpwc'), '{"format":"xpw-');
    utimesSync(join(actorDir, '.tmp-dead-0000000002.xpwc'), new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    writeFileSync(join(actorDir, '0000000003.xpwc'), '{"format":"xpw-changes","formatVersion":1,"records":[{"id":"x"');
    const r = await syncOnce(b.sqlite, new FolderTransport(folder));
    expect(r.ok).toBe(true);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(/一時ファイル[\s\S]*途中で切れている/);
    expect(getIssueRow(b.sqlite, issue, 1)!.rank).toBe('3');
    // The share is gone: the change stays local, the status says so.
    setRank(b.sqlite, { issueId: issue, roundId: 1, rank: '1', actor: '鈴木' });
    const off = await syncOnce(b.sqlite, new FolderTransport(join(folder, 'gone')));
    expect(off.ok).toBe(false);
    expect(syncStatus(b.sqlite)).toMatchObject({ pending: 1, error: expect.stringMatching(/共有フォルダに接続できません/) });
  });
});

describe('imports travel as one batch, their undo as another', () => {
  it('an import’s ranks reach the other PC under one batch id; undoing it there too', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    const set = emptyChangeSet();
    set.evaluations.push({ issue: { id: 1 }, roundId: 1, rank: '1', comment: '取り込んだ所見' }, { issue: { id: 2 }, roundId: 1, rank: '3' });
    const meta = { kind: 'list' as const, fileName: '一覧.xlsx', sha256: 'x'.repeat(64), actor: '佐藤', counts: { new: 0, changed: 2, unchanged: 0, rejected: 0 } };
    const importId = applyChangeSet(a.sqlite, set, meta, null);
    const batches = a.sqlite.prepare("SELECT DISTINCT batch FROM sync_records WHERE action = 'import'").pluck().all();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toBeTruthy();
    await syncAll(dbs, folder);
    expect([getIssueRow(b.sqlite, 1, 1)!.rank, getIssueRow(b.sqlite, 1, 1)!.comment, getIssueRow(b.sqlite, 2, 1)!.rank]).toEqual(['1', '取り込んだ所見', '3']);
    undoImportNow(a.sqlite, importId, '佐藤', null);
    const undoBatches = a.sqlite.prepare("SELECT DISTINCT batch FROM sync_records WHERE action = 'import.undo'").pluck().all();
    expect(undoBatches).toHaveLength(1);
    expect(undoBatches[0]).not.toBe(batches[0]);
    await syncAll(dbs, folder);
    expect(getIssueRow(b.sqlite, 1, 1)!.rank).toBe(getIssueRow(a.sqlite, 1, 1)!.rank);
    expect(getIssueRow(b.sqlite, 1, 1)!.comment).not.toBe('取り込んだ所見');
    expect(syncCanonicalDump(a.sqlite)).toBe(syncCanonicalDump(b.sqlite));
  });
});

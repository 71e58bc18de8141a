// A bulk rank / 所見 change (one audit entry for many issues, db/write/evaluations-bulk.ts) and its
// undo reach the other PCs row by row: each issue becomes its own field records, so a rank given
// to 50 selected rows on one PC shows on every PC, and so does undoing it.
import { describe, expect, it } from 'vitest';
import { getIssueRow } from '../../db/queries/issues';
import { setEvaluationsBulk, undoBulk } from '../../db/write/evaluations-bulk';
import { syncOnce, syncStatus } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import type { Db } from '../../db/open';
import { sharedReplicas } from './helpers';

const syncAll = async (dbs: Db[], folder: string) => {
  for (let i = 0; i < 2; i++) for (const db of dbs) expect((await syncOnce(db.sqlite, new FolderTransport(folder))).ok).toBe(true);
};

const ids = Array.from({ length: 50 }, (_, i) => i + 1);
const values = (db: Db, field: 'rank' | 'comment') => ids.map((id) => getIssueRow(db.sqlite, id, 1)![field]);

describe('bulk changes in team sync', () => {
  it('a bulk rank, a bulk 所見 and their undo reach the other PC issue by issue', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    const ranksBefore = values(b, 'rank');
    const target = ranksBefore[0] === '1' ? '2' : '1';

    const rank = setEvaluationsBulk(a.sqlite, { roundId: 1, field: 'rank', items: ids.map((issueId) => ({ issueId, value: target })), actor: '佐藤' });
    expect(rank.changed).toBeGreaterThan(0);
    // One record per changed row's rank (and per confirmed 繰越), not one for the whole change.
    expect(syncStatus(a.sqlite).pending).toBeGreaterThanOrEqual(rank.changed);
    const comment = setEvaluationsBulk(a.sqlite, { roundId: 1, field: 'comment', items: ids.map((issueId) => ({ issueId, value: `一括所見 ${issueId}` })), actor: '佐藤' });
    expect(comment.changed).toBe(50);

    await syncAll(dbs, folder);
    expect(values(b, 'rank')).toEqual(ids.map(() => target));
    expect(values(b, 'comment')).toEqual(ids.map((id) => `一括所見 ${id}`));
    expect(syncCanonicalDump(b.sqlite)).toBe(syncCanonicalDump(a.sqlite));
    // B's panel can say who changed it: the records carry the actor.
    const who = b.sqlite.prepare("SELECT DISTINCT actor_user FROM sync_records WHERE kind = 'evaluation' AND field = 'rank' AND action = 'evaluation.bulk'").pluck().all();
    expect(who).toEqual(['佐藤']);

    undoBulk(a.sqlite, rank.auditId!, '佐藤');
    await syncAll(dbs, folder);
    expect(values(b, 'rank')).toEqual(ranksBefore);
    expect(values(b, 'comment')).toEqual(ids.map((id) => `一括所見 ${id}`));
    expect(syncCanonicalDump(b.sqlite)).toBe(syncCanonicalDump(a.sqlite));
    for (const db of dbs) db.close();
  });
});

// 所見 that arrive from another PC (db/write/sync-apply.ts) are searchable there at once, and a
// 所見 changed on the other PC is no longer found by its old text.
import { describe, expect, it } from 'vitest';
import { listIssues } from '../../db/queries/issues';
import { setComment } from '../../db/write/evaluations';
import { syncOnce } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import type { Db } from '../../db/open';
import { sharedReplicas } from './helpers';

const syncAll = async (dbs: Db[], folder: string) => {
  for (let i = 0; i < 2; i++) for (const db of dbs) expect((await syncOnce(db.sqlite, new FolderTransport(folder))).ok).toBe(true);
};
const search = (db: Db, text: string) => listIssues(db.sqlite, { roundId: 1, text, offset: 0, limit: 100 }).rows.map((r) => r.id);

describe('search over 所見 in team sync', () => {
  it('finds a 所見 written on another PC after the sync, and not its old text after a later change', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    expect(search(b, '鷺沼')).toEqual([]);
    setComment(a.sqlite, { issueId: 3, roundId: 1, actor: '佐藤', comment: '鷺沼地区で試行' });
    await syncAll(dbs, folder);
    expect(search(b, '鷺沼')).toEqual([3]);
    setComment(a.sqlite, { issueId: 3, roundId: 1, actor: '佐藤', comment: '雁木の件' });
    await syncAll(dbs, folder);
    expect(search(b, '鷺沼')).toEqual([]);
    expect(search(b, '雁木')).toEqual([3]);
    for (const db of dbs) db.close();
  });
});

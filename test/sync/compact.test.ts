// `xpw share compact`: the lead's copy becomes a new verified snapshot and the change files it covers
// move into the share's archive (never deleted). Clients keep working; a PC that was offline behind
// the snapshot takes the snapshot's records on its next pass, keeping its own unsent work; a new PC
// joins from the snapshot. Every copy ends byte-identical.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { getIssueRow } from '../../db/queries/issues';
import { setComment, setRank } from '../../db/write/evaluations';
import { syncOnce, syncStatus } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { compactShare, joinShare } from '../../electron/services/sync/share';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import { tempDir } from '../helpers/temp';
import { importNewIssue } from './fixtures/structural-edits';
import { sharedReplicas } from './helpers';

const pass = async (db: Db, folder: string) => {
  const r = await syncOnce(db.sqlite, new FolderTransport(folder));
  expect(r.ok, r.message ?? '').toBe(true);
  return r;
};

/** Every .xpwc file under a folder, recursively (relative names). */
function changeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.xpwc'));
}

describe('share compact', () => {
  it('archives the change files behind a verified snapshot; a PC behind it catches up, a new PC joins from it', async () => {
    const { folder, dbs } = await sharedReplicas(3);
    const [lead, b, late] = dbs as [Db, Db, Db];
    setRank(lead.sqlite, { issueId: 1, roundId: 1, rank: '1', actor: '佐藤' });
    setComment(b.sqlite, { issueId: 2, roundId: 1, comment: '鈴木の所見', actor: '鈴木' });
    for (const db of dbs) await pass(db, folder);
    // `late` goes offline: it keeps editing, it hears nothing more.
    setComment(late.sqlite, { issueId: 3, roundId: 1, comment: 'オフラインで書いた所見', actor: '高橋' });
    importNewIssue(b.sqlite, { number: 4, content: '新しい課題の内容', rank: '2', actor: '鈴木' });
    setRank(b.sqlite, { issueId: 5, roundId: 1, rank: '3', actor: '鈴木' });
    await pass(b, folder);

    const before = changeFiles(join(folder, 'actors')).length;
    const r = await compactShare(lead.sqlite, '佐藤', new FolderTransport(folder));
    expect(r.archived).toBeGreaterThanOrEqual(3);
    // Nothing deleted: every file is either still in actors/ or in archive/.
    expect(changeFiles(join(folder, 'actors')).length + changeFiles(join(folder, 'archive')).length).toBe(before);
    expect(changeFiles(join(folder, 'archive'))).toHaveLength(r.archived);
    expect(existsSync(join(folder, 'xpw-compacted.json'))).toBe(true);

    // B keeps working as before.
    setRank(b.sqlite, { issueId: 6, roundId: 1, rank: '1', actor: '鈴木' });
    await pass(b, folder);

    // The PC behind the snapshot: its next pass takes the snapshot's records, keeps and sends its own.
    const caught = await pass(late, folder);
    expect(caught.applied).toBeGreaterThan(0);
    expect(syncStatus(late.sqlite).pending).toBe(0);
    expect(getIssueRow(late.sqlite, 5, 1)!.rank).toBe('3');
    expect(getIssueRow(late.sqlite, 3, 1)!.comment).toBe('オフラインで書いた所見');

    // A new PC joins from the compacted snapshot.
    const file = join(tempDir(), 'xpw.sqlite');
    await joinShare(folder, file, { pc: 'PC-9' });
    const joined = await openDatabase(file);
    const all = [...dbs, joined];
    for (let i = 0; i < 2; i++) for (const db of all) await pass(db, folder);
    const dumps = all.map((d) => syncCanonicalDump(d.sqlite));
    for (const d of dumps) expect(d).toBe(dumps[0]);
    expect(getIssueRow(joined.sqlite, 6, 1)!.rank).toBe('1');
    expect(joined.sqlite.prepare("SELECT count(*) FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE o.short_name = '会計' AND i.number = 4").pluck().get()).toBe(1);
    for (const db of all) db.close();
  }, 60_000);
});

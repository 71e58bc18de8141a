// The same team sync over a real SMB share (Samba on 127.0.0.1, mounted with smbnetfs): three real
// processes with SIGKILLs converge, and the share's faults are reported, never applied.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { getIssueRow } from '../../db/queries/issues';
import { setRank } from '../../db/write/evaluations';
import { syncOnce, syncStatus } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import { startSmbShare, type SmbShare } from '../helpers/smb';
import { runKillRestart, sharedReplicas } from './helpers';

let smb: SmbShare;
beforeAll(async () => {
  smb = await startSmbShare();
}, 30_000);
afterAll(() => smb?.stop());

describe('team sync over a real SMB share', () => {
  it('three processes with SIGKILLs converge through the share; nothing acknowledged is lost', async () => {
    const folder = join(smb.path, 'dataset-kill');
    mkdirSync(folder);
    const { dbs } = await sharedReplicas(3, folder);
    const files = dbs.map((d) => d.file);
    for (const d of dbs) d.close();
    const { acked, kills } = await runKillRestart(folder, files, 3000);
    expect(kills).toBeGreaterThanOrEqual(3);
    const reopened: Db[] = [];
    for (const f of files) reopened.push(await openDatabase(f));
    for (let round = 0; round < 2; round++) for (const d of reopened) expect((await syncOnce(d.sqlite, new FolderTransport(folder))).ok).toBe(true);
    const dumps = reopened.map((d) => syncCanonicalDump(d.sqlite));
    expect(dumps[1]).toBe(dumps[0]);
    expect(dumps[2]).toBe(dumps[0]);
    for (const d of reopened) {
      const ids = new Set(d.sqlite.prepare('SELECT id FROM sync_records').pluck().all() as string[]);
      expect([...acked].filter((id) => !ids.has(id))).toEqual([]);
      d.close();
    }
  }, 90_000);

  it('a truncated file and a newer-version file on the share are reported and not applied', async () => {
    const folder = join(smb.path, 'dataset-faults');
    mkdirSync(folder);
    const { dbs } = await sharedReplicas(2, folder);
    const [a, b] = dbs as [Db, Db];
    setRank(a.sqlite, { issueId: 1, roundId: 1, rank: '3', actor: '佐藤' });
    expect((await syncOnce(a.sqlite, new FolderTransport(folder))).ok).toBe(true);
    const actorDir = join(smb.served, 'dataset-faults', 'actors', readdirSync(join(smb.served, 'dataset-faults', 'actors'))[0]!);
    writeFileSync(join(actorDir, '0000000002.xpwc'), '{"format":"xpw-changes","formatVersion":1,"dataVersion":1,"records":[{"id":');
    const body = JSON.stringify([]);
    writeFileSync(join(actorDir, '0000000003.xpwc'), JSON.stringify({ format: 'xpw-changes', formatVersion: 1, dataVersion: 999, actorId: actorDir.split('/').pop(), seq: 3, sha256: createHash('sha256').update(body).digest('hex'), records: [] }));
    const r = await syncOnce(b.sqlite, new FolderTransport(folder));
    expect(r.ok).toBe(true);
    const messages = r.problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/途中で切れている/);
    expect(messages).toMatch(/新しい版のアプリ/);
    expect(getIssueRow(b.sqlite, 1, 1)!.rank).toBe('3');
    expect(syncStatus(b.sqlite).problems.length).toBe(2);
    for (const d of dbs) d.close();
  }, 60_000);
});

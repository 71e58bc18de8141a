// The same team sync over a real SMB share (Samba on 127.0.0.1, mounted with smbnetfs): three real
// processes with SIGKILLs converge, the share's faults are reported, never applied, and a share
// unmounted in the middle of a pass fails that pass cleanly and converges after it is back.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { getIssueRow } from '../../db/queries/issues';
import { setRank } from '../../db/write/evaluations';
import { setComment } from '../../db/write/evaluations';
import { readSyncState } from '../../db/queries/sync';
import { syncOnce, syncStatus } from '../../electron/services/sync/engine';
import type { ChangeBatch, Actor } from '../../electron/services/sync/transport';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import { startSmbShare, type SmbShare } from '../helpers/smb';
import { reopenConverged, runKillRestart, sharedReplicas } from './helpers';

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
    for (const d of await reopenConverged(folder, files, acked)) d.close();
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

  it('the share unmounted mid-sync: the pass fails with 共有フォルダに接続できません, nothing local is lost, nothing half-read is applied; after remount it converges', async () => {
    const name = 'dataset-unmount';
    const folder = join(smb.path, name);
    mkdirSync(folder);
    const { dbs } = await sharedReplicas(2, folder);
    const [a, b] = dbs as [Db, Db];
    // A writes 150 change files (straight into the served folder: fast, the same files).
    const behind = new FolderTransport(join(smb.served, name));
    for (let i = 0; i < 150; i++) {
      setComment(a.sqlite, { issueId: 1 + (i % 20), roundId: 1, comment: `所見 ${i}`, actor: '佐藤' });
      expect((await syncOnce(a.sqlite, behind)).ok).toBe(true);
    }
    setRank(b.sqlite, { issueId: 30, roundId: 1, rank: '1', actor: '鈴木' });
    setComment(b.sqlite, { issueId: 31, roundId: 1, comment: 'Bの所見', actor: '鈴木' });
    const aRecords = () => b.sqlite.prepare("SELECT count(*) FROM sync_records WHERE actor_user = '佐藤'").pluck().get() as number;
    const cursorBefore = readSyncState(b.sqlite, 'cursor');

    // 1. Unmounted while B pulls A's 150 files: the pull is under way when the mount goes.
    class UnmountDuringPull extends FolderTransport {
      override async pull(cursor: string) {
        const pulling = super.pull(cursor);
        pulling.catch(() => undefined); // handled by the engine below; not "unhandled" while the unmount runs
        await smb.unmount();
        return pulling;
      }
    }
    const r1 = await syncOnce(b.sqlite, new UnmountDuringPull(folder));
    expect(r1.ok).toBe(false);
    expect(r1.message).toMatch(/共有フォルダに接続できません/);
    expect(r1.pushed).toBe(2); // B's own batch had landed before the mount went
    expect(aRecords()).toBe(0); // nothing of the half-read pull applied
    expect(readSyncState(b.sqlite, 'cursor')).toBe(cursorBefore);
    expect(syncStatus(b.sqlite).error).toMatch(/共有フォルダに接続できません/);
    expect(getIssueRow(b.sqlite, 30, 1)!.rank).toBe('1');
    await smb.remount();

    // 2. Unmounted as B starts to send: its records stay queued, re-sent after the remount.
    setRank(b.sqlite, { issueId: 32, roundId: 1, rank: '3', actor: '鈴木' });
    class UnmountDuringPush extends FolderTransport {
      override async push(batch: ChangeBatch, actor: Actor) {
        await smb.unmount();
        return super.push(batch, actor);
      }
    }
    const r2 = await syncOnce(b.sqlite, new UnmountDuringPush(folder));
    expect(r2.ok).toBe(false);
    expect(r2.message).toMatch(/共有フォルダに接続できません/);
    expect(r2.pending).toBe(1);
    await smb.remount();

    // Back: the next passes converge.
    const r3 = await syncOnce(b.sqlite, new FolderTransport(folder));
    expect(r3.ok).toBe(true);
    expect(r3.pending).toBe(0);
    expect(aRecords()).toBe(150);
    expect((await syncOnce(a.sqlite, behind)).ok).toBe(true);
    expect(syncCanonicalDump(b.sqlite)).toBe(syncCanonicalDump(a.sqlite));
    expect(getIssueRow(a.sqlite, 32, 1)!.rank).toBe('3');
    for (const d of dbs) d.close();
  }, 120_000);
});

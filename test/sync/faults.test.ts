// Faults of a shared folder: a PC clock an hour off, a PC offline for 10,000 changes, a share
// written by a newer app (read-only here), a deleted actor folder.
import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { getIssueRow } from '../../db/queries/issues';
import { setComment, setRank } from '../../db/write/evaluations';
import { writeSyncStates } from '../../db/write/sync-records';
import { formatHlc } from '../../db/write/sync-clock';
import { syncOnce, syncStatus } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import { sharedReplicas } from './helpers';

const pass = (db: Db, folder: string) => syncOnce(db.sqlite, new FolderTransport(folder));

describe('faults of the shared folder', () => {
  it('a clock an hour fast is warned about; causality still holds and the copies converge', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    // B's clock runs an hour ahead (its stamps carry that wall time).
    writeSyncStates(b.sqlite, { hlc: formatHlc({ wall: Date.now() + 3600_000, count: 0, node: 'b' }) });
    setRank(b.sqlite, { issueId: 1, roundId: 1, rank: '1', actor: '鈴木' });
    await pass(b, folder);
    await pass(a, folder);
    expect(syncStatus(a.sqlite).skewWarning).toMatchObject({ actor: expect.stringContaining('鈴木') });
    expect(syncStatus(a.sqlite).skewWarning!.ms).toBeGreaterThan(50 * 60_000);
    // A saw B's change: A's answer to it is stamped after it and wins, though A's clock is behind.
    setRank(a.sqlite, { issueId: 1, roundId: 1, rank: '2', actor: '佐藤' });
    await pass(a, folder);
    await pass(b, folder);
    expect(getIssueRow(b.sqlite, 1, 1)!.rank).toBe('2');
    expect(syncCanonicalDump(a.sqlite)).toBe(syncCanonicalDump(b.sqlite));
  });

  it('a PC offline for 10,000 changes reconnects: everything arrives, the copies converge', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    const offline = new FolderTransport(join(folder, 'unplugged'));
    for (let i = 0; i < 10_000; i++) {
      const issueId = 1 + (i % 132);
      if (i % 2) setComment(a.sqlite, { issueId, roundId: 1, comment: `オフライン所見 ${i}`, actor: '佐藤' });
      else setRank(a.sqlite, { issueId, roundId: 1, rank: String(1 + (Math.floor(i / 132) % 3)), actor: '佐藤' });
      if (i % 2500 === 0) expect((await syncOnce(a.sqlite, offline)).ok).toBe(false);
    }
    expect(syncStatus(a.sqlite).pending).toBeGreaterThanOrEqual(10_000);
    expect((await pass(a, folder)).pushed).toBeGreaterThanOrEqual(10_000);
    const got = await pass(b, folder);
    expect(got.applied).toBeGreaterThanOrEqual(10_000);
    expect(syncCanonicalDump(b.sqlite)).toBe(syncCanonicalDump(a.sqlite));
  }, 120_000);

  it('a share migrated by a newer app: this PC reads, does not write, and says to update', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a] = dbs as [Db, Db];
    const metaFile = join(folder, 'xpw-dataset.json');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { dataVersion: number };
    writeFileSync(metaFile, JSON.stringify({ ...meta, dataVersion: meta.dataVersion + 1 }));
    setRank(a.sqlite, { issueId: 1, roundId: 1, rank: '1', actor: '佐藤' });
    const r = await pass(a, folder);
    expect(r).toMatchObject({ ok: true, readOnly: true, pushed: 0, pending: 1 });
    expect(r.message).toMatch(/アプリを更新してください/);
    expect(readdirSync(join(folder, 'actors'))).toEqual([]);
  });

  it('an actor folder deleted on the share: the others keep what they have and go on', async () => {
    const { folder, dbs } = await sharedReplicas(3);
    const [a, b, c] = dbs as [Db, Db, Db];
    setRank(a.sqlite, { issueId: 1, roundId: 1, rank: '1', actor: '佐藤' });
    await pass(a, folder);
    await pass(b, folder);
    rmSync(join(folder, 'actors'), { recursive: true });
    setRank(c.sqlite, { issueId: 2, roundId: 1, rank: '3', actor: '田中' });
    expect((await pass(c, folder)).ok).toBe(true);
    expect((await pass(b, folder)).ok).toBe(true);
    expect(getIssueRow(b.sqlite, 1, 1)!.rank).toBe('1');
    expect(getIssueRow(b.sqlite, 2, 1)!.rank).toBe('3');
  });
});

describe('leftover temporary files', () => {
  it('a PC removes its own stale temporary file and leaves other PCs’ alone (reported there)', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    setRank(a.sqlite, { issueId: 1, roundId: 1, rank: '1', actor: '佐藤' });
    setRank(b.sqlite, { issueId: 2, roundId: 1, rank: '1', actor: '鈴木' });
    await pass(a, folder);
    await pass(b, folder);
    const actorOf = (db: Db) => db.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'actorId'").pluck().get() as string;
    const old = new Date(Date.now() - 3600_000);
    for (const db of dbs) {
      const f = join(folder, 'actors', actorOf(db), '.tmp-crashed-0000000009.xpwc');
      writeFileSync(f, '{"format"');
      utimesSync(f, old, old);
    }
    const r = await pass(a, folder);
    expect(readdirSync(join(folder, 'actors', actorOf(a))).some((n) => n.startsWith('.tmp-'))).toBe(false);
    expect(readdirSync(join(folder, 'actors', actorOf(b))).some((n) => n.startsWith('.tmp-'))).toBe(true);
    expect(r.problems).toEqual([expect.objectContaining({ where: expect.stringContaining(actorOf(b)), message: expect.stringMatching(/一時ファイル/) })]);
  });
});

describe('a newer app migrates the share', () => {
  it('raises the share’s data version under the lock; waits for a live holder, takes over an expired one', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a] = dbs as [Db, Db];
    const metaFile = join(folder, 'xpw-dataset.json');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { dataVersion: number };
    const current = meta.dataVersion;
    writeFileSync(metaFile, JSON.stringify({ ...meta, dataVersion: current - 1 })); // written by an older app
    const lock = join(folder, 'xpw-migrate.lock');
    writeFileSync(lock, '{"holder":"another-pc"}');
    expect((await pass(a, folder)).ok).toBe(true);
    expect(JSON.parse(readFileSync(metaFile, 'utf8')).dataVersion).toBe(current - 1); // a live holder: not now
    const old = new Date(Date.now() - 3600_000);
    utimesSync(lock, old, old); // its holder died an hour ago
    expect((await pass(a, folder)).ok).toBe(true);
    expect(JSON.parse(readFileSync(metaFile, 'utf8')).dataVersion).toBe(current);
    expect(readdirSync(folder)).not.toContain('xpw-migrate.lock');
  });
});

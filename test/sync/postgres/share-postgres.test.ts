// The one sync engine over PostgreSQL (issue 13): real SQLite replicas, a real PostgreSQL server,
// the real engine. Round trip; the server stopped and started mid-sync; a PC with 10,000 changes
// made offline reconnecting; a folder dataset moved to the server without losing a change.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/open';
import { getIssueRow } from '../../../db/queries/issues';
import { readSyncState } from '../../../db/queries/sync';
import { setComment, setRank } from '../../../db/write/evaluations';
import { syncOnce, syncStatus } from '../../../electron/services/sync/engine';
import { FolderTransport } from '../../../electron/services/sync/folder-transport';
import { moveShare } from '../../../electron/services/sync/move-share';
import { PgTransport } from '../../../electron/services/sync/postgres/pg-transport';
import { compactShare, createShare, joinShare, transportFor } from '../../../electron/services/sync/share';
import { syncCanonicalDump } from '../../../electron/services/snapshot/sync-canonical';
import { setupXpwDatabase, startPg, type PgServer, type XpwDatabase } from '../../helpers/postgres';
import { sampleDb, tempDir } from '../../helpers/temp';
import { sharedReplicas } from '../helpers';

let server: PgServer;
let dbCount = 0;
const savedEnv = process.env.XPW_PG_PASSWORD;

beforeAll(async () => {
  server = await startPg();
}, 60_000);
afterAll(() => {
  server?.destroy();
  if (savedEnv === undefined) delete process.env.XPW_PG_PASSWORD;
  else process.env.XPW_PG_PASSWORD = savedEnv;
});

/** A fresh server database per test (the DBA's script), the client password in the environment as for the CLI. */
async function freshServer(): Promise<XpwDatabase> {
  const x = await setupXpwDatabase(server, `xpw_${++dbCount}`);
  process.env.XPW_PG_PASSWORD = x.client.password;
  return x;
}

async function pgReplicas(n: number, url: string): Promise<Db[]> {
  const first = await sampleDb();
  await createShare(first.sqlite, url, { name: 'テスト共有', user: '佐藤', pc: 'PC-1' });
  const dbs = [first];
  for (let i = 2; i <= n; i++) {
    const file = join(tempDir(), 'xpw.sqlite');
    await joinShare(url, file, { pc: `PC-${i}` });
    dbs.push(await openDatabase(file));
  }
  return dbs;
}

const issueIds = (db: Db): number[] => db.sqlite.prepare('SELECT id FROM issues ORDER BY id').pluck().all() as number[];
const comment = (db: Db, issue: number): string | null => getIssueRow(db.sqlite, issue, 1)!.comment;
const syncAll = async (dbs: Db[], url: string, rounds = 2): Promise<void> => {
  for (let i = 0; i < rounds; i++) for (const db of dbs) expect((await syncOnce(db.sqlite, transportFor(url))).ok).toBe(true);
};

describe('team sync through PostgreSQL', () => {
  it('a rank and a comment made on two PCs reach all three; canonical exports identical; no password stored', async () => {
    const x = await freshServer();
    const url = x.client.url;
    const dbs = await pgReplicas(3, `postgresql://${x.client.user}:${encodeURIComponent(x.client.password)}@127.0.0.1:${server.port}/${x.database}`);
    const [a, b] = dbs as [Db, Db, Db];
    const issue = issueIds(a)[0]!;
    setRank(a.sqlite, { issueId: issue, roundId: 1, rank: '3', actor: '佐藤' });
    setComment(b.sqlite, { issueId: issue, roundId: 1, comment: 'サーバー経由', actor: '鈴木' });
    await syncAll(dbs, url);
    for (const db of dbs) expect([getIssueRow(db.sqlite, issue, 1)!.rank, comment(db, issue)]).toEqual(['3', 'サーバー経由']);
    const dump = syncCanonicalDump(a.sqlite);
    for (const db of dbs) expect(syncCanonicalDump(db.sqlite)).toBe(dump);
    for (const db of dbs) {
      expect(syncStatus(db.sqlite).location).toBe(url);
      const all = db.sqlite.prepare('SELECT value FROM sync_state').pluck().all().join('\n');
      expect(all).not.toContain(x.client.password);
    }
    expect(syncCanonicalDump(a.sqlite)).not.toContain(x.client.password);
    // The lead's compaction leaves a newer snapshot on the server; a newcomer starts from it.
    await compactShare(a.sqlite, '佐藤');
    const snap = await new PgTransport(url).getSnapshot();
    expect(Number(snap!.info.cursor)).toBeGreaterThan(0);
    const dFile = join(tempDir(), 'xpw.sqlite');
    await joinShare(url, dFile, { pc: 'PC-4' });
    const d = await openDatabase(dFile);
    expect(readSyncState(d.sqlite, 'cursor')).toBe(snap!.info.cursor);
    expect((await syncOnce(d.sqlite, transportFor(url))).applied).toBe(0);
    expect(syncCanonicalDump(d.sqlite)).toBe(dump);
    d.close();
  });

  it('PostgreSQL stopped and started mid-sync: changes wait on the PC, nothing acknowledged is lost, all converge', async () => {
    const x = await freshServer();
    const url = x.client.url;
    const dbs = await pgReplicas(3, url);
    const ids = issueIds(dbs[0]!).slice(0, 30);
    const last = new Map<number, string>();
    let failures = 0;
    for (let step = 0; step < 24; step++) {
      if (step === 8) server.stop();
      if (step === 14) server.start();
      for (let r = 0; r < 3; r++) {
        // Each issue has one writer, so its final comment is known: the last one written.
        const issue = ids[(step * 3 + r) % ids.length]!;
        const text = `PC${r + 1} 手順${step}`;
        const owner = dbs[ids.indexOf(issue) % 3]!;
        setComment(owner.sqlite, { issueId: issue, roundId: 1, comment: text, actor: `職員${r}` });
        last.set(issue, text);
        const res = await syncOnce(dbs[r]!.sqlite, new PgTransport(url, { attempts: 2, backoffMs: 20, connectTimeoutMs: 1_000 }));
        if (!res.ok) {
          failures++;
          expect(res.message).toMatch(/接続できません/);
        }
      }
    }
    expect(failures).toBeGreaterThan(0);
    await syncAll(dbs, url);
    for (const db of dbs) {
      expect(syncStatus(db.sqlite).pending).toBe(0);
      for (const [issue, text] of last) expect(comment(db, issue)).toBe(text);
    }
    const dump = syncCanonicalDump(dbs[0]!.sqlite);
    for (const db of dbs) expect(syncCanonicalDump(db.sqlite)).toBe(dump);
  });

  it('the first newer app raises the data version of the dataset under the server lock', async () => {
    const x = await freshServer();
    const url = x.client.url;
    const [a] = (await pgReplicas(1, url)) as [Db];
    const t = new PgTransport(url);
    const meta = (await t.readMeta())!;
    await t.writeMeta({ ...meta, dataVersion: meta.dataVersion - 1 }); // as an older app left it
    expect((await syncOnce(a.sqlite, transportFor(url))).ok).toBe(true);
    expect((await t.readMeta())!.dataVersion).toBe(meta.dataVersion);
    t.close();
  });

  it('a server schema newer than this app: the pass says to update the app and keeps the changes', async () => {
    const x = await freshServer();
    const url = x.client.url;
    const [a] = (await pgReplicas(1, url)) as [Db];
    const owner = new PgTransport(x.owner.url, { password: x.owner.password });
    await owner.session((c) => c.query(`UPDATE xpw.meta SET value = '99' WHERE key = 'server_schema'`));
    owner.close();
    setComment(a.sqlite, { issueId: issueIds(a)[0]!, roundId: 1, comment: '新しいサーバーの前で', actor: '佐藤' });
    const r = await syncOnce(a.sqlite, transportFor(url));
    expect(r).toMatchObject({ ok: false, pending: 1 });
    expect(r.message).toMatch(/アプリを更新してください/);
    expect(syncStatus(a.sqlite).error).toMatch(/アプリを更新してください/);
  });

  it('a PC offline with 10,000 changes reconnects: all arrive, the copies converge', async () => {
    const x = await freshServer();
    const url = x.client.url;
    const [a, b] = (await pgReplicas(2, url)) as [Db, Db];
    const ids = issueIds(b);
    server.stop();
    try {
      for (let i = 0; i < 10_000; i++) setComment(b.sqlite, { issueId: ids[i % ids.length]!, roundId: 1, comment: `オフライン ${i}`, actor: '鈴木' });
      const off = await syncOnce(b.sqlite, new PgTransport(url, { attempts: 1, connectTimeoutMs: 500 }));
      expect(off.ok).toBe(false);
      expect(off.pending).toBe(10_000);
    } finally {
      server.start();
    }
    const back = await syncOnce(b.sqlite, transportFor(url));
    expect(back).toMatchObject({ ok: true, pushed: 10_000, pending: 0 });
    const got = await syncOnce(a.sqlite, transportFor(url));
    expect(got.applied).toBe(10_000);
    for (let k = 1; k <= ids.length; k++) {
      const i = 10_000 - k;
      expect(comment(a, ids[i % ids.length]!)).toBe(`オフライン ${i}`);
    }
    expect(syncCanonicalDump(a.sqlite)).toBe(syncCanonicalDump(b.sqlite));
  }, 120_000);

  it('share move: a folder dataset goes to the server with every change; colleagues follow; a newcomer joins from the server', async () => {
    const x = await freshServer();
    const url = x.client.url;
    const folder = join(tempDir('xpw-share-'), 'share');
    mkdirSync(folder, { recursive: true });
    const { dbs } = await sharedReplicas(2, folder);
    const [a, b] = dbs as [Db, Db];
    const ids = issueIds(a);
    for (let i = 0; i < 20; i++) setComment((i % 2 ? a : b).sqlite, { issueId: ids[i]!, roundId: 1, comment: `フォルダ時代 ${i}`, actor: i % 2 ? '佐藤' : '鈴木' });
    for (const db of dbs) await syncOnce(db.sqlite, new FolderTransport(folder));
    // The folder was compacted once: its older change files are in its archive, and move them too.
    expect((await compactShare(a.sqlite, '佐藤', new FolderTransport(folder))).archived).toBeGreaterThan(0);
    // B has one more change it has not sent yet when the lead moves.
    setRank(b.sqlite, { issueId: ids[40]!, roundId: 1, rank: '2', actor: '鈴木' });
    const folderRecords = async (): Promise<Set<string>> => new Set((await new FolderTransport(folder).pullAll()).batches.flatMap((bt) => bt.records.map((r) => r.id)));
    const before = await folderRecords();

    const lead = await moveShare(a.sqlite, url, { user: '佐藤' });
    expect(lead).toMatchObject({ first: true, to: url });
    expect(readSyncState(a.sqlite, 'location')).toBe(url);
    const onServer = async (): Promise<Set<string>> => new Set((await new PgTransport(url).pull('')).batches.flatMap((bt) => bt.records.map((r) => r.id)));
    for (const id of before) expect((await onServer()).has(id)).toBe(true);

    const follow = await moveShare(b.sqlite, url, { user: '鈴木' });
    expect(follow.first).toBe(false);
    const after = await onServer();
    for (const id of await folderRecords()) expect(after.has(id)).toBe(true);
    expect(after.size).toBe((await folderRecords()).size);

    await syncAll([a, b], url);
    const cFile = join(tempDir(), 'xpw.sqlite');
    await joinShare(url, cFile, { pc: 'PC-3' });
    const c = await openDatabase(cFile);
    await syncAll([a, b, c], url);
    for (const db of [a, b, c]) {
      for (let i = 0; i < 20; i++) expect(comment(db, ids[i]!)).toBe(`フォルダ時代 ${i}`);
      expect(getIssueRow(db.sqlite, ids[40]!, 1)!.rank).toBe('2');
    }
    const dump = syncCanonicalDump(a.sqlite);
    expect(syncCanonicalDump(b.sqlite)).toBe(dump);
    expect(syncCanonicalDump(c.sqlite)).toBe(dump);
    c.close();
  }, 60_000);
});

// The PostgreSQL transport against a real server: push/pull round trip, idempotent pushes, the
// dataset and snapshots, pulls running during concurrent pushes skip nothing, the server going
// away mid-sync (nothing half-sent, retried, reported as unreachable), passwords and TLS options.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgTransport } from '../../../electron/services/sync/postgres/pg-transport';
import { DEFAULT_ROLES } from '../../../electron/services/sync/postgres/server-schema';
import { TransportUnavailable, type Actor, type ChangeBatch } from '../../../electron/services/sync/transport';
import { setupXpwDatabase, startPg, type PgServer, type XpwDatabase } from '../../helpers/postgres';
import { tempDir } from '../../helpers/temp';

let server: PgServer;
let db: XpwDatabase;
const sato: Actor = { user: '佐藤', pc: 'PC-01' };

beforeAll(async () => {
  server = await startPg();
  db = await setupXpwDatabase(server);
}, 60_000);
afterAll(() => server?.destroy());

const client = (o: ConstructorParameters<typeof PgTransport>[1] = {}): PgTransport => new PgTransport(db.client.url, { password: db.client.password, backoffMs: 50, ...o });

function batch(actorId: string, seq: number, n = 2): ChangeBatch {
  return {
    actorId,
    seq,
    dataVersion: 1,
    records: Array.from({ length: n }, (_, i) => ({
      id: `${actorId}-${seq}-${i}`,
      hlc: `000000${seq}-${i}`,
      actor: sato,
      action: 'evaluation.rank',
      kind: 'evaluation' as const,
      key: { issue: `総務-B-${i}`, round: 'R6.11' },
      field: 'rank',
      before: null,
      after: String((i % 3) + 1),
      batch: null,
    })),
  };
}

describe('PostgreSQL transport', () => {
  it('pushes and pulls batches by server position; a repeated push is stored once', async () => {
    const t = client();
    await t.push(batch('rt', 1), sato);
    await t.push(batch('rt', 2), sato);
    await t.push(batch('rt', 1), sato); // the engine re-pushing after a crash
    const first = await t.pull('');
    const mine = first.batches.filter((b) => b.actorId === 'rt');
    expect(mine.map((b) => b.seq)).toEqual([1, 2]);
    expect(mine[0]).toEqual(batch('rt', 1));
    expect(first.problems).toEqual([]);
    const again = await t.pull(first.cursor);
    expect(again.batches).toEqual([]);
    expect(again.cursor).toBe(first.cursor);
    await t.push(batch('rt', 3), sato);
    expect((await t.pull(first.cursor)).batches.map((b) => b.seq)).toEqual([3]);
    // Different contents under a number already sent are refused, and a push is all or nothing:
    // the clash in the last batch keeps the 4 batches before it out too.
    const changed = { ...batch('rt', 2), records: batch('rt', 2, 3).records };
    const many = [4, 5, 6, 7].map((s) => batch('rt', s));
    await expect(t.pushMany([...many, changed], sato)).rejects.toThrow(/別の内容で既にあります/);
    expect((await t.pull(first.cursor)).batches.map((b) => b.seq)).toEqual([3]);
    await t.pushMany(many, sato);
    expect((await t.pull(first.cursor)).batches.map((b) => b.seq)).toEqual([3, 4, 5, 6, 7]);
    const who = await t.presence();
    expect(who.find((p) => p.actorId === 'rt')?.actor).toEqual(sato);
  });

  it('creates the dataset once, keeps meta rows append-only, and verifies snapshots', async () => {
    const t = client();
    const meta = { datasetId: 'ds-1', name: '変革事務局', dataVersion: 1, createdAt: '2026-12-01T00:00:00Z', createdBy: sato };
    await t.createDataset(meta);
    await expect(t.createDataset({ ...meta, datasetId: 'ds-2' })).rejects.toThrow(/既に共有データがあります/);
    expect(await t.readMeta()).toEqual(meta);
    await t.writeMeta({ ...meta, dataVersion: 2 });
    expect((await t.readMeta())?.dataVersion).toBe(2);
    const bytes = Buffer.from('スナップショット');
    const { createHash } = await import('node:crypto');
    const info = { sha256: createHash('sha256').update(bytes).digest('hex'), dataVersion: 1, createdAt: meta.createdAt, cursor: '2' };
    await expect(t.putSnapshot({ ...info, sha256: '0'.repeat(64) }, bytes)).rejects.toThrow(/SHA-256/);
    await t.putSnapshot(info, bytes);
    const got = await t.getSnapshot();
    expect(got?.info).toEqual(info);
    expect(got?.bytes.equals(bytes)).toBe(true);
  });

  it('the dataset lock: one holder at a time; released when the holder is done or its connection ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const first = client().withLock('a', 60_000, async () => {
      entered();
      await held;
      return 'first';
    });
    await inside;
    expect(await client().withLock('b', 60_000, async () => 'second')).toBeNull();
    release();
    expect(await first).toBe('first');
    expect(await client().withLock('b', 60_000, async () => 'second')).toBe('second');
    // A holder that dies: its session ends, the server frees the lock.
    const dying = new pg.Client({ connectionString: server.url(db.client.user, db.client.password, db.database) });
    dying.on('error', () => {});
    await dying.connect();
    const { DATASET_LOCK } = await import('../../../electron/services/sync/postgres/server-schema');
    await dying.query('SELECT pg_advisory_lock($1, $2)', [DATASET_LOCK[0], DATASET_LOCK[1]]);
    expect(await client().withLock('c', 60_000, async () => 'c')).toBeNull();
    (dying as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(await client().withLock('c', 60_000, async () => 'c')).toBe('c');
  });

  it('pulls running during concurrent pushes skip nothing (seq order is commit order)', async () => {
    const t = client();
    const start = (await t.pull('')).cursor;
    let cursor = start;
    const seen: string[] = [];
    let pushing = true;
    const puller = (async () => {
      while (pushing) {
        const r = await t.pull(cursor);
        seen.push(...r.batches.map((b) => `${b.actorId}/${b.seq}`));
        cursor = r.cursor;
      }
    })();
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let s = 1; s <= 15; s++) await client().push(batch(`conc-${w}`, s, 1 + (s % 4) * 50), sato);
      })(),
    );
    await Promise.all(writers);
    pushing = false;
    await puller;
    const r = await t.pull(cursor);
    seen.push(...r.batches.map((b) => `${b.actorId}/${b.seq}`));
    expect(seen.length).toBe(8 * 15);
    expect(new Set(seen).size).toBe(8 * 15);
  });

  it('the server going away mid-sync: nothing half-sent, unreachable reported, every acknowledged batch there after restart', async () => {
    const t = client({ attempts: 2, backoffMs: 20, connectTimeoutMs: 1_000 });
    const acknowledged: number[] = [];
    let unavailable = 0;
    const pushes = (async () => {
      for (let s = 1; s <= 60; s++) {
        try {
          await t.push(batch('restart', s, 300), sato);
          acknowledged.push(s);
        } catch (e) {
          expect(e).toBeInstanceOf(TransportUnavailable);
          unavailable++;
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    server.stop();
    await new Promise((r) => setTimeout(r, 300));
    server.start();
    await pushes;
    expect(unavailable).toBeGreaterThan(0);
    // The engine pushes again what was not acknowledged (idempotent either way).
    for (let s = 1; s <= 60; s++) if (!acknowledged.includes(s)) await client().push(batch('restart', s, 300), sato);
    const all = (await client().pull('')).batches.filter((b) => b.actorId === 'restart');
    expect(all.map((b) => b.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (const b of all) expect(b.records.length).toBe(300);
  });

  it('says "unreachable" (TransportUnavailable) when no server listens, after retrying', async () => {
    const t = new PgTransport(`postgresql://xpw_app@127.0.0.1:1/xpw`, { password: 'x', attempts: 3, backoffMs: 10 });
    await expect(t.pull('')).rejects.toBeInstanceOf(TransportUnavailable);
  });

  it('only the owner migrates the server schema; the client role is refused', async () => {
    const owner = new PgTransport(db.owner.url, { password: db.owner.password });
    expect(await owner.migrate(DEFAULT_ROLES)).toEqual({ from: 1, to: 1 });
    // A fresh database owned by the owner role: the migration builds the whole schema.
    const su = new pg.Client({ connectionString: server.url(server.superuser, server.superPassword) });
    await su.connect();
    await su.query('CREATE DATABASE xpw_fresh OWNER xpw_owner');
    await su.query('GRANT CONNECT ON DATABASE xpw_fresh TO xpw_client');
    await su.end();
    const fresh = `postgresql://xpw_owner@127.0.0.1:${server.port}/xpw_fresh`;
    await expect(new PgTransport(fresh.replace('xpw_owner', 'xpw_app'), { password: db.client.password, attempts: 1 }).pull('')).rejects.toThrow(/pg-setup/);
    const asClient = new PgTransport(fresh.replace('xpw_owner', 'xpw_app'), { password: db.client.password, attempts: 1 });
    await expect(asClient.migrate(DEFAULT_ROLES)).rejects.toThrow(/permission denied/);
    expect(await new PgTransport(fresh, { password: db.owner.password }).migrate(DEFAULT_ROLES)).toEqual({ from: 0, to: 1 });
    const c = new PgTransport(fresh.replace('xpw_owner', 'xpw_app'), { password: db.client.password });
    await c.push(batch('fresh', 1), sato);
    expect((await c.pull('')).batches.map((b) => b.actorId)).toEqual(['fresh']);
  });

  it('reads the password from the environment or a file readable by its owner only; TLS settings pass through', async () => {
    const env = { XPW_PG_PASSWORD: db.client.password };
    expect((await new PgTransport(db.client.url, { env, attempts: 1 }).pull('')).batches.length).toBeGreaterThan(0);
    const file = join(tempDir(), 'pgpw');
    writeFileSync(file, `${db.client.password}\n`);
    chmodSync(file, 0o644);
    await expect(new PgTransport(db.client.url, { env: {}, passwordFile: file, attempts: 1 }).pull('')).rejects.toThrow(/chmod 600/);
    chmodSync(file, 0o600);
    expect((await new PgTransport(db.client.url, { env: {}, passwordFile: file, attempts: 1 }).pull('')).batches.length).toBeGreaterThan(0);
    const wrong = new PgTransport(db.client.url, { env: { XPW_PG_PASSWORD: 'wrong' }, attempts: 1 }).pull('');
    await expect(wrong).rejects.toBeInstanceOf(TransportUnavailable);
    await expect(wrong).rejects.toThrow(/ログインできません.*password authentication failed/);
    // This test server has no TLS: sslmode=require must reach the driver and be refused, not ignored.
    await expect(new PgTransport(`${db.client.url}?sslmode=require`, { env, attempts: 1 }).pull('')).rejects.toThrow(/SSL/i);
  });
});

// The DBA's setup script on a real PostgreSQL: the client role can append change records and read,
// and nothing else (UPDATE, DELETE, TRUNCATE, forged senders, meta and schema changes are refused).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLES, setupSql } from '../../../electron/services/sync/postgres/server-schema';
import { psqlAsSuperuser, startPg, type PgServer } from '../../helpers/postgres';

let server: PgServer;
const pw = { owner: 'owner-secret-1', login: 'login-secret-2' };

beforeAll(async () => {
  server = await startPg();
  const sql = setupSql({ ...DEFAULT_ROLES, database: 'xpw', login: 'xpw_app' });
  psqlAsSuperuser(server, sql, { owner_password: pw.owner, login_password: pw.login });
}, 60_000);
afterAll(() => server?.destroy());

async function as<T>(user: string, password: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: server.url(user, password, 'xpw') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const errorOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('pg-setup roles', () => {
  it('the client appends and reads change records and snapshots', async () => {
    await as('xpw_app', pw.login, async (c) => {
      await c.query(`INSERT INTO xpw.changes (actor_id, batch_seq, data_version, actor_user, actor_pc, records, body) VALUES ('a1', 1, 1, 'sato', 'pc1', 1, '{"a":1}'), ('a1', 2, 1, 'sato', 'pc1', 1, '{"a":2}')`);
      await c.query(`INSERT INTO xpw.changes (actor_id, batch_seq, data_version, actor_user, actor_pc, records, body) VALUES ('a1', 1, 1, 'sato', 'pc1', 1, 'dup') ON CONFLICT (actor_id, batch_seq) DO NOTHING`);
      await c.query(`INSERT INTO xpw.snapshots (upto_seq, data_version, sha256, info, body) VALUES (2, 1, 'x', '{}', '\\x00')`);
      await c.query(`INSERT INTO xpw.dataset (is_start, data_version, body) VALUES (true, 1, '{}')`);
      const rows = (await c.query('SELECT seq, batch_seq, body, db_user FROM xpw.changes ORDER BY seq')).rows;
      expect(rows.map((r) => [r.batch_seq, r.body, r.db_user])).toEqual([['1', '{"a":1}', 'xpw_app'], ['2', '{"a":2}', 'xpw_app']]);
      expect(Number(rows[1].seq)).toBeGreaterThan(Number(rows[0].seq));
      const meta = (await c.query(`SELECT value FROM xpw.meta WHERE key = 'server_schema'`)).rows;
      expect(meta).toEqual([{ value: '1' }]);
    });
  });

  it('the client is denied UPDATE, DELETE and TRUNCATE of the change log', async () => {
    await as('xpw_app', pw.login, async (c) => {
      expect(await errorOf(c.query(`UPDATE xpw.changes SET body = 'x'`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`DELETE FROM xpw.changes`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`TRUNCATE xpw.changes`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`UPDATE xpw.snapshots SET body = ''`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`DELETE FROM xpw.snapshots`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`UPDATE xpw.dataset SET body = ''`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`INSERT INTO xpw.changes (actor_id, batch_seq, data_version, actor_user, actor_pc, records, body) VALUES ('a1', 1, 1, 'sato', 'pc1', 1, 'y') ON CONFLICT (actor_id, batch_seq) DO UPDATE SET body = 'z'`))).toMatch(/permission denied/);
    });
  });

  it('the client cannot pose as another login, change meta or the schema', async () => {
    await as('xpw_app', pw.login, async (c) => {
      expect(await errorOf(c.query(`INSERT INTO xpw.changes (actor_id, batch_seq, data_version, actor_user, actor_pc, records, body, db_user) VALUES ('a1', 9, 1, 'x', 'y', 1, 'z', 'xpw_owner')`))).toMatch(/row-level security/);
      expect(await errorOf(c.query(`INSERT INTO xpw.dataset (is_start, data_version, body) VALUES (true, 1, '{}')`))).toMatch(/duplicate key/);
      expect(await errorOf(c.query(`UPDATE xpw.meta SET value = '9'`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`INSERT INTO xpw.meta VALUES ('x', 'y')`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`CREATE TABLE xpw.t (a int)`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`ALTER TABLE xpw.changes DISABLE TRIGGER ALL`))).toMatch(/must be owner/);
      expect(await errorOf(c.query(`INSERT INTO xpw.changes (seq, actor_id, batch_seq, data_version, actor_user, actor_pc, records, body) VALUES (1, 'a2', 1, 1, 'x', 'y', 1, 'z')`))).toMatch(/non-DEFAULT value into column "seq"/);
    });
  });

  it('even the owner cannot rewrite the change log while the append-only guard is in place', async () => {
    await as('xpw_owner', pw.owner, async (c) => {
      expect(await errorOf(c.query(`UPDATE xpw.changes SET body = 'x'`))).toMatch(/append-only/);
      expect(await errorOf(c.query(`DELETE FROM xpw.changes`))).toMatch(/append-only/);
      const n = (await c.query('SELECT count(*)::int AS n FROM xpw.changes')).rows[0].n;
      expect(n).toBe(2);
    });
  });
});

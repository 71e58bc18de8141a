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
  const sql = setupSql({ ...DEFAULT_ROLES, database: 'xpw', login: 'xpw_app', dataVersion: 1 });
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
      await c.query(`INSERT INTO xpw.changes (id, actor, data_version, body) VALUES ('c1', 'sato@pc1', 1, '{"a":1}'), ('c2', 'sato@pc1', 1, '{"a":2}')`);
      await c.query(`INSERT INTO xpw.changes (id, actor, data_version, body) VALUES ('c1', 'sato@pc1', 1, 'dup') ON CONFLICT (id) DO NOTHING`);
      const rows = (await c.query('SELECT seq, id, body, db_user FROM xpw.changes ORDER BY seq')).rows;
      expect(rows.map((r) => [r.id, r.body, r.db_user])).toEqual([['c1', '{"a":1}', 'xpw_app'], ['c2', '{"a":2}', 'xpw_app']]);
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
      expect(await errorOf(c.query(`INSERT INTO xpw.changes (id, actor, data_version, body) VALUES ('c3', 'x', 1, 'y') ON CONFLICT (id) DO UPDATE SET body = 'z'`))).toMatch(/permission denied/);
    });
  });

  it('the client cannot pose as another login, change meta or the schema', async () => {
    await as('xpw_app', pw.login, async (c) => {
      expect(await errorOf(c.query(`INSERT INTO xpw.changes (id, actor, data_version, body, db_user) VALUES ('c4', 'x', 1, 'y', 'xpw_owner')`))).toMatch(/row-level security/);
      expect(await errorOf(c.query(`UPDATE xpw.meta SET value = '9'`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`INSERT INTO xpw.meta VALUES ('x', 'y')`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`CREATE TABLE xpw.t (a int)`))).toMatch(/permission denied/);
      expect(await errorOf(c.query(`ALTER TABLE xpw.changes DISABLE TRIGGER ALL`))).toMatch(/must be owner/);
      expect(await errorOf(c.query(`INSERT INTO xpw.changes (seq, id, actor, data_version, body) VALUES (1, 'c5', 'x', 1, 'y')`))).toMatch(/cannot insert a non-DEFAULT value into column "seq"|identity/);
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

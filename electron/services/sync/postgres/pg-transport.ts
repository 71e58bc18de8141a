// The PostgreSQL transport (issue 13): the same change batches as the folder transport, kept in
// an append-only table on a PostgreSQL server the city's IT department runs. The sync engine does
// all the merging; this only stores and returns what it is given (see ../transport.ts).
//
// - Connections are short: opened for a pass, closed half a second after its last call (no pool
//   kept between passes: a laptop moves between networks, the server restarts at night). Transient failures are
//   retried with back-off (retry.ts); when the server stays away the call throws
//   TransportUnavailable and the engine keeps the changes locally.
// - A push is one transaction (all or nothing) and idempotent per (actor_id, batch_seq).
// - The cursor is the last server position (seq) returned: pull = "WHERE seq > cursor ORDER BY seq".
//   Seq order is commit order (server-schema.ts), so nothing committed is ever skipped.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { clientConfig, redactUrl, type PgShareOptions } from './connection-options.js';
import { isTransient, withRetry } from './retry.js';
import { DATASET_LOCK, MIGRATE_LOCK, migrationSql, SERVER_SCHEMA_VERSION, type RoleNames } from './server-schema.js';
import {
  TransportUnavailable,
  type Actor,
  type ActorPresence,
  type ChangeBatch,
  type DatasetMeta,
  type PullResult,
  type SnapshotInfo,
  type Transport,
  type TransportProblem,
} from '../transport.js';

/** Batches per page while pulling (one connection for all pages). */
const PULL_PAGE = 5_000;
/** How long a connection is kept after a call (then closed: connections stay short). */
const IDLE_MS = 500;

export class PgTransport implements Transport {
  readonly url: string;
  readonly location: string;
  private readonly o: PgShareOptions;
  private schemaChecked = false;

  constructor(url: string, options: PgShareOptions = {}) {
    this.url = url;
    this.o = options;
    this.location = redactUrl(url);
  }

  /**
   * One short connection, retried with back-off while the server is away. A pass makes several
   * calls in a row (meta, push after push, pull), so the connection is kept for IDLE_MS after a
   * call and then closed; any error discards it and the retry connects afresh.
   */
  async session<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    try {
      return await withRetry(
        async () => {
          const c = await this.connection();
          try {
            const result = await fn(c);
            this.release(c);
            return result;
          } catch (e) {
            this.discard(c);
            throw e;
          }
        },
        { attempts: this.o.attempts ?? 5, backoffMs: this.o.backoffMs ?? 200 },
      );
    } catch (e) {
      if (e instanceof TransportUnavailable) throw e;
      if (isTransient(e)) throw new TransportUnavailable(`PostgreSQLサーバー (${this.location}) に接続できません: ${(e as Error).message}`, { cause: e });
      // A wrong or missing password is not a bug either: the changes wait on this PC and the
      // status says what to fix (not retried: repeated failures could lock the account).
      const code = (e as { code?: string }).code;
      if (code === '28P01' || code === '28000' || /password must be a string|no password/i.test((e as Error).message)) {
        throw new TransportUnavailable(`PostgreSQLサーバー (${this.location}) にログインできません — ユーザー名かパスワードを確かめてください (${(e as Error).message})`, { cause: e });
      }
      throw e;
    }
  }

  private idle: pg.Client | null = null;
  private idleTimer: NodeJS.Timeout | null = null;

  private async connection(): Promise<pg.Client> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const kept = this.idle;
    this.idle = null;
    if (kept) return kept;
    const c = new pg.Client(clientConfig(this.url, this.o));
    // An error on an idle client (server restart) must not crash the process; the next query fails.
    c.on('error', () => {});
    try {
      await c.connect();
      // A kept connection must not keep a CLI process alive.
      (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      if (!this.schemaChecked) {
        await checkServerSchema(c);
        this.schemaChecked = true;
      }
    } catch (e) {
      await c.end().catch(() => {});
      throw e;
    }
    return c;
  }

  private release(c: pg.Client): void {
    if (this.idle) this.discard(this.idle);
    this.idle = c;
    this.idleTimer = setTimeout(() => this.close(), IDLE_MS);
    this.idleTimer.unref();
  }

  private discard(c: pg.Client): void {
    void c.end().catch(() => {});
  }

  /** Closes the kept connection now (the app on quit, tests). */
  close(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.idle) this.discard(this.idle);
    this.idle = null;
  }

  async readMeta(): Promise<DatasetMeta | null> {
    return this.session(async (c) => {
      const r = await c.query('SELECT body FROM xpw.dataset ORDER BY id DESC LIMIT 1');
      return r.rows[0] ? (JSON.parse(r.rows[0].body) as DatasetMeta) : null;
    });
  }

  async createDataset(meta: DatasetMeta): Promise<void> {
    await this.session(async (c) => {
      try {
        await c.query('INSERT INTO xpw.dataset (is_start, data_version, body) VALUES (true, $1, $2)', [meta.dataVersion, JSON.stringify(meta)]);
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw new Error(`${this.location} には既に共有データがあります。参加するには xpw share join を使ってください。`);
        throw e;
      }
    });
  }

  async writeMeta(meta: DatasetMeta): Promise<void> {
    await this.session((c) => c.query('INSERT INTO xpw.dataset (data_version, body) VALUES ($1, $2)', [meta.dataVersion, JSON.stringify(meta)]));
  }

  async push(batch: ChangeBatch, actor: Actor): Promise<void> {
    await this.pushMany([batch], actor);
  }

  /** Several batches of one actor in one transaction (a reconnecting PC's backlog). */
  async pushMany(batches: ChangeBatch[], actor: Actor): Promise<void> {
    if (!batches.length) return;
    await this.session(async (c) => {
      await c.query('BEGIN');
      try {
        const bodies = batches.map((b) => JSON.stringify(b));
        const r = await c.query(
          `INSERT INTO xpw.changes (actor_id, batch_seq, data_version, actor_user, actor_pc, records, body)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::text[], $5::text[], $6::int[], $7::text[])
           ON CONFLICT (actor_id, batch_seq) DO NOTHING
           RETURNING actor_id, batch_seq`,
          [
            batches.map((b) => b.actorId),
            batches.map((b) => b.seq),
            batches.map((b) => b.dataVersion),
            batches.map(() => actor.user),
            batches.map(() => actor.pc),
            batches.map((b) => b.records.length),
            bodies,
          ],
        );
        if ((r.rowCount ?? 0) < batches.length) {
          // Already there: the same batch again is fine; different contents under the same number
          // (a PC restored from an old backup numbering anew) must not pass as "sent".
          const added = new Set((r.rows as { actor_id: string; batch_seq: string }[]).map((x) => `${x.actor_id}/${x.batch_seq}`));
          const rest = batches.map((b, i) => ({ b, body: bodies[i]! })).filter(({ b }) => !added.has(`${b.actorId}/${b.seq}`));
          const have = await c.query('SELECT actor_id, batch_seq, body FROM xpw.changes WHERE (actor_id, batch_seq) IN (SELECT * FROM unnest($1::text[], $2::bigint[]))', [
            rest.map(({ b }) => b.actorId),
            rest.map(({ b }) => b.seq),
          ]);
          const stored = new Map((have.rows as { actor_id: string; batch_seq: string; body: string }[]).map((x) => [`${x.actor_id}/${x.batch_seq}`, x.body]));
          const clash = rest.find(({ b, body }) => stored.get(`${b.actorId}/${b.seq}`) !== body);
          if (clash) throw new Error(`サーバーには ${clash.b.actorId} の変更 ${clash.b.seq} が別の内容で既にあります (上書きしません)`);
        }
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      }
    });
  }

  async pull(cursor: string): Promise<PullResult> {
    let after = cursor === '' ? 0 : Number(cursor);
    if (!Number.isSafeInteger(after) || after < 0) after = 0;
    return this.session(async (c) => {
      const batches: ChangeBatch[] = [];
      const problems: TransportProblem[] = [];
      for (;;) {
        const r = await c.query({
          text: 'SELECT seq, body FROM xpw.changes WHERE seq > $1 ORDER BY seq LIMIT $2',
          values: [after, PULL_PAGE],
          rowMode: 'array',
        });
        for (const [seq, body] of r.rows as [string, string][]) {
          try {
            batches.push(JSON.parse(body) as ChangeBatch);
          } catch (e) {
            problems.push({ where: `${this.location} xpw.changes seq ${seq}`, message: `読めない変更の記録です: ${(e as Error).message}` });
          }
          after = Number(seq);
        }
        if (r.rows.length < PULL_PAGE) break;
      }
      return { batches, cursor: String(after), problems };
    });
  }

  /** The server's last position (an idle poll asks only this). */
  async head(): Promise<string> {
    return this.session(async (c) => String((await c.query('SELECT coalesce(max(seq), 0) AS head FROM xpw.changes')).rows[0].head));
  }

  async putSnapshot(info: SnapshotInfo, bytes: Buffer): Promise<void> {
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== info.sha256) throw new Error('スナップショットのSHA-256が内容と一致しません (送信しません)。');
    const upto = info.cursor === '' ? 0 : Number(info.cursor);
    await this.session((c) =>
      c.query('INSERT INTO xpw.snapshots (upto_seq, data_version, sha256, info, body) VALUES ($1, $2, $3, $4, $5)', [upto, info.dataVersion, sha, JSON.stringify(info), bytes]),
    );
  }

  async getSnapshot(): Promise<{ info: SnapshotInfo; bytes: Buffer } | null> {
    return this.session(async (c) => {
      const r = await c.query('SELECT id, info, sha256, body FROM xpw.snapshots ORDER BY upto_seq DESC, id DESC LIMIT 5');
      // The newest one that verifies: a damaged row is skipped, never loaded.
      for (const row of r.rows as { id: string; info: string; sha256: string; body: Buffer }[]) {
        const actual = createHash('sha256').update(row.body).digest('hex');
        if (actual === row.sha256) return { info: JSON.parse(row.info) as SnapshotInfo, bytes: row.body };
      }
      return null;
    });
  }

  /**
   * The dataset's exclusive lock (a newer app migrating the dataset description): a session-level
   * advisory lock on a connection of its own, held while `fn` runs. If the holder dies its
   * connection ends and the server releases the lock at once — stronger than the folder's expiry,
   * so `ttlMs` only bounds how long `fn` may hold it on a live but stuck connection.
   */
  async withLock<T>(holder: string, ttlMs: number, fn: () => Promise<T>): Promise<T | null> {
    void holder;
    let c: pg.Client | null = null;
    try {
      c = await withRetry(
        async () => {
          const k = new pg.Client(clientConfig(this.url, this.o));
          k.on('error', () => {});
          try {
            await k.connect();
          } catch (e) {
            await k.end().catch(() => {});
            throw e;
          }
          return k;
        },
        { attempts: this.o.attempts ?? 5, backoffMs: this.o.backoffMs ?? 200 },
      );
    } catch (e) {
      if (isTransient(e)) throw new TransportUnavailable(`PostgreSQLサーバー (${this.location}) に接続できません: ${(e as Error).message}`, { cause: e });
      throw e;
    }
    const lockConn = c;
    try {
      // The server ends the lock's session (and so the lock) if it stays idle past the time
      // allowed (PostgreSQL 14+; older servers release it when the connection drops).
      await lockConn.query(`SET idle_session_timeout = ${Math.max(1000, Math.floor(ttlMs))}`).catch(() => {});
      const got = (await lockConn.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [DATASET_LOCK[0], DATASET_LOCK[1]])).rows[0].ok as boolean;
      if (!got) return null;
      try {
        return await fn();
      } finally {
        await lockConn.query('SELECT pg_advisory_unlock($1, $2)', [DATASET_LOCK[0], DATASET_LOCK[1]]).catch(() => {});
      }
    } finally {
      await lockConn.end().catch(() => {});
    }
  }

  async presence(): Promise<ActorPresence[]> {
    return this.session(async (c) => {
      const r = await c.query(
        `SELECT DISTINCT ON (actor_id) actor_id, actor_user, actor_pc, received_at
           FROM xpw.changes ORDER BY actor_id, batch_seq DESC`,
      );
      return (r.rows as { actor_id: string; actor_user: string; actor_pc: string; received_at: Date }[]).map((x) => ({
        actorId: x.actor_id,
        actor: { user: x.actor_user, pc: x.actor_pc },
        lastSeenAt: x.received_at.toISOString(),
      }));
    });
  }

  /**
   * Brings the server schema to this app's version. Only the owner role can (the server refuses
   * the client role); serialized by an advisory lock; a no-op when already current.
   */
  async migrate(roles: RoleNames): Promise<{ from: number; to: number }> {
    this.schemaChecked = true; // the migration is what makes the schema current
    return this.session(async (c) => {
      await c.query('BEGIN');
      try {
        await c.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATE_LOCK[0], MIGRATE_LOCK[1]]);
        const from = await serverSchema(c);
        if (from > SERVER_SCHEMA_VERSION) throw new Error(newerServerMessage(from));
        const sql = migrationSql(from, roles);
        if (sql) await c.query(sql);
        await c.query('COMMIT');
        return { from, to: Math.max(from, SERVER_SCHEMA_VERSION) };
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      }
    });
  }
}

async function serverSchema(c: pg.Client): Promise<number> {
  const exists = (await c.query(`SELECT to_regclass('xpw.meta') IS NOT NULL AS ok`)).rows[0].ok as boolean;
  if (!exists) return 0;
  return Number((await c.query(`SELECT value FROM xpw.meta WHERE key = 'server_schema'`)).rows[0]?.value ?? 0);
}

/**
 * The server must hold the tables this app knows; older: the owner migrates; newer: update the
 * app. Reported like an unreachable server (the engine keeps the changes and the status shows
 * what to do), not as a crash of the sync pass.
 */
async function checkServerSchema(c: pg.Client): Promise<void> {
  const v = await serverSchema(c);
  if (v === 0) throw new TransportUnavailable('サーバーにX方針ワークベンチの領域 (スキーマ xpw) がありません。管理者が xpw share pg-setup --print の手順を実行してください。');
  if (v > SERVER_SCHEMA_VERSION) throw new TransportUnavailable(newerServerMessage(v));
  if (v < SERVER_SCHEMA_VERSION) {
    throw new TransportUnavailable(`サーバーの構成 (スキーマ ${v}) がこのアプリ (${SERVER_SCHEMA_VERSION}) より古いです。管理者 (所有者ロール) が xpw share pg-migrate --url … を実行してください。`);
  }
}

function newerServerMessage(v: number): string {
  return `サーバーは新しい版のアプリの構成 (スキーマ ${v}) です。アプリを更新してください。`;
}

// The PostgreSQL side of a shared dataset: a versioned schema `xpw` owned by the owner role and
// migrated by it only; the client role (the PCs) may append change records and snapshots and read
// everything, nothing else. The same migration text serves the DBA's setup script
// (`xpw share pg-setup --print`) and later upgrades (`xpw share pg-migrate` as the owner).
//
// Why the change log looks like this:
// - `seq` is assigned by the server (identity) and clients pull "everything after the last seq I
//   saw". Sequences are handed out in allocation order but become visible in commit order, so a
//   reader could see seq 11 committed while 10 is still in flight and skip 10 forever. A
//   statement-level BEFORE INSERT trigger takes a transaction-scoped advisory lock before any row
//   (and its seq) is formed: pushes are serialized, seq order is commit order, nothing is skipped.
// - A row is one pushed batch, unique by (actor_id, batch_seq): a push is `INSERT … ON CONFLICT
//   DO NOTHING`, so a retry after a commit whose acknowledgement was lost is harmless (needs INSERT
//   only, no UPDATE).
// - UPDATE, DELETE and TRUNCATE are neither granted to the client role nor possible for anyone
//   while the append-only triggers are in place; row-level security records which login sent
//   each row (`db_user = current_user`, not forgeable).
// - `body` is the batch's exact JSON text (not jsonb, which would reorder keys).
// - The dataset's description (data version of the records) is the sync engine's, appended by
//   clients; the owner-only `meta` holds the server schema (the tables above) alone.

/** The server schema this app writes and reads. Newer on the server: read only, update the app. */
export const SERVER_SCHEMA_VERSION = 1;

/** Advisory lock key of the push order (any constant; "xpw-sync" as two int4 halves). */
export const PUSH_LOCK: readonly [number, number] = [0x78707721, 0x73796e63];
/** Advisory lock key of the dataset description (a newer app raising the data version). */
export const DATASET_LOCK: readonly [number, number] = [0x78707721, 0x64617461];
/** Advisory lock key held while the owner migrates. */
export const MIGRATE_LOCK: readonly [number, number] = [0x78707721, 0x6d696772];

export interface RoleNames {
  owner: string;
  client: string;
}

export const DEFAULT_ROLES: RoleNames = { owner: 'xpw_owner', client: 'xpw_client' };

/** A PostgreSQL identifier as written in SQL (quoted when needed). */
export function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/.test(name)) throw new Error(`PostgreSQLの名前として使えません: 「${name}」(英数字と _ のみ、63文字まで)`);
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name}"`;
}

/** Migration n takes the schema from version n-1 to n; run as the owner, in one transaction. */
export function migrations(roles: RoleNames): string[] {
  const client = ident(roles.client);
  return [
    // 1: meta, the change log, snapshots, the append-only guards and the client's privileges.
    `
CREATE SCHEMA IF NOT EXISTS xpw;
REVOKE ALL ON SCHEMA xpw FROM PUBLIC;
GRANT USAGE ON SCHEMA xpw TO ${client};

CREATE TABLE xpw.meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
COMMENT ON TABLE xpw.meta IS 'X方針ワークベンチ: server schema version (changed by the owner only)';

-- The dataset's description (id, name, data version of the records) as the sync engine writes it:
-- the first row is written by \`share create\` (only one per database), a newer app migrating the
-- data adds a row; the newest row is current. Rows are never changed.
CREATE TABLE xpw.dataset (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  is_start     boolean NOT NULL DEFAULT false,
  data_version integer NOT NULL,
  body         text NOT NULL,
  db_user      name NOT NULL DEFAULT current_user,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dataset_one_start ON xpw.dataset (is_start) WHERE is_start;

-- One row per pushed batch of change records (one writer per actor_id, numbered 1, 2, 3 … by it).
CREATE TABLE xpw.changes (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_id     text NOT NULL,
  batch_seq    bigint NOT NULL,
  data_version integer NOT NULL,
  actor_user   text NOT NULL,
  actor_pc     text NOT NULL,
  records      integer NOT NULL,
  body         text NOT NULL,
  db_user      name NOT NULL DEFAULT current_user,
  received_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (actor_id, batch_seq)
);
COMMENT ON TABLE xpw.changes IS 'X方針ワークベンチ: append-only change log, pulled by seq';

CREATE TABLE xpw.snapshots (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  upto_seq     bigint NOT NULL,
  data_version integer NOT NULL,
  sha256       text NOT NULL,
  info         text NOT NULL,
  body         bytea NOT NULL,
  db_user      name NOT NULL DEFAULT current_user,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION xpw.changes_in_commit_order() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(${PUSH_LOCK[0]}, ${PUSH_LOCK[1]});
  RETURN NULL;
END
$fn$;
CREATE TRIGGER changes_in_commit_order BEFORE INSERT ON xpw.changes
  FOR EACH STATEMENT EXECUTE FUNCTION xpw.changes_in_commit_order();

CREATE FUNCTION xpw.append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'xpw.%: append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON xpw.changes
  FOR EACH STATEMENT EXECUTE FUNCTION xpw.append_only();
CREATE TRIGGER snapshots_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON xpw.snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION xpw.append_only();
CREATE TRIGGER dataset_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON xpw.dataset
  FOR EACH STATEMENT EXECUTE FUNCTION xpw.append_only();

ALTER TABLE xpw.changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE xpw.snapshots ENABLE ROW LEVEL SECURITY;
ALTER TABLE xpw.dataset ENABLE ROW LEVEL SECURITY;
CREATE POLICY changes_read ON xpw.changes FOR SELECT TO ${client} USING (true);
CREATE POLICY changes_append ON xpw.changes FOR INSERT TO ${client} WITH CHECK (db_user = current_user);
CREATE POLICY snapshots_read ON xpw.snapshots FOR SELECT TO ${client} USING (true);
CREATE POLICY snapshots_append ON xpw.snapshots FOR INSERT TO ${client} WITH CHECK (db_user = current_user);
CREATE POLICY dataset_read ON xpw.dataset FOR SELECT TO ${client} USING (true);
CREATE POLICY dataset_append ON xpw.dataset FOR INSERT TO ${client} WITH CHECK (db_user = current_user);

REVOKE ALL ON ALL TABLES IN SCHEMA xpw FROM PUBLIC;
GRANT SELECT ON xpw.meta TO ${client};
GRANT SELECT, INSERT ON xpw.changes, xpw.snapshots, xpw.dataset TO ${client};
REVOKE ALL ON FUNCTION xpw.changes_in_commit_order(), xpw.append_only() FROM PUBLIC;
`,
  ];
}

/** The SQL that brings a schema at version `from` to SERVER_SCHEMA_VERSION (run as the owner). */
export function migrationSql(from: number, roles: RoleNames): string {
  const steps = migrations(roles).slice(from);
  if (!steps.length) return '';
  return `${steps.join('\n')}
INSERT INTO xpw.meta (key, value) VALUES
  ('server_schema', '${SERVER_SCHEMA_VERSION}'),
  ('client_role', '${roles.client}')
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
`;
}

export interface SetupOptions extends RoleNames {
  database: string;
  /** A login for the staff's PCs, member of the client role (the DBA may add one per person). */
  login: string;
}

/**
 * The DBA's script, for psql as a superuser (or a role with CREATEROLE and CREATEDB):
 *   psql -v ON_ERROR_STOP=1 -v owner_password=… -v login_password=… -f xpw-setup.sql
 * Passwords come from psql variables, so they are never in the printed file.
 */
export function setupSql(o: SetupOptions): string {
  const owner = ident(o.owner);
  const client = ident(o.client);
  const login = ident(o.login);
  const db = ident(o.database);
  return `-- X方針ワークベンチ: PostgreSQL setup (server schema ${SERVER_SCHEMA_VERSION})
-- Run as a superuser with psql, giving the two passwords as variables (not stored in this file):
--   psql -v ON_ERROR_STOP=1 -v owner_password='…' -v login_password='…' -f xpw-setup.sql
-- Creates: role ${o.owner} (owner: migrations only), group role ${o.client} (append and read),
-- login ${o.login} (member of ${o.client}; create one login per person the same way if wanted:
--   CREATE ROLE sato LOGIN PASSWORD '…' IN ROLE ${o.client};), database ${o.database}, schema xpw.
\\set ON_ERROR_STOP on

CREATE ROLE ${owner} LOGIN PASSWORD :'owner_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE ${client} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE ${login} LOGIN PASSWORD :'login_password' NOSUPERUSER NOCREATEDB NOCREATEROLE IN ROLE ${client};
CREATE DATABASE ${db} OWNER ${owner} ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE ${db} FROM PUBLIC;
GRANT CONNECT ON DATABASE ${db} TO ${client};

\\connect ${db}
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SET ROLE ${owner};
BEGIN;
SELECT pg_advisory_xact_lock(${MIGRATE_LOCK[0]}, ${MIGRATE_LOCK[1]});
${migrationSql(0, o)}COMMIT;
RESET ROLE;
`;
}

// A throwaway PostgreSQL server for tests and the bench: Debian's `postgresql` binaries
// (/usr/lib/postgresql/<v>/bin, or PG_BIN), a fresh cluster in a temporary folder, listening on
// 127.0.0.1 on a free port only (no system service, no Unix socket in /var/run). As root the
// server runs as the `postgres` OS user (PostgreSQL refuses to run as root).
//
// The superuser gets a password and TCP connections need it (scram-sha-256), so the tests log in
// the way a client at the city would, not through `trust`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface PgServer {
  host: string;
  port: number;
  superuser: string;
  superPassword: string;
  dir: string;
  /** postgresql://user:password@127.0.0.1:port/db */
  url(user: string, password: string, db?: string): string;
  stop(): void;
  start(): void;
  /** Stops the server and removes its folder. */
  destroy(): void;
}

export function pgBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length) {
    throw new Error('PostgreSQL not found: install Debian `postgresql` (apt-get install -y postgresql) or set PG_BIN to the folder holding initdb and pg_ctl.');
  }
  return join(root, versions[0]!, 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const asRoot = (): boolean => process.getuid?.() === 0;

/** Runs a PostgreSQL program; as root, as the `postgres` OS user. */
function pgRun(bin: string, args: string[], opts: { allowFail?: boolean } = {}): string {
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: tmpdir() });
  if (r.status !== 0 && !opts.allowFail) {
    throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  }
  return r.stdout;
}


/** A CA and a server certificate for 127.0.0.1 (openssl), for TLS tests; returns the CA file. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const f = (n: string): string => join(dir, n);
  const ssl = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=xpw test CA', '-keyout', f('ca.key'), '-out', f('ca.pem')]);
  ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', f('server.key'), '-out', f('server.csr')]);
  writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  ssl(['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', f('san.ext'), '-out', f('server.crt')]);
  chmodSync(f('server.key'), 0o600);
  return { ca: f('ca.pem'), cert: f('server.crt'), key: f('server.key') };
}

export async function startPg(o: { tls?: boolean } = {}): Promise<PgServer & { caFile?: string }> {
  const bin = pgBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'xpw-pg-'));
  const data = join(dir, 'data');
  const sock = join(dir, 'sock');
  const pwfile = join(dir, 'pw');
  const superuser = 'postgres';
  const superPassword = `pw-${Math.random().toString(36).slice(2)}`;
  writeFileSync(pwfile, superPassword + '\n', { mode: 0o600 });
  execFileSync('mkdir', ['-p', sock]);
  const certs = o.tls ? makeCertificates(dir) : null;
  if (asRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    for (const p of [dir, sock, pwfile, ...(certs ? [certs.cert, certs.key, certs.ca] : [])]) chownSync(p, uid, gid);
  } else if (userInfo().username === 'root') {
    throw new Error('cannot run PostgreSQL as root without runuser');
  }
  chmodSync(dir, 0o700);
  pgRun(join(bin, 'initdb'), ['-D', data, '-U', superuser, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  rmSync(pwfile, { force: true });
  const port = await freePort();
  // Small and fast: a test server, not a production one (fsync off is only for the tests' speed;
  // commits still go through the same transaction code the clients use).
  let opts = `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB`;
  if (certs) opts += ` -c ssl=on -c ssl_cert_file=${certs.cert} -c ssl_key_file=${certs.key}`;
  const log = join(dir, 'server.log');
  const start = (): void => {
    pgRun(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', log, '-w', '-t', '60', 'start']);
  };
  const stop = (): void => {
    pgRun(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], { allowFail: true });
  };
  start();
  return {
    host: '127.0.0.1',
    port,
    ...(certs ? { caFile: certs.ca } : {}),
    superuser,
    superPassword,
    dir,
    url: (user, password, db = 'postgres') => `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`,
    start,
    stop,
    destroy: () => {
      stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a SQL script with psql as the superuser over TCP (as a DBA would); returns stdout. */
export function psqlAsSuperuser(server: PgServer, sql: string, vars: Record<string, string> = {}, db = 'postgres'): string {
  const file = join(server.dir, `script-${Math.random().toString(36).slice(2)}.sql`);
  writeFileSync(file, sql, { mode: 0o644 });
  try {
    const args = ['-X', '-q', '-h', server.host, '-p', String(server.port), '-U', server.superuser, '-d', db, '-v', 'ON_ERROR_STOP=1'];
    for (const [k, v] of Object.entries(vars)) args.push('-v', `${k}=${v}`);
    args.push('-f', file);
    const r = spawnSync(join(pgBinDir(), 'psql'), args, { encoding: 'utf8', env: { ...process.env, PGPASSWORD: server.superPassword } });
    if (r.status !== 0) throw new Error(`psql failed (${r.status}): ${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(file, { force: true });
  }
}

export interface XpwDatabase {
  database: string;
  owner: { user: string; password: string; url: string };
  client: { user: string; password: string; url: string };
}

/** Runs the DBA's setup script (`xpw share pg-setup --print`) for one database; URLs carry no password. */
export async function setupXpwDatabase(server: PgServer, database = 'xpw', login = 'xpw_app'): Promise<XpwDatabase> {
  const { setupSql, DEFAULT_ROLES } = await import('../../electron/services/sync/postgres/server-schema');
  const owner = { user: DEFAULT_ROLES.owner, password: 'owner-pw-1' };
  const client = { user: login, password: `${login}-pw-2` };
  // Roles are cluster-wide: a second database on the same server reuses them.
  const exists = psqlAsSuperuser(server, `SELECT 'yes' FROM pg_roles WHERE rolname = '${DEFAULT_ROLES.owner}';`).includes('yes');
  let sql = setupSql({ ...DEFAULT_ROLES, database, login });
  if (exists) sql = sql.replace(/^CREATE ROLE .*$/gm, '');
  psqlAsSuperuser(server, sql, { owner_password: owner.password, login_password: client.password });
  const bare = (user: string): string => `postgresql://${user}@127.0.0.1:${server.port}/${database}`;
  return { database, owner: { ...owner, url: bare(owner.user) }, client: { ...client, url: bare(client.user) } };
}

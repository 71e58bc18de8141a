// Where a PostgreSQL share is and how to log in, without ever keeping the password in plain
// settings or snapshots. The URL kept in the local database has no password; at connect time the
// password comes from (first found):
//   1. options.password (the app: decrypted from Electron safeStorage, see electron/main),
//   2. XPW_PG_PASSWORD, then PGPASSWORD (environment),
//   3. a password file: XPW_PG_PASSWORD_FILE (or options.passwordFile), readable by its owner only
//      (0600; refused otherwise, like libpq refuses a loose ~/.pgpass),
//   4. ~/.pgpass / PGPASSFILE (node-postgres reads it itself).
// TLS settings travel in the URL as libpq spells them (sslmode=require|verify-ca|verify-full,
// sslrootcert=, sslcert=, sslkey=) or as options.ssl, and are passed to node-postgres unchanged.
import { readFileSync, statSync } from 'node:fs';
import type { ClientConfig } from 'pg';

export interface PgShareOptions {
  password?: string;
  passwordFile?: string;
  /** Overrides the URL's TLS settings (node-postgres / tls.connect options). */
  ssl?: ClientConfig['ssl'];
  /** Connect timeout per attempt (ms). */
  connectTimeoutMs?: number;
  /** Per-statement limit on the server (ms). */
  statementTimeoutMs?: number;
  /** Attempts before a pass gives up (with back-off in between). */
  attempts?: number;
  /** First back-off delay (ms); doubles up to 5 s, with jitter. */
  backoffMs?: number;
  env?: NodeJS.ProcessEnv;
}

export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

/** The URL without its password (what is stored and shown); anything else (a folder) as it is. */
export function redactUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1@');
  }
}

export function urlHasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

function readPasswordFile(file: string): string {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new Error(`パスワードファイルが見つかりません: ${file}`);
  }
  // On Windows the mode bits say nothing; the file lives in the user's profile (NTFS ACLs).
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
    throw new Error(`パスワードファイル ${file} は本人以外も読めます。chmod 600 ${file} としてください。`);
  }
  return readFileSync(file, 'utf8').split(/\r?\n/)[0]!.trim();
}

/** The password to use, or undefined (then node-postgres tries ~/.pgpass). */
export function resolvePassword(url: string, o: PgShareOptions = {}): string | undefined {
  const env = o.env ?? process.env;
  if (o.password) return o.password;
  if (env.XPW_PG_PASSWORD) return env.XPW_PG_PASSWORD;
  if (env.PGPASSWORD) return env.PGPASSWORD;
  const file = o.passwordFile ?? env.XPW_PG_PASSWORD_FILE;
  if (file) return readPasswordFile(file);
  if (urlHasPassword(url)) return decodeURIComponent(new URL(url).password);
  return undefined;
}

export function clientConfig(url: string, o: PgShareOptions = {}): ClientConfig {
  if (!isPostgresUrl(url)) throw new Error(`PostgreSQLの接続先は postgresql://ユーザー@サーバー:ポート/データベース の形で指定してください (「${redactUrl(url)}」)`);
  const password = resolvePassword(url, o);
  // node-postgres lets the connection string override config fields, so the password goes into
  // the (in-memory only) URL rather than beside it.
  let withPassword = url;
  if (password !== undefined) {
    const u = new URL(url);
    u.password = encodeURIComponent(password);
    withPassword = u.toString();
  }
  const config: ClientConfig = {
    connectionString: withPassword,
    connectionTimeoutMillis: o.connectTimeoutMs ?? 5_000,
    statement_timeout: o.statementTimeoutMs ?? 60_000,
    query_timeout: (o.statementTimeoutMs ?? 60_000) + 5_000,
    application_name: 'xpw',
    keepAlive: true,
  };
  if (o.ssl !== undefined) config.ssl = o.ssl;
  return config;
}

// A share's location is either a folder or a PostgreSQL URL; this picks the PostgreSQL transport
// for the latter. The URL given by the user may carry a password; what is stored (settings, the
// share's records, snapshots) is always the URL without it (redactUrl) — the password is read
// again at each connect from the environment, a 0600 file, ~/.pgpass or, in the app, the OS's
// protected storage (connection-options.ts).
import { isPostgresUrl, redactUrl, urlHasPassword, type PgShareOptions } from './connection-options.js';
import { PgTransport } from './pg-transport.js';

export { isPostgresUrl, redactUrl };

/**
 * Where the app's passwords come from (electron/main sets the safeStorage store at start); the CLI
 * leaves it unset and uses the environment, a 0600 file or ~/.pgpass.
 */
let passwordSource: ((url: string) => string | undefined) | null = null;

export function setPgPasswordSource(source: ((url: string) => string | undefined) | null): void {
  passwordSource = source;
}

/** Passwords given in this process only (the browser preview): by server, forgotten at exit. */
const inMemory = new Map<string, string>();

export function rememberPgPassword(url: string, password: string): void {
  inMemory.set(redactUrl(url), password);
}

/** 設定 → 共有 「パスワードを削除」: this process no longer has it (the sealed copy is the host's). */
export function forgetPgPassword(url: string): void {
  inMemory.delete(redactUrl(url));
}

/**
 * Where this process gets a server's password from: the app's store or this run's memory, the
 * environment / a password file (CLI-style settings, not changed from the app), or nowhere.
 */
export function pgPasswordSource(url: string, env: NodeJS.ProcessEnv = process.env): 'saved' | 'environment' | null {
  if (passwordSource?.(url) !== undefined || inMemory.has(redactUrl(url))) return 'saved';
  if (env.XPW_PG_PASSWORD || env.PGPASSWORD || env.XPW_PG_PASSWORD_FILE) return 'environment';
  return null;
}

export function openPgTransport(url: string, options: PgShareOptions = {}): PgTransport {
  const saved = options.password === undefined ? (passwordSource?.(url) ?? inMemory.get(redactUrl(url))) : undefined;
  return new PgTransport(url, saved === undefined ? options : { ...options, password: saved });
}

/** What to store for a location, and a warning when the user wrote a password into the URL. */
export function storableLocation(location: string): { location: string; warning: string | null } {
  if (!isPostgresUrl(location)) return { location, warning: null };
  return {
    location: redactUrl(location),
    warning: urlHasPassword(location)
      ? 'URLに含まれるパスワードは保存しません。次回からは環境変数 XPW_PG_PASSWORD、chmod 600 のファイル (XPW_PG_PASSWORD_FILE) または ~/.pgpass で渡してください。'
      : null,
  };
}

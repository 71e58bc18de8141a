// `xpw share …` with PostgreSQL, the real CLI as child processes: the DBA's script from
// pg-setup --print run with psql, create / join / sync / status with --url, the password from the
// environment or a 0600 file (never stored), pg-migrate by the owner only, and move from a folder.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { psqlAsSuperuser, startPg, type PgServer } from '../../helpers/postgres';
import { tempDir } from '../../helpers/temp';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'xpw.mjs');
let server: PgServer;
const pw = { owner: 'owner-パス', login: 'app-pass-7' };
const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const e = { ...process.env, ...extra };
  delete e.PGPASSWORD;
  if (!('XPW_PG_PASSWORD' in extra)) delete e.XPW_PG_PASSWORD;
  return e;
};
const xpw = (args: string[], extra: Record<string, string> = { XPW_PG_PASSWORD: pw.login }) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: env(extra) });

beforeAll(async () => {
  server = await startPg();
}, 60_000);
afterAll(() => server?.destroy());

describe('xpw share with PostgreSQL', () => {
  it('pg-setup prints a script the DBA runs with psql; create, join, sync and status work with --url', async () => {
    const printed = xpw(['share', 'pg-setup', '--print', '--database', 'xpwcli']);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toMatch(/CREATE ROLE xpw_owner LOGIN PASSWORD :'owner_password'/);
    expect(printed.stdout).not.toContain(pw.login);
    psqlAsSuperuser(server, printed.stdout, { owner_password: pw.owner, login_password: pw.login });
    const url = `postgresql://xpw_app@127.0.0.1:${server.port}/xpwcli`;
    const owner = `postgresql://xpw_owner@127.0.0.1:${server.port}/xpwcli`;

    // Only the owner migrates (here: already current).
    expect(xpw(['share', 'pg-migrate', '--url', owner], { XPW_PG_PASSWORD: pw.owner }).stdout).toMatch(/最新です/);

    const dir = tempDir();
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    expect(xpw(['init', '--db', a, '--sample']).status).toBe(0);
    const created = xpw(['share', 'create', '--db', a, '--url', url, '--name', '市役所']);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain(`xpw share join --url ${url}`);

    // Join with the password in a file readable by its owner only (a loose one is refused).
    const pwFile = join(dir, 'pg.pw');
    writeFileSync(pwFile, `${pw.login}\n`);
    chmodSync(pwFile, 0o644);
    const loose = xpw(['share', 'join', '--url', url, '--db', b, '--password-file', pwFile], {});
    expect(loose.status).not.toBe(0);
    expect(loose.stderr).toMatch(/chmod 600/);
    chmodSync(pwFile, 0o600);
    const joined = xpw(['share', 'join', '--url', url, '--db', b, '--password-file', pwFile], {});
    expect(joined.stderr).toBe('');
    expect(joined.status).toBe(0);

    expect(xpw(['rank', 'set', '--db', a, '--round', 'R6.11', '--issue', '会計-A-1', '--rank', '1']).status).toBe(0);
    const sent = xpw(['share', 'sync', '--db', a]);
    expect(sent.stdout).toMatch(/送信 1 件/);
    const got = xpw(['share', 'sync', '--db', b]);
    expect(got.stdout).toMatch(/受信 1 件/);
    const status = xpw(['share', 'status', '--db', b, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ joined: true, location: url, pending: 0, error: null });

    // A wrong password: the sync says it could not log in, and keeps the change.
    expect(xpw(['rank', 'set', '--db', b, '--round', 'R6.11', '--issue', '会計-A-1', '--rank', '2']).status).toBe(0);
    const denied = xpw(['share', 'sync', '--db', b], { XPW_PG_PASSWORD: 'wrong' });
    expect(denied.status).toBe(3);
    expect(denied.stdout).toMatch(/ログインできません[\s\S]*password authentication failed[\s\S]*変更はこのPCに保存されています \(未送信 1 件\)/);
    expect(xpw(['share', 'sync', '--db', b]).stdout).toMatch(/送信 1 件/);

    // Nothing stored holds a password.
    for (const f of [a, b]) {
      const db = await openDatabase(f);
      const values = db.sqlite.prepare('SELECT value FROM sync_state').pluck().all().join('\n');
      db.close();
      expect(values).toContain(url);
      expect(values).not.toContain(pw.login);
    }
  }, 90_000);

  it('share move takes a folder dataset to the server; the colleague follows with the same command', async () => {
    let sql = xpw(['share', 'pg-setup', '--print', '--database', 'xpwmove']).stdout;
    // Roles are per server: the first test may have made them already.
    if (psqlAsSuperuser(server, "SELECT 'yes' FROM pg_roles WHERE rolname = 'xpw_owner';").includes('yes')) sql = sql.replace(/^CREATE ROLE .*$/gm, '');
    psqlAsSuperuser(server, sql, { owner_password: pw.owner, login_password: pw.login });
    const url = `postgresql://xpw_app@127.0.0.1:${server.port}/xpwmove`;
    const dir = tempDir();
    const folder = join(dir, 'share');
    mkdirSync(folder);
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    expect(xpw(['init', '--db', a, '--sample']).status).toBe(0);
    expect(xpw(['share', 'create', '--db', a, '--dir', folder]).status).toBe(0);
    expect(xpw(['share', 'join', '--dir', folder, '--db', b]).status).toBe(0);
    expect(xpw(['rank', 'set', '--db', a, '--round', 'R6.11', '--issue', '会計-A-1', '--rank', '1']).status).toBe(0);
    expect(xpw(['share', 'sync', '--db', a]).status).toBe(0);
    expect(xpw(['rank', 'set', '--db', b, '--round', 'R6.11', '--issue', '会計-A-2', '--comment', 'フォルダで書いた所見']).status).toBe(0);

    const lead = xpw(['share', 'move', '--db', a, '--to', url]);
    expect(lead.stderr).toBe('');
    expect(lead.stdout).toMatch(/共有先を移しました/);
    const follow = xpw(['share', 'move', '--db', b, '--to', url]);
    expect(follow.stderr).toBe('');
    expect(xpw(['share', 'sync', '--db', a]).stdout).toMatch(/受信 [1-9]/);
    const show = (f: string) => JSON.parse(xpw(['share', 'status', '--db', f, '--json']).stdout);
    expect(show(a)).toMatchObject({ location: url, pending: 0 });
    expect(show(b)).toMatchObject({ location: url, pending: 0 });
    for (const f of [a, b]) {
      const db = await openDatabase(f);
      const n = db.sqlite.prepare("SELECT count(*) FROM sync_records WHERE field IN ('rank', 'comment')").pluck().get() as number;
      const comment = db.sqlite.prepare("SELECT count(*) FROM sync_records WHERE after LIKE '%フォルダで書いた所見%'").pluck().get() as number;
      db.close();
      expect(n).toBe(2);
      expect(comment).toBe(1);
    }
  }, 90_000);
});

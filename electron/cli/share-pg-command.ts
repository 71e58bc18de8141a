// `xpw share pg-setup --print` and `xpw share pg-migrate --url …`: the PostgreSQL server's side of
// team sync, for the city's DBA (see the README's PostgreSQL section).
import type Database from 'better-sqlite3';
import type { Values } from './command.js';
import { requireString } from './command.js';
import { currentActor } from '../services/actor.js';

export async function runPgSetup(v: Values): Promise<number> {
  const { setupSql, DEFAULT_ROLES } = await import('../services/sync/postgres/server-schema.js');
  if (v.print !== true) {
    console.error('xpw share pg-setup --print [--database xpw] [--owner xpw_owner] [--client xpw_client] [--login xpw_app]\n' +
      '  PostgreSQLの管理者向けのSQLを表示します (このコマンドはサーバーに接続しません)。psql -f で実行してください。');
    return 2;
  }
  const str = (name: string, dflt: string): string => (typeof v[name] === 'string' && v[name] ? (v[name] as string) : dflt);
  process.stdout.write(
    setupSql({
      database: str('database', 'xpw'),
      owner: str('owner', DEFAULT_ROLES.owner),
      client: str('client', DEFAULT_ROLES.client),
      login: str('login', 'xpw_app'),
    }),
  );
  return 0;
}

export async function runPgMigrate(v: Values): Promise<number> {
  const url = requireString(v, 'url');
  const { openPgTransport, storableLocation } = await import('../services/sync/postgres/open-transport.js');
  const { DEFAULT_ROLES } = await import('../services/sync/postgres/server-schema.js');
  const { warning } = storableLocation(url);
  if (warning) console.error(warning);
  const t = openPgTransport(url, { passwordFile: typeof v['password-file'] === 'string' ? v['password-file'] : undefined });
  const client = typeof v.client === 'string' && v.client ? v.client : DEFAULT_ROLES.client;
  const r = await t.migrate({ owner: DEFAULT_ROLES.owner, client });
  console.log(r.from === r.to ? `サーバーの構成は最新です (スキーマ ${r.to})。` : `サーバーの構成を更新しました (スキーマ ${r.from} → ${r.to})。`);
  return 0;
}

/** xpw share move --db F --to postgresql://… (the lead first, then each colleague: it follows). */
export async function runShareMove(sqlite: Database.Database, v: Values): Promise<number> {
  const to = requireString(v, 'to');
  const { moveShare } = await import('../services/sync/move-share.js');
  const { storableLocation } = await import('../services/sync/postgres/open-transport.js');
  const { warning } = storableLocation(to);
  if (warning) console.error(warning);
  const r = await moveShare(sqlite, to, { user: currentActor(sqlite) });
  console.log(`共有先を移しました: ${r.from} → ${r.to}`);
  console.log(`変更の記録 ${r.batches} まとまり (${r.records} 件) がすべて移した先にあります。元の共有フォルダは消していません。`);
  console.log(r.first ? `同僚のPCでも xpw share move --db … --to ${r.to} を実行してください (未送信の変更も一緒に移ります)。` : '同僚より後に移しました: この PC の変更も移した先にあります。');
  return 0;
}

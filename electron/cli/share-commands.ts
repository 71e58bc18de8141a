// xpw share create|join|sync|status|compact: team sync through a shared folder (issue 12), or a
// PostgreSQL server with --url (issue 13; move, pg-setup, pg-migrate: share-pg-command.ts).
import { resolve } from 'node:path';
import { openDatabase } from '../../db/open.js';
import { conflictIssueIds, heldRecords, recentActors } from '../../db/queries/sync.js';
import { currentActor } from '../services/actor.js';
import { syncOnce, syncStatus } from '../services/sync/engine.js';
import { compactShare, createShare, joinShare, transportFor } from '../services/sync/share.js';
import { requireString, type Command, type Values } from './command.js';
import { SHARE_OPTIONS } from './options.js';
import { runPgMigrate, runPgSetup, runShareMove } from './share-pg-command.js';

/** Where the share is: --url postgresql://… (kept as given: the password is read at connect time) or --dir. */
function shareLocation(values: Values): string {
  if (typeof values.url === 'string' && values.url) return values.url;
  if (typeof values.dir !== 'string' || !values.dir) throw new Error('--dir (共有フォルダ) か --url (postgresql://…) を指定してください');
  return resolve(values.dir);
}

const localTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('ja-JP') : 'まだありません');

async function withDb<T>(values: Values, run: (sqlite: import('better-sqlite3').Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(resolve(requireString(values, 'db')));
  try {
    return await run(db.sqlite);
  } finally {
    db.close();
  }
}

function printStatus(sqlite: import('better-sqlite3').Database, json: boolean): number {
  const s = syncStatus(sqlite);
  const held = heldRecords(sqlite);
  const conflicts = conflictIssueIds(sqlite);
  if (json) {
    console.log(JSON.stringify({ ...s, conflicts: conflicts.length, held: held.length, actors: recentActors(sqlite) }, null, 2));
    return 0;
  }
  if (!s.joined) {
    console.log('このデータベースは共有していません (xpw share create / join)');
    return 0;
  }
  console.log(`共有先: ${s.location}`);
  console.log(s.error ? `状態: ${s.error} — 変更はこのPCに保存されています` : `状態: 同期済み (${localTime(s.lastSyncAt)})`);
  console.log(`未送信: ${s.pending} 件`);
  if (conflicts.length) console.log(`要確認 (競合): ${conflicts.length} 件の課題`);
  if (held.length) console.log(`確定済みの評価回への後からの変更 (未適用): ${held.length} 件`);
  if (s.skewWarning) console.log(`注意: ${s.skewWarning.actor} の時計がこのPCより ${Math.round(s.skewWarning.ms / 60000)} 分進んでいます`);
  for (const p of s.problems) console.log(`共有フォルダの問題: ${p.where}: ${p.message}`);
  return 0;
}

export const shareCommands: Record<'share', Command> = {
  share: {
    options: SHARE_OPTIONS,
    positionals: true,
    async run(values: Values, positionals: string[]): Promise<number> {
      const [action] = positionals;
      switch (action) {
        case 'create':
          return withDb(values, async (sqlite) => {
            const dir = shareLocation(values);
            await createShare(sqlite, dir, { name: typeof values.name === 'string' ? values.name : '共有データ', user: currentActor(sqlite) });
            const where = syncStatus(sqlite).location ?? dir;
            const opt = where.startsWith('postgres') ? '--url' : '--dir';
            console.log(`共有データを作成しました: ${where}\n同僚のPCでは: xpw share join ${opt} ${where} --db 新しいファイル`);
            return 0;
          });
        case 'join': {
          const dir = shareLocation(values);
          const file = resolve(requireString(values, 'db'));
          const r = await joinShare(dir, file);
          console.log(`共有データに参加しました: ${file} (スナップショット SHA-256 ${r.snapshotSha256.slice(0, 16)}…)`);
          return withDb(values, async (sqlite) => {
            const pass = await syncOnce(sqlite, transportFor(dir));
            console.log(`取り込んだ変更: ${pass.applied} 件`);
            return 0;
          });
        }
        case 'sync':
          return withDb(values, async (sqlite) => {
            const location = syncStatus(sqlite).location;
            if (!location) throw new Error('このデータベースは共有していません (xpw share create / join)');
            const r = await syncOnce(sqlite, transportFor(location));
            console.log(r.ok ? `送信 ${r.pushed} 件、受信 ${r.applied} 件、未送信 ${r.pending} 件` : `${r.message} — 変更はこのPCに保存されています (未送信 ${r.pending} 件)`);
            for (const p of r.problems) console.log(`共有フォルダの問題: ${p.where}: ${p.message}`);
            return r.ok ? 0 : 3;
          });
        case 'status':
          return withDb(values, async (sqlite) => printStatus(sqlite, values.json === true));
        case 'compact':
          return withDb(values, async (sqlite) => {
            const r = await compactShare(sqlite, currentActor(sqlite));
            console.log(`新しいスナップショットを置きました (SHA-256 ${r.sha256.slice(0, 16)}…)。変更ファイル ${r.archived} 件を共有フォルダの archive に移しました (削除はしません)`);
            return 0;
          });
        case 'move':
          return withDb(values, (sqlite) => runShareMove(sqlite, values));
        case 'pg-setup':
          return runPgSetup(values);
        case 'pg-migrate':
          return runPgMigrate(values);
        default:
          throw new Error('share の後に create / join / sync / status / compact / move / pg-setup / pg-migrate を指定してください');
      }
    },
  },
};

export function runShareCommand(values: Values, positionals: string[]): Promise<number> {
  // A PostgreSQL password file given on the command line is read like XPW_PG_PASSWORD_FILE (0600 only).
  if (typeof values['password-file'] === 'string') process.env.XPW_PG_PASSWORD_FILE = resolve(values['password-file']);
  return shareCommands.share.run(values, positionals);
}

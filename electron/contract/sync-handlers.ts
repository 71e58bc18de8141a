// Handlers of the team-sync channels (sync-schemas.ts), spread into handlers.ts.
import type { z } from 'zod';
import { DbError } from '../../db/errors.js';
import { readSyncState } from '../../db/queries/sync.js';
import { resolveConflict } from '../../db/write/sync-resolve.js';
import { currentActor } from '../services/actor.js';
import { syncOnce } from '../services/sync/engine.js';
import { createShare, transportFor } from '../services/sync/share.js';
import { isPostgresUrl, pgPasswordSource, rememberPgPassword } from '../services/sync/postgres/open-transport.js';
import { issueSyncInfo, syncView } from '../services/sync/sync-view.js';
import { pathGate } from './backup-handlers.js';
import type { Context } from './handlers.js';
import type { SyncInputs, SyncOutputs } from './sync-schemas.js';

type SyncHandlers = { [C in keyof SyncOutputs]: (ctx: Context, input: z.output<SyncInputs[C]>) => SyncOutputs[C] | Promise<SyncOutputs[C]> };

export const syncHandlers: SyncHandlers = {
  'sync.status': (ctx) => syncView(ctx.db.sqlite),
  'sync.issue': (ctx, { issueId, roundId }) => issueSyncInfo(ctx.db.sqlite, issueId, roundId),
  'sync.resolve': (ctx, input) => {
    resolveConflict(ctx.db.sqlite, { ...input, actor: currentActor(ctx.db.sqlite) });
    return null;
  },
  'sync.create': async (ctx, { dir, name, password }) => {
    if (readSyncState(ctx.db.sqlite, 'location')) throw new DbError('CONFLICT', 'このデータベースは既に共有フォルダに参加しています');
    // A folder is a path from the page: a handle from the app's chooser, or in the preview a typed
    // path under --allow-dir (path-gate.ts). A server URL names no local file.
    const location = isPostgresUrl(dir) ? dir : pathGate(ctx).resolve(dir, '共有フォルダ');
    if (password && isPostgresUrl(dir)) {
      // This thread's passes use it at once; the app also keeps it sealed by the OS (in the main
      // process); the browser preview only in memory until it stops.
      rememberPgPassword(dir, password);
      if (ctx.host?.savePgPassword) await ctx.host.savePgPassword(dir, password);
    }
    await createShare(ctx.db.sqlite, location, { name: name ?? '共有データ', user: currentActor(ctx.db.sqlite) });
    return syncView(ctx.db.sqlite);
  },
  'sync.now': async (ctx) => {
    const location = readSyncState(ctx.db.sqlite, 'location');
    // A server whose password was forgotten (設定 → 共有): ask for it rather than try a login without one.
    if (location && isPostgresUrl(location) && pgPasswordSource(location) === null) {
      throw new DbError('INVALID', `サーバー (${location}) のパスワードが保存されていません。設定 → 共有 でパスワードを入力してください (変更はこのPCに保存されています)`);
    }
    if (location) await syncOnce(ctx.db.sqlite, transportFor(location));
    return syncView(ctx.db.sqlite);
  },
};

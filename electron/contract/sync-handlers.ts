// Handlers of the team-sync channels (sync-schemas.ts), spread into handlers.ts.
import type { z } from 'zod';
import { DbError } from '../../db/errors.js';
import { readSyncState } from '../../db/queries/sync.js';
import { resolveConflict } from '../../db/write/sync-resolve.js';
import { currentActor } from '../services/actor.js';
import { syncOnce } from '../services/sync/engine.js';
import { createShare, transportFor } from '../services/sync/share.js';
import { isPostgresUrl, rememberPgPassword } from '../services/sync/postgres/open-transport.js';
import { issueSyncInfo, syncView } from '../services/sync/sync-view.js';
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
    if (password && isPostgresUrl(dir)) {
      // The app keeps it sealed by the OS; the browser preview only in memory until it stops.
      if (ctx.host?.savePgPassword) ctx.host.savePgPassword(dir, password);
      else rememberPgPassword(dir, password);
    }
    await createShare(ctx.db.sqlite, dir, { name: name ?? '共有データ', user: currentActor(ctx.db.sqlite) });
    return syncView(ctx.db.sqlite);
  },
  'sync.now': async (ctx) => {
    const location = readSyncState(ctx.db.sqlite, 'location');
    if (location) await syncOnce(ctx.db.sqlite, transportFor(location));
    return syncView(ctx.db.sqlite);
  },
};

// Handlers of the backup channels (backup-schemas.ts), spread into handlers.ts. Copies,
// verification, restores and the export are async (SQLite's backup API is).
import type { z } from 'zod';
import {
  backupNow,
  claimPrepared,
  discardPreparedRestore,
  exportSnapshot,
  listBackupsView,
  prepareRestoreView,
  restorePrepared,
  verifyBackup,
} from '../services/backups/backup-service.js';
import type { JobRegistry } from '../services/export/jobs.js';
import type { BackupInputs, BackupOutputs } from './backup-schemas.js';
import { toContractError } from './contract-error.js';
import type { Context } from './handlers.js';

type BackupHandlers = { [C in keyof BackupOutputs]: (ctx: Context, input: z.output<BackupInputs[C]>) => BackupOutputs[C] | Promise<BackupOutputs[C]> };

/** The job registry comes in as a parameter (it lives in handlers.ts), as for the rounds' handlers. */
export const backupHandlers = (jobs: JobRegistry): BackupHandlers => ({
  'backups.list': (ctx) => ({ ...listBackupsView(ctx.db), canPick: Boolean(ctx.host?.pick) }),
  'backups.create': (ctx, { folder }) => backupNow(ctx.db, folder),
  'backups.verify': (_ctx, { path }) => verifyBackup(path),
  'backups.prepareRestore': (_ctx, { path }) => prepareRestoreView(path),
  // Cancelling loses nothing: a verification only reads, a preview only writes its private folder (removed).
  'backups.verifyStart': (_ctx, { path }) => ({
    jobId: jobs.startTask(async (onProgress) => ({ kind: 'verify', verify: await verifyBackup(path, onProgress) }), (e) => toContractError(e, 'backups.verifyStart')),
  }),
  'backups.prepareRestoreStart': (_ctx, { path }) => ({
    jobId: jobs.startTask(async (onProgress) => ({ kind: 'prepared', prepared: await prepareRestoreView(path, onProgress) }), (e) => toContractError(e, 'backups.prepareRestoreStart')),
  }),
  'backups.restore': (ctx, { token }) => restorePrepared(ctx.db, token),
  'backups.restoreStart': (ctx, { token }) => {
    const restore = claimPrepared(ctx.db, token);
    return {
      jobId: jobs.startTask(async (onProgress) => ({ kind: 'restored', restored: await restore(onProgress) }), (e) => toContractError(e, 'backups.restoreStart'), {
        cancellable: false,
      }),
    };
  },
  'backups.discard': (_ctx, { token }) => {
    discardPreparedRestore(token);
    return { discarded: true };
  },
  'backups.pick': async (ctx, { what }) => ({ path: (await ctx.host?.pick?.(what)) ?? null }),
  'snapshot.export': (ctx, _input) => exportSnapshot(ctx.db, ctx.host && ((f) => ctx.host!.deliver(f))),
});

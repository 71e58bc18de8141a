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
import { readBackupPolicy, backupFolders } from '../services/backups/policy.js';
import type { JobRegistry } from '../services/export/jobs.js';
import type { BackupInputs, BackupOutputs } from './backup-schemas.js';
import { toContractError } from './contract-error.js';
import type { Context } from './handlers.js';
import { createPathGate, type PathGate } from './path-gate.js';

/** Without a host's gate: handles are unknown and no typed path outside the backup folders passes. */
const NO_TYPED_PATHS = createPathGate();
export const pathGate = (ctx: Context): PathGate => ctx.host?.paths ?? NO_TYPED_PATHS;
/** The folders the app itself keeps this database's backups in: their files may be verified and restored. */
export const ownBackupFolders = (ctx: Context): string[] => backupFolders(ctx.db.file, readBackupPolicy(ctx.db.sqlite));

type BackupHandlers = { [C in keyof BackupOutputs]: (ctx: Context, input: z.output<BackupInputs[C]>) => BackupOutputs[C] | Promise<BackupOutputs[C]> };

/** The job registry comes in as a parameter (it lives in handlers.ts), as for the rounds' handlers. */
export const backupHandlers = (jobs: JobRegistry): BackupHandlers => ({
  'backups.list': (ctx) => ({ ...listBackupsView(ctx.db), canPick: Boolean(ctx.host?.pick) }),
  'backups.create': (ctx, { folder }) => backupNow(ctx.db, folder && pathGate(ctx).resolve(folder, '保存先のフォルダ', ownBackupFolders(ctx))),
  'backups.verify': (ctx, { path }) => verifyBackup(pathGate(ctx).resolve(path, '検証するファイル', ownBackupFolders(ctx))),
  'backups.prepareRestore': (ctx, { path }) => prepareRestoreView(pathGate(ctx).resolve(path, '復元元のファイル', ownBackupFolders(ctx))),
  // Cancelling loses nothing: a verification only reads, a preview only writes its private folder (removed).
  // The path is gated before the job starts: a refused path is the call's answer, not a failed job.
  'backups.verifyStart': (ctx, { path }) => {
    const file = pathGate(ctx).resolve(path, '検証するファイル', ownBackupFolders(ctx));
    return { jobId: jobs.startTask(async (onProgress) => ({ kind: 'verify', verify: await verifyBackup(file, onProgress) }), (e) => toContractError(e, 'backups.verifyStart')) };
  },
  'backups.prepareRestoreStart': (ctx, { path }) => {
    const file = pathGate(ctx).resolve(path, '復元元のファイル', ownBackupFolders(ctx));
    return {
      jobId: jobs.startTask(async (onProgress) => ({ kind: 'prepared', prepared: await prepareRestoreView(file, onProgress) }), (e) => toContractError(e, 'backups.prepareRestoreStart')),
    };
  },
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
  // The page gets the chosen path to show and a handle to send back; the path itself is not accepted.
  'backups.pick': async (ctx, { what }) => {
    const path = (await ctx.host?.pick?.(what)) ?? null;
    return { path, handle: path ? pathGate(ctx).handleFor(path) : null };
  },
  'snapshot.export': (ctx, _input) => exportSnapshot(ctx.db, ctx.host && ((f) => ctx.host!.deliver(f))),
});

// The contract's channels for backups, restore and the single-file export (issue 6 §3): input
// schemas here, spread into `inputs` in channels.ts; handlers in backup-handlers.ts.
import { z } from 'zod';
import type { BackupList, PreparedView, SnapshotDelivery } from '../services/backups/backup-service.js';
import type { RestoreResult } from '../services/backups/restore.js';
import type { VerifyResult } from '../services/backups/verify-backup.js';

/** A path as typed (the preview, inside its --allow-dir folders) or a handle from the app's chooser (path-gate.ts). */
const path = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((p) => ![...p].some((c) => c.charCodeAt(0) < 0x20), { message: '制御文字を含むパスは使えません' });

export const backupInputs = {
  'backups.list': z.strictObject({}),
  /** Without a folder: into the backup folder; with one: a copy there, never pruned. */
  'backups.create': z.strictObject({ folder: path.optional() }),
  'backups.verify': z.strictObject({ path }),
  'backups.prepareRestore': z.strictObject({ path }),
  /** The same two as jobs (export.status shows progress and the answer; jobs.cancel stops them). */
  'backups.verifyStart': z.strictObject({ path }),
  'backups.prepareRestoreStart': z.strictObject({ path }),
  /** The restore as a job, for its progress (it cannot be cancelled: it writes). */
  'backups.restoreStart': z.strictObject({ token: z.uuid() }),
  'backups.restore': z.strictObject({ token: z.uuid() }),
  'backups.discard': z.strictObject({ token: z.uuid() }),
  /** The app's own folder/file chooser; the browser preview has none (type the path). */
  'backups.pick': z.strictObject({ what: z.enum(['folder', 'file']) }),
  'snapshot.export': z.strictObject({}),
} as const;

export type BackupInputs = typeof backupInputs;

/** Backups, verification, restores and the export take up to seconds: their handlers are async. */
export interface BackupOutputs {
  'backups.list': BackupList & { canPick: boolean };
  'backups.create': { path: string; bytes: number };
  'backups.verify': VerifyResult;
  'backups.prepareRestore': PreparedView;
  'backups.verifyStart': { jobId: string };
  'backups.prepareRestoreStart': { jobId: string };
  'backups.restoreStart': { jobId: string };
  'backups.restore': RestoreResult;
  'backups.discard': { discarded: true };
  'backups.pick': { path: string | null; handle: string | null };
  'snapshot.export': SnapshotDelivery;
}

export type { BackupList, BackupListEntry, PreparedView, SnapshotDelivery } from '../services/backups/backup-service.js';
export type { RestoreResult } from '../services/backups/restore.js';
export type { VerifyResult } from '../services/backups/verify-backup.js';
export type { DatabaseSummary } from '../services/backups/summary.js';
export type { ExportDefaults } from '../services/settings/export-defaults.js';
export type { BackupPolicy } from '../services/backups/policy.js';

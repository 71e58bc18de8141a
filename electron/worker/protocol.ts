// The messages between the host (Electron main, or the preview server) and a contract worker.
// Plain data only: everything crosses a thread with the structured clone algorithm.
import type { JobStatus } from '../services/export/jobs.js';
import type { PdfPage } from '../services/export/pdf/print-settings.js';

/** quick: the grid's reads and single edits; long: backups, restores, imports, exports, checks. */
export type Lane = 'quick' | 'long';

/** What a worker brings up when it starts. */
export type WorkerStart =
  /** The first start of the long lane: find the database, open (migrate), take the start copy, daily copies. */
  | { kind: 'startup'; baseDir: string; file?: string; sampleIfNew: boolean }
  /** Any other start: open the database the startup found (already migrated). */
  | { kind: 'open'; file: string; dailyBackups: boolean };

export interface HostCaps {
  print: boolean;
  pick: boolean;
  /** The host keeps PostgreSQL passwords sealed by the OS (the app's safeStorage, in the main process). */
  secrets: boolean;
}

export interface WorkerData {
  lane: Lane;
  start: WorkerStart;
  caps: HostCaps;
  /** The preview's --allow-dir folders: typed paths the path gate accepts (none in the app: dialogs only). */
  allowDirs?: string[];
  /**
   * The long lane runs team sync's background pass (electron/services/sync/sync-loop.ts): the app
   * and the preview set it; the quick lane never does, so a slow share never holds back typing.
   */
  syncLoop?: boolean;
  /**
   * PostgreSQL passwords the host unsealed (safeStorage stays in the main process), by server URL
   * without password. Only the long lane gets them: every sync.*-channel that connects runs there.
   */
  pgPasswords?: Record<string, string>;
  /** One Int32 per job slot; the host sets 1 to cancel the job in that slot. */
  cancelFlags: SharedArrayBuffer;
}

export type ToWorker =
  | { type: 'call'; id: number; channel: string; payload: unknown }
  | { type: 'host-reply'; id: number; ok: true; value: unknown }
  | { type: 'host-reply'; id: number; ok: false; message: string }
  | { type: 'caps'; caps: HostCaps }
  | { type: 'stop' };

/** A start-up failure as data, so the host can offer the restore (DbError code and file kept). */
export interface StartFailure {
  name: string;
  code?: string;
  message: string;
  file?: string;
}

export type HostOp =
  | { op: 'print'; html: string; page: PdfPage }
  | { op: 'deliver'; fileName: string; mime: string; bytes: Uint8Array; warnings: string[] }
  | { op: 'pick'; what: 'folder' | 'file' }
  | { op: 'savePgPassword'; url: string; password: string }
  | { op: 'forgetPgPassword'; url: string };

export type FromWorker =
  | { type: 'ready'; file: string; created: boolean }
  | { type: 'start-failed'; error: StartFailure }
  | { type: 'reply'; id: number; reply: unknown }
  | ({ type: 'host'; id: number } & HostOp)
  | { type: 'job'; status: JobStatus; slot: number }
  | { type: 'log'; message: string }
  | { type: 'stopped' };

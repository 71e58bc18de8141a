// The automatic copies that are not tied to an operation: one at every start (of the app and of
// the browser preview) — labelled 日次 when it is the first of the day — and, for sessions left
// open overnight, a timer that takes the day's copy once the date has changed.
//
// The start copy also guards the start itself: a database whose pages are damaged can still
// open, but its copy fails integrity_check. Then the live file is checked too, and a damaged
// database is refused at start (with the way out: restore a backup) rather than worked on.
import { DbError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import { listBackups } from './backup-files.js';
import { backupFolders, readBackupPolicy } from './policy.js';
import { localDay } from './retention.js';
import { takeBackup } from './take-backup.js';

export interface StartBackup {
  path: string | null;
  reason: 'start' | 'daily';
  /** Why no copy could be made (a full disk, an unreachable folder); the start goes on. */
  error: string | null;
}

export function hasBackupOn(db: Db, day: Date): boolean {
  const today = localDay(day.toISOString());
  return listBackups(backupFolders(db.file, readBackupPolicy(db.sqlite))).some((b) => localDay(b.at) === today);
}

function quickCheck(db: Db): string {
  try {
    const rows = db.sqlite.pragma('quick_check') as { quick_check: string }[];
    return rows.map((r) => r.quick_check).join('; ');
  } catch (e) {
    return (e as Error).message;
  }
}

export async function backupAtStart(db: Db, now: Date = new Date()): Promise<StartBackup> {
  const reason = hasBackupOn(db, now) ? 'start' : 'daily';
  try {
    return { path: await takeBackup(db, reason, now), reason, error: null };
  } catch (e) {
    const check = quickCheck(db);
    if (check !== 'ok') {
      throw new DbError('CORRUPT', `データベースが破損しています (破損の可能性): ${db.file} — ${check.slice(0, 300)}`, db.file);
    }
    return { path: null, reason, error: (e as Error).message };
  }
}

export interface DailyBackupOptions {
  /** How often to look at the date (default 10 minutes). */
  intervalMs?: number;
  onBackup?(path: string): void;
  onError?(e: unknown): void;
}

/** Starts the timer; returns the function that stops it. The timer never keeps the process alive. */
export function startDailyBackups(db: Db, options: DailyBackupOptions = {}): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    const now = new Date();
    try {
      if (hasBackupOn(db, now)) return;
    } catch (e) {
      options.onError?.(e);
      return;
    }
    running = true;
    takeBackup(db, 'daily', now)
      .then((path) => options.onBackup?.(path))
      .catch((e: unknown) => options.onError?.(e))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs ?? 10 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

// Automatic safety copies before risky operations (an import, a bulk change …): SQLite's online
// backup API into the backups folder beside the database, verified with integrity_check.
// Retention, size limits and the daily copy are managed by the backups service around this.
import { join } from 'node:path';
import { backupTo } from '../../../db/backup.js';
import type { Db } from '../../../db/open.js';
import { backupDirFor } from '../data-paths.js';

export type BackupReason = 'start' | 'daily' | 'migration' | 'import' | 'bulk' | 'restore' | 'manual';

const stamp = (d: Date): string => d.toISOString().replace(/[-:.]/g, ''); // milliseconds too: two copies in one second must not collide

/** Takes a verified copy and returns its path. */
export async function takeBackup(db: Db, reason: BackupReason, now: Date = new Date()): Promise<string> {
  const target = join(backupDirFor(db.file), `xpw-${stamp(now)}-${reason}.sqlite`);
  await backupTo(db.sqlite, target);
  return target;
}

// Where the automatic backups go and how many are kept. Stored in the database's settings (so
// the CLI, the preview and the app agree for one file), read back through the schema: a stored
// value that no longer validates falls back to the defaults instead of being trusted.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { readSetting } from '../../../db/queries/settings.js';
import { backupDirFor } from '../data-paths.js';

export const BACKUP_POLICY_KEY = 'backups.policy';

/** A whole number in [min, max], with one Japanese message naming the field for every way it can be wrong. */
const count = (label: string, min: number, max: number) => {
  const message = `「${label}」は ${min.toLocaleString()}〜${max.toLocaleString()} の整数で指定してください`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
};

export const backupPolicySchema = z.strictObject({
  /** null: the `backups` folder beside the database. */
  folder: z.string().trim().min(1).max(1000, 'バックアップの保存先が長すぎます').nullable(),
  /** The newest copies kept whatever their age. */
  keepLast: count('最新から残す件数', 1, 1000),
  /** Beyond those, one copy per day for this many days. */
  keepDays: count('1日1件残す日数', 0, 3650),
  /** Never more than this in total (MB); the oldest go first, never the newest. */
  maxTotalMb: count('合計の上限 (MB)', 10, 10_000_000),
});

export type BackupPolicy = z.output<typeof backupPolicySchema>;

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { folder: null, keepLast: 10, keepDays: 30, maxTotalMb: 2048 };

export function readBackupPolicy(sqlite: Database.Database): BackupPolicy {
  const parsed = backupPolicySchema.safeParse(readSetting(sqlite, BACKUP_POLICY_KEY));
  return parsed.success ? parsed.data : DEFAULT_BACKUP_POLICY;
}

/** The folder automatic copies are written to. */
export function managedBackupDir(dbFile: string, policy: BackupPolicy): string {
  return policy.folder ?? backupDirFor(dbFile);
}

/**
 * Every folder that can hold this database's backups: the configured one, and the one beside
 * the database (the copy before a migration is taken there before settings can be read, and
 * it is the fallback when the configured folder is unreachable).
 */
export function backupFolders(dbFile: string, policy: BackupPolicy): string[] {
  const beside = backupDirFor(dbFile);
  return policy.folder && policy.folder !== beside ? [policy.folder, beside] : [beside];
}

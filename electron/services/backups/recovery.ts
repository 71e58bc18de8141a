// The way out when a database file cannot be used (not ours, from a newer version, corrupt):
// find the newest backup that is good — ours, not newer than this app, passing integrity_check —
// and say how to restore it. Looking is read-only; the unusable file is never touched here.
import Database from 'better-sqlite3';
import { schemaDifferences } from '../../../db/canonical-schema.js';
import { DbError } from '../../../db/errors.js';
import { APPLICATION_ID, schemaVersion } from '../../../db/open.js';
import { backupDirFor } from '../data-paths.js';
import { listBackups, REASON_LABELS, type BackupEntry } from './backup-files.js';
import { sqliteOptions } from '../../../db/sqlite.js';

/** The codes after which restoring a backup is the way out. */
export const RECOVERABLE = new Set(['NOT_OURS', 'FOREIGN_SCHEMA', 'NEWER_VERSION', 'CORRUPT', 'NOT_SQLITE']);

export function isRecoverable(e: unknown): e is DbError {
  return e instanceof DbError && RECOVERABLE.has(e.code);
}

const CORRUPT_SQLITE = /SQLITE_(CORRUPT|NOTADB)|database disk image is malformed|file is not a database/i;

/** SQLite's own "malformed" errors, met after the open checks passed, as our CORRUPT error about `file`. */
export function asCorrupt(e: unknown, file: string): unknown {
  if (e instanceof DbError) return e;
  const text = `${(e as { code?: string })?.code ?? ''} ${(e as Error)?.message ?? ''}`;
  return CORRUPT_SQLITE.test(text) ? new DbError('CORRUPT', `データベースが破損しています (破損の可能性): ${file} — ${(e as Error).message}`, file) : e;
}

/** Ours, not newer than this app, and integrity_check ok. */
export function isGoodBackup(path: string): boolean {
  let ro: Database.Database | undefined;
  try {
    ro = new Database(path, sqliteOptions({ readonly: true, fileMustExist: true }));
    if (ro.pragma('application_id', { simple: true }) !== APPLICATION_ID) return false;
    const version = ro.pragma('user_version', { simple: true }) as number;
    if (version > schemaVersion()) return false;
    if (schemaDifferences(ro, version).length > 0) return false;
    return ro.pragma('integrity_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    ro?.close();
  }
}

/**
 * The newest good backup of `dbFile`. The settings of an unreadable database cannot be read,
 * so besides the folder beside it, callers pass the folders they know (the app's configured one).
 */
export function newestGoodBackup(dbFile: string, extraFolders: readonly string[] = []): BackupEntry | null {
  for (const entry of listBackups([...extraFolders, backupDirFor(dbFile)])) if (isGoodBackup(entry.path)) return entry;
  return null;
}

const localTime = (iso: string) => new Date(iso).toLocaleString('ja-JP', { dateStyle: 'medium', timeStyle: 'short' });

export function describeBackup(entry: BackupEntry): string {
  return `${localTime(entry.at)} (${REASON_LABELS[entry.reason]}) ${entry.path}`;
}

/**
 * The CLI's hint after the error message: what to run to get going again. With `onlyIfFound`
 * (a file that is not SQLite at all is more often a wrong path than a damaged database) there
 * is no hint unless a good backup was found beside it.
 */
export function recoveryHint(dbFile: string, extraFolders: readonly string[] = [], onlyIfFound = false): string | null {
  const best = newestGoodBackup(dbFile, extraFolders);
  if (!best && onlyIfFound) return null;
  if (!best) return `このデータベースのバックアップは見つかりませんでした (${backupDirFor(dbFile)})。別の場所のバックアップがあれば xpw restore --db "${dbFile}" --from <バックアップ> で復元できます。元のファイルは変更していません。`;
  return [
    `最新の正常なバックアップ: ${describeBackup(best)}`,
    `復元するには: xpw restore --db "${dbFile}" --from "${best.path}"`,
    '(元のファイルは変更していません。復元すると元のファイルは別名で残します)',
  ].join('\n');
}

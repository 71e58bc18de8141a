// Step 2 of a restore: a verified safety copy of the current database, then the prepared copy
// is written over it with SQLite's online backup API — into the live file, as one write
// transaction. That is what makes it atomic and safe while the file is open: a crash midway
// leaves uncommitted WAL frames that SQLite discards, so the database is the old one or the new
// one, never a mix; every open connection (this process's Db, a preview server, the CLI) sees
// the restored content at its next read, so no handle has to be swapped, and no stale -wal or
// -shm can end up paired with a file it does not belong to.
//
// The settings of this PC and user (display name, backup folder and retention, export
// defaults) stay as they are: restoring data must not move the backups elsewhere.
import type { Progress } from '../export/run-export.js';
import { readSyncState } from '../../../db/queries/sync.js';
import { leaveShareForRestore } from '../../../db/write/sync-records.js';
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { backupTo } from '../../../db/backup.js';
import { describeDifferences, schemaDifferences } from '../../../db/canonical-schema.js';
import { DbError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import { readSetting } from '../../../db/queries/settings.js';
import { recordChange, writeTransaction } from '../../../db/write/change.js';
import { writeSetting } from '../../../db/write/settings.js';
import { EXPORT_DEFAULTS_KEY } from '../settings/export-defaults.js';
import { BACKUP_POLICY_KEY } from './policy.js';
import { discardPrepared, type PreparedRestore } from './prepare-restore.js';
import { summarizeDatabase, type DatabaseSummary } from './summary.js';
import { takeBackup, type BackupReason } from './take-backup.js';
import { sqliteOptions } from '../../../db/sqlite.js';

/** Settings of this PC and user, kept across a restore. */
export const PRESERVED_SETTINGS = ['displayName', BACKUP_POLICY_KEY, EXPORT_DEFAULTS_KEY];

export interface RestoreResult {
  source: string;
  kind: PreparedRestore['kind'];
  safetyCopy: string;
  summary: DatabaseSummary;
  /** Team sync: the database was joined to a shared folder and now works alone (never pushes old data into the share). */
  leftShare: boolean;
}

/** Copy all pages in one step: between steps the destination stays locked and this process waits. */
const ALL_PAGES = 0x7fffffff;

/** The backup API refuses to change the page size of a WAL database: match it in the copy first. */
function matchPageSize(src: Database.Database, pageSize: number): void {
  if (src.pragma('page_size', { simple: true }) === pageSize) return;
  src.pragma('journal_mode = DELETE');
  src.pragma(`page_size = ${pageSize}`);
  src.exec('VACUUM');
}

/** `onProgress` names each step (the safety copy, the write, the summary); a restore cannot be cancelled. */
export async function restoreInto(db: Db, prepared: PreparedRestore, actor: string, onProgress?: (p: Progress) => void): Promise<RestoreResult> {
  if (!existsSync(prepared.file)) throw new DbError('NOT_FOUND', '復元の準備が見つかりません。もう一度プレビューからやり直してください');
  const before = summarizeDatabase(db.sqlite);
  let leftShare = readSyncState(db.sqlite, 'actorId') !== null;
  let safetyCopy = '';
  try {
    safetyCopy = await writeCopyOver(db, prepared.file, {
      reason: 'restore',
      onProgress,
      inCopy: (src, safety) => {
        // A restore on a joined PC leaves the share: the restored (older) data works alone.
        if (leaveShareForRestore(src)) leftShare = true;
        recordChange(src, {
          actor,
          action: 'backup.restore',
          entity: 'database',
          before: { issues: before.issues, evaluations: before.evaluations, lastChange: before.lastChange, safetyCopy: safety },
          after: { source: prepared.source, kind: prepared.kind, issues: prepared.summary.issues, evaluations: prepared.summary.evaluations, lastChange: prepared.summary.lastChange },
        });
      },
    });
  } finally {
    // Used or not, the copy now carries this attempt's audit entry: a retry starts from the file.
    discardPrepared(prepared);
  }
  return { source: prepared.source, kind: prepared.kind, safetyCopy, summary: summarizeDatabase(db.sqlite), leftShare };
}

export interface WriteOverOptions {
  /** The safety copy's reason (its file name and label). */
  reason: BackupReason;
  onProgress?: (p: Progress) => void;
  /** Written into the copy, in the transaction that also carries this PC's settings: the audit entry, sync state. */
  inCopy(src: Database.Database, safetyCopy: string): void;
  /** How this PC's kept settings go into the copy (default: as they are). */
  keepSetting?(src: Database.Database, key: string, local: unknown): void;
}

/**
 * Replaces the open database's content with the SQLite file `file` (a restore, or a copy built
 * from a share's snapshot): a verified safety copy first, then this PC's settings and `inCopy`
 * written into `file`, then SQLite's backup API into the live file as one write transaction.
 * Returns the safety copy's path.
 */
export async function writeCopyOver(db: Db, file: string, o: WriteOverOptions): Promise<string> {
  o.onProgress?.({ phase: '現在のデータの安全コピーを作っています', done: 0, total: 3 });
  const safetyCopy = await takeBackup(db, o.reason);
  o.onProgress?.({ phase: o.reason === 'join' ? '共有データの複製を書き込んでいます' : '復元しています', done: 1, total: 3 });
  const keep = PRESERVED_SETTINGS.map((key) => ({ key, value: readSetting(db.sqlite, key) })).filter((k) => k.value !== undefined);

  const src = new Database(file, sqliteOptions({ fileMustExist: true }));
  // Checked when prepared; checked again before this connection writes (a trigger would fire).
  const diffs = schemaDifferences(src, src.pragma('user_version', { simple: true }) as number);
  if (diffs.length > 0) {
    src.close();
    throw new DbError('FOREIGN_SCHEMA', `復元元にアプリが作らないスキーマの要素があります (${describeDifferences(diffs)})`);
  }
  const timeout = db.sqlite.pragma('busy_timeout', { simple: true }) as number;
  try {
    // Written into the copy before it goes in, so the content, its audit entry and the kept
    // settings are one transaction on the live file: all there, or none of it.
    writeTransaction(src, () => {
      for (const k of keep) (o.keepSetting ?? ((s, key, v) => writeSetting(s, key, v)))(src, k.key, k.value);
      o.inCopy(src, safetyCopy);
    });
    matchPageSize(src, db.sqlite.pragma('page_size', { simple: true }) as number);
    // A request on this connection while the restore holds the lock must fail at once (BUSY,
    // "try again"), not sleep in busy_timeout and stall the restore running in this thread.
    db.sqlite.pragma('busy_timeout = 0');
    await src.backup(db.file, { progress: () => ALL_PAGES });
  } finally {
    db.sqlite.pragma(`busy_timeout = ${timeout}`);
    src.close();
  }

  // Fold the written pages into the main file now rather than at some later checkpoint.
  o.onProgress?.({ phase: o.reason === 'join' ? '書き込んだ内容を確かめています' : '復元した内容を確かめています', done: 2, total: 3 });
  db.sqlite.pragma('wal_checkpoint(PASSIVE)');
  return safetyCopy;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:.]/g, '');

/**
 * The way out when the database cannot be opened at all (corrupt, not ours, too new): the file
 * and its -wal/-shm are moved aside under a new name — kept byte for byte, never overwritten —
 * and a verified copy of the prepared backup takes its place.
 */
export async function replaceUnreadable(file: string, prepared: PreparedRestore, now = new Date()): Promise<{ movedAside: string | null }> {
  const incoming = `${file}.restoring`;
  rmSync(incoming, { force: true });
  const src = new Database(prepared.file, sqliteOptions({ readonly: true, fileMustExist: true }));
  try {
    await backupTo(src, incoming);
  } finally {
    src.close();
  }
  let movedAside: string | null = null;
  if (existsSync(file)) {
    movedAside = `${file}.unreadable-${stamp(now)}`;
    for (const s of ['', '-wal', '-shm', '-journal']) if (existsSync(`${file}${s}`)) renameSync(`${file}${s}`, `${movedAside}${s}`);
  } else {
    for (const s of ['-wal', '-shm', '-journal']) if (existsSync(`${file}${s}`)) renameSync(`${file}${s}`, `${file}.orphan-${stamp(now)}${s}`);
  }
  renameSync(incoming, file);
  discardPrepared(prepared);
  return { movedAside };
}

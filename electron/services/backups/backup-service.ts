// What the backups screen asks for, on top of the backup, restore and snapshot services. A
// restore is two steps — prepare (check the file, show what it holds) and restore (after the
// user confirmed) — joined by a token; a prepared copy nobody restores is removed after a
// while. Copies and restores of this process run one after another, never interleaved.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { backupTo } from '../../../db/backup.js';
import { DbError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import { currentActor } from '../actor.js';
import type { ExportFile } from '../export/export-file.js';
import type { Progress } from '../export/run-export.js';
import type { Delivery } from '../export/jobs.js';
import { snapshotExportFile } from '../snapshot/export-snapshot.js';
import { backupFileName, listBackups, REASON_LABELS, type BackupEntry } from './backup-files.js';
import { backupFolders, managedBackupDir, readBackupPolicy, type BackupPolicy } from './policy.js';
import { discardPrepared, prepareRestore, type PreparedRestore } from './prepare-restore.js';
import { restoreInto, type RestoreResult } from './restore.js';
import { summarizeDatabase, type DatabaseSummary } from './summary.js';
import { lastBackupOf, takeBackup, type LastBackup } from './take-backup.js';
import { verifyBackupFile, type VerifyResult } from './verify-backup.js';

export interface BackupListEntry extends BackupEntry {
  reasonLabel: string;
}

export interface BackupList {
  dbFile: string;
  /** Where automatic copies go now. */
  folder: string;
  folders: string[];
  policy: BackupPolicy;
  entries: BackupListEntry[];
  totalBytes: number;
  last: LastBackup | null;
  /** What the database in use holds, to set beside a backup's preview. */
  current: DatabaseSummary;
}

export interface PreparedView {
  token: string;
  source: string;
  kind: PreparedRestore['kind'];
  sourceBytes: number;
  summary: DatabaseSummary;
  /** What the checks prove and what they do not (shown in the restore preview). */
  integrityNote: string;
}

/**
 * The checksums find damage, not tampering: anyone can edit a file and write a matching SHA-256
 * (or a consistent SQLite file). Said wherever a file is about to be trusted.
 */
export const INTEGRITY_NOTES: Record<PreparedRestore['kind'], string> = {
  snapshot:
    '確認済み: 書き出し時の SHA-256 と一致し、データベースの検査も正常です。SHA-256 は破損 (途中で切れた・壊れた) を見つけるためのもので、改変は防げません (書き換えた人は SHA-256 も書き直せます)。信頼できる人から受け取ったファイルだけを復元してください。',
  backup:
    '確認済み: データベースの検査 (integrity_check など) とスキーマは正常です。検査は破損を見つけるためのもので、改変は防げません。信頼できる場所のバックアップだけを復元してください。',
};

export interface SnapshotDelivery {
  fileName: string;
  size: number;
  delivery: Delivery;
}

let queue: Promise<unknown> = Promise.resolve();
/** Runs `fn` after every copy or restore started before it has ended. */
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

/** The same queue for other writers of the whole file (a join from a share, sync/join-here.ts). */
export const afterCopiesAndRestores = serial;

const PREPARED_KEEP_MS = 30 * 60_000;
const prepared = new Map<string, { p: PreparedRestore; timer: NodeJS.Timeout }>();

function keepPrepared(p: PreparedRestore): void {
  const timer = setTimeout(() => {
    prepared.delete(p.token);
    discardPrepared(p);
  }, PREPARED_KEEP_MS);
  timer.unref();
  prepared.set(p.token, { p, timer });
}

function takePrepared(token: string): PreparedRestore {
  const entry = prepared.get(token);
  if (!entry) throw new DbError('NOT_FOUND', '復元の準備が見つかりません (時間が経って破棄された可能性があります)。もう一度プレビューからやり直してください');
  clearTimeout(entry.timer);
  prepared.delete(token);
  return entry.p;
}

export function listBackupsView(db: Db): BackupList {
  const policy = readBackupPolicy(db.sqlite);
  const folders = backupFolders(db.file, policy);
  const entries = listBackups(folders).map((e) => ({ ...e, reasonLabel: REASON_LABELS[e.reason] }));
  return {
    dbFile: db.file,
    folder: managedBackupDir(db.file, policy),
    folders,
    policy,
    entries,
    totalBytes: entries.reduce((s, e) => s + e.bytes, 0),
    last: lastBackupOf(db.file) ?? null,
    current: summarizeDatabase(db.sqlite),
  };
}

function requireAbsolute(path: string, what: string): void {
  if (!isAbsolute(path)) throw new DbError('INVALID', `${what}は絶対パスで指定してください: ${path}`);
}

/** A copy now: into the backup folder (kept by the retention rule), or into a folder of the user's choice (never pruned). */
export function backupNow(db: Db, folder?: string): Promise<{ path: string; bytes: number }> {
  if (folder !== undefined) requireAbsolute(folder, '保存先のフォルダ');
  return serial(async () => {
    let path: string;
    if (folder !== undefined) {
      if (!existsSync(folder)) throw new DbError('NOT_FOUND', `保存先のフォルダがありません (ファイルサーバーに接続されていますか): ${folder}`);
      path = join(folder, backupFileName('manual', new Date()));
      if (existsSync(path)) throw new DbError('CONFLICT', `同じ名前のファイルが既にあります: ${path}`);
      try {
        await backupTo(db.sqlite, path);
      } catch (e) {
        throw new DbError('BACKUP_FAILED', `バックアップを保存できませんでした: ${path} (${(e as Error).message})`);
      }
    } else path = await takeBackup(db, 'manual');
    return { path, bytes: statSync(path).size };
  });
}

export async function verifyBackup(path: string, onProgress?: (p: Progress) => void): Promise<VerifyResult> {
  requireAbsolute(path, '検証するファイル');
  // Off the request's own turn so that the list stays responsive around it.
  await new Promise((r) => setImmediate(r));
  return verifyBackupFile(path, onProgress);
}

export async function prepareRestoreView(path: string, onProgress?: (p: Progress) => void): Promise<PreparedView> {
  requireAbsolute(path, '復元元のファイル');
  const p = await prepareRestore(path, onProgress);
  keepPrepared(p);
  return { token: p.token, source: p.source, kind: p.kind, sourceBytes: p.sourceBytes, summary: p.summary, integrityNote: INTEGRITY_NOTES[p.kind] };
}

/**
 * Takes the preparation at once — a second click on 復元 cannot restore it twice, an unknown token
 * is refused before anything starts — and returns the restore to run.
 */
export function claimPrepared(db: Db, token: string): (onProgress?: (p: Progress) => void) => Promise<RestoreResult> {
  const p = takePrepared(token);
  return (onProgress) => serial(() => restoreInto(db, p, currentActor(db.sqlite), onProgress));
}

export function restorePrepared(db: Db, token: string): Promise<RestoreResult> {
  return claimPrepared(db, token)();
}

export function discardPreparedRestore(token: string): void {
  const entry = prepared.get(token);
  if (!entry) return;
  clearTimeout(entry.timer);
  prepared.delete(token);
  discardPrepared(entry.p);
}

export async function exportSnapshot(db: Db, deliver: ((file: ExportFile) => Promise<Delivery>) | undefined): Promise<SnapshotDelivery> {
  if (!deliver) throw new DbError('INVALID', 'この画面からはファイルを書き出せません');
  const file = await snapshotExportFile(db.file, currentActor(db.sqlite));
  const delivery = await deliver(file);
  return { fileName: file.fileName, size: file.bytes.length, delivery };
}

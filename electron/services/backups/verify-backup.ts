// 検証: is this backup file still good? Read-only: ours, not newer than this app, and SQLite's
// integrity_check. A single-file export is checked by reading it whole (its SHA-256 and rows).
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { describeDifferences, schemaDifferences } from '../../../db/canonical-schema.js';
import { APPLICATION_ID, schemaVersion } from '../../../db/open.js';
import type { Progress } from '../export/run-export.js';
import { isGzip, readSnapshot } from '../snapshot/snapshot-file.js';
import { sqliteOptions } from '../../../db/sqlite.js';

export interface VerifyResult {
  ok: boolean;
  /** Japanese, for the list. */
  message: string;
}

function firstBytes(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(2);
    return b.subarray(0, readSync(fd, b, 0, 2, 0));
  } finally {
    closeSync(fd);
  }
}

/** `onProgress` names each step; it may throw to stop (a cancelled job) — nothing is written either way. */
export function verifyBackupFile(path: string, onProgress?: (p: Progress) => void): VerifyResult {
  onProgress?.({ phase: 'ファイルを確かめています', done: 0, total: 2 });
  if (!existsSync(path) || !statSync(path).isFile()) return { ok: false, message: 'ファイルがありません' };
  let head: Buffer;
  try {
    head = firstBytes(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'ファイルがありません' : code === 'EACCES' || code === 'EPERM' ? '読み取りが許可されていません' : code === 'EISDIR' ? 'フォルダです' : (e as Error).message;
    return { ok: false, message: `読み取れません (${why})` };
  }
  if (isGzip(head)) {
    try {
      onProgress?.({ phase: '全データの書き出しを読み取っています', done: 1, total: 2 });
      readSnapshot(readFileSync(path)); // reading checks its content hash and every line
      return { ok: true, message: '正常です (全データの書き出しファイル。内容の検査で異常はありません)' };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  }
  let ro: Database.Database | undefined;
  try {
    ro = new Database(path, sqliteOptions({ readonly: true, fileMustExist: true }));
    if (ro.pragma('application_id', { simple: true }) !== APPLICATION_ID) return { ok: false, message: 'X方針ワークベンチのデータベースではありません' };
    const version = ro.pragma('user_version', { simple: true }) as number;
    if (version > schemaVersion()) return { ok: false, message: '新しいバージョンのアプリで作られたデータです。このアプリでは復元できません (アプリを更新してください)' };
    const diffs = schemaDifferences(ro, version);
    if (diffs.length > 0) return { ok: false, message: `アプリが作らないスキーマの要素があります (${describeDifferences(diffs)})。復元できません` };
    onProgress?.({ phase: 'データベースの全ページを検査しています', done: 1, total: 2 });
    const rows = ro.pragma('integrity_check') as { integrity_check: string }[];
    const ok = rows.length === 1 && rows[0]!.integrity_check === 'ok';
    return ok ? { ok, message: '正常です (データベースの全ページを検査し、異常はありません)' } : { ok, message: `破損しています: ${rows.slice(0, 3).map((r) => r.integrity_check).join('; ')}` };
  } catch (e) {
    return { ok: false, message: `読み取れません (破損の可能性): ${(e as Error).message}` };
  } finally {
    ro?.close();
  }
}

// The start-up error of the app when its database cannot be used: what is wrong, in Japanese,
// and the way out — the newest good backup, what it holds, and what restoring it does (the
// unusable file is kept under another name, never overwritten). Plain Node: the Electron shell
// only shows it (electron/main/startup-recovery.ts) and calls recoverFrom() on consent.
import Database from 'better-sqlite3';
import { basename } from 'node:path';
import { REASON_LABELS, type BackupEntry } from './backup-files.js';
import { prepareRestore } from './prepare-restore.js';
import { isRecoverable, newestGoodBackup } from './recovery.js';
import { replaceUnreadable } from './restore.js';
import { summarizeDatabase, type DatabaseSummary } from './summary.js';
import { sqliteOptions } from '../../../db/sqlite.js';

export interface RecoveryOffer {
  file: string;
  title: string;
  message: string;
  detail: string;
  backup: BackupEntry | null;
}

const WHAT: Record<string, string> = {
  NOT_SQLITE: 'データベースのファイルではありません',
  NOT_OURS: 'X方針ワークベンチのデータベースではありません',
  NEWER_VERSION: '新しいバージョンのアプリで更新されたデータベースです',
  CORRUPT: 'データベースが破損しています',
};

function summaryOf(path: string): DatabaseSummary | null {
  let ro: Database.Database | undefined;
  try {
    ro = new Database(path, sqliteOptions({ readonly: true, fileMustExist: true }));
    return summarizeDatabase(ro);
  } catch {
    return null;
  } finally {
    ro?.close();
  }
}

const localTime = (iso: string) => new Date(iso).toLocaleString('ja-JP', { dateStyle: 'medium', timeStyle: 'short' });

/** Null when the error is not one a backup fixes (then it is shown as it is). */
export function recoveryOffer(e: unknown, extraFolders: readonly string[] = []): RecoveryOffer | null {
  if (!isRecoverable(e) || !e.file) return null;
  const file = e.file;
  const backup = newestGoodBackup(file, extraFolders);
  const lines = [e.message, ''];
  if (e.code === 'NEWER_VERSION') lines.push('アプリを更新できる場合は、更新してから開いてください (データはそのまま使えます)。', '');
  if (backup) {
    const s = summaryOf(backup.path);
    lines.push(`最新の正常なバックアップ: ${localTime(backup.at)} (${REASON_LABELS[backup.reason]})`, `  ${backup.path}`);
    if (s) {
      lines.push(
        `  評価回: ${s.rounds.map((r) => r.label).join('、') || 'なし'} / 変革課題 ${s.issues} 件 / 版 ${s.versions} 件 / 評価 ${s.evaluations} 件`,
        `  最終更新: ${s.lastChange ? `${localTime(s.lastChange.at)} ${s.lastChange.actor}` : 'なし'}`,
      );
    }
    lines.push('', `復元すると、開けないファイルは「${basename(file)}.unreadable-日時」という名前で同じフォルダに残し (削除・変更しません)、バックアップの複製を置きます。バックアップの後の変更は含まれません。`);
    // The same way out from a command prompt (IT staff, or when the dialog cannot be used).
    lines.push('', `コマンドで復元するには: xpw restore --db "${file}" --from "${backup.path}"`);
  } else {
    lines.push(`正常なバックアップが見つかりませんでした。ファイルは変更していません。システム担当者に相談してください: ${file}`);
  }
  return { file, title: 'X方針ワークベンチを起動できません', message: WHAT[e.code] ?? e.message, detail: lines.join('\n'), backup };
}

/** The way out, on the user's consent: the unusable file moves aside, a checked copy of the backup takes its place. */
export async function recoverFrom(file: string, backupPath: string): Promise<{ movedAside: string | null }> {
  const prepared = await prepareRestore(backupPath);
  return replaceUnreadable(file, prepared);
}

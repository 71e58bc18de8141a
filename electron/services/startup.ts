// Starting on the app's database, for the desktop app and the browser preview alike: find it
// (the data folder of the settings file, carried over after a change), open it (creating it
// from the sample on a first start), take the start copy — which also proves the pages are
// readable — and keep a daily copy going in long sessions.
import type { Db } from '../../db/open.js';
import { backupAtStart, startDailyBackups, type StartBackup } from './backups/auto-backups.js';
import { asCorrupt } from './backups/recovery.js';
import { openProfile } from './open-profile.js';
import { resolveDatabaseFile, type DatabaseLocation } from './settings/app-settings-file.js';

export interface Started {
  db: Db;
  created: boolean;
  location: DatabaseLocation;
  startBackup: StartBackup;
  /** Stops the daily timer; call before closing the database. */
  stopBackups(): void;
}

export interface StartOptions {
  /** The per-user folder holding the settings file. */
  baseDir: string;
  /** An explicit database (the preview's --db): the settings file's data folder is not used. */
  file?: string;
  sampleIfNew?: boolean;
  log?(message: string): void;
}

export async function startOnDatabase(options: StartOptions): Promise<Started> {
  const log = options.log ?? (() => undefined);
  const location = options.file ? { file: options.file, copiedFrom: null, settingsError: null } : await resolveDatabaseFile(options.baseDir);
  if (location.copiedFrom) log(`データを新しい保存場所にコピーしました: ${location.copiedFrom} → ${location.file} (元のファイルはそのまま残しています)`);
  if (location.settingsError) log(location.settingsError);
  let opened: Awaited<ReturnType<typeof openProfile>>;
  try {
    opened = await openProfile(location.file, { sampleIfNew: options.sampleIfNew, onBackup: (p) => log(`移行前のバックアップ: ${p}`) });
  } catch (e) {
    throw asCorrupt(e, location.file);
  }
  const { db, created } = opened;
  let startBackup: StartBackup;
  try {
    startBackup = await backupAtStart(db);
  } catch (e) {
    db.close();
    throw e;
  }
  if (startBackup.error) log(`起動時のバックアップを作成できませんでした: ${startBackup.error}`);
  const stopBackups = startDailyBackups(db, {
    onBackup: (p) => log(`日次バックアップ: ${p}`),
    onError: (e) => log(`日次バックアップに失敗しました: ${(e as Error).message}`),
  });
  return { db, created, location, startBackup, stopBackups };
}

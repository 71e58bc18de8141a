// Settings that cannot live in the database because they say where the database is: a small
// JSON file in the per-user folder (%APPDATA%\X方針ワークベンチ\settings.json), which stays put
// when the data folder moves. A change of the data folder takes effect at the next start; then,
// if the new folder holds no database yet, the current one is copied there (SQLite's backup API,
// verified) and the old file is left where it was.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { makePrivateDir, PRIVATE_WRITE } from '../../../db/private-files.js';
import { join } from 'node:path';
import { z } from 'zod';
import { backupTo } from '../../../db/backup.js';
import { DbError } from '../../../db/errors.js';
import { openDatabase } from '../../../db/open.js';
import { DB_FILE_NAME } from '../data-paths.js';

export const SETTINGS_FILE_NAME = 'settings.json';

export const appSettingsSchema = z.strictObject({
  /** Folder of xpw.sqlite; null: the per-user folder itself. */
  dataDir: z.string().min(1).max(1000).nullable().default(null),
  /** The folder in use when dataDir was changed: where the data is copied from at the next start. */
  movedFrom: z.string().min(1).max(1000).nullable().default(null),
  /**
   * A copy of the database's backup folder setting: when the database cannot be opened its
   * settings cannot be read, and the way out (restore the newest good backup) must still find it.
   */
  backupFolder: z.string().min(1).max(1000).nullable().default(null),
});

export type AppSettings = z.output<typeof appSettingsSchema>;

export interface AppSettingsRead {
  settings: AppSettings;
  /** Set when the file exists but could not be used (the defaults apply meanwhile). */
  error: string | null;
}

export const settingsFilePath = (baseDir: string): string => join(baseDir, SETTINGS_FILE_NAME);

export function readAppSettings(baseDir: string): AppSettingsRead {
  const file = settingsFilePath(baseDir);
  const defaults = appSettingsSchema.parse({});
  if (!existsSync(file)) return { settings: defaults, error: null };
  try {
    const parsed = appSettingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return { settings: parsed.data, error: null };
    return { settings: defaults, error: `設定ファイルの内容が正しくないため、既定の設定で動いています: ${file}` };
  } catch (e) {
    return { settings: defaults, error: `設定ファイルを読めないため、既定の設定で動いています: ${file} (${(e as Error).message})` };
  }
}

/** Writes beside the file and renames it into place: never a half-written settings file. */
export function writeAppSettings(baseDir: string, settings: AppSettings): void {
  makePrivateDir(baseDir);
  const file = settingsFilePath(baseDir);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(appSettingsSchema.parse(settings), null, 2)}\n`, PRIVATE_WRITE);
  try {
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

export const dataDirOf = (baseDir: string, settings: AppSettings): string => settings.dataDir ?? baseDir;

export interface DatabaseLocation {
  file: string;
  /** The database this start copied into the new data folder, if any. */
  copiedFrom: string | null;
  settingsError: string | null;
}

/** Where the app's database is, after carrying it over to a newly chosen data folder. */
export async function resolveDatabaseFile(baseDir: string): Promise<DatabaseLocation> {
  const { settings, error } = readAppSettings(baseDir);
  const file = join(dataDirOf(baseDir, settings), DB_FILE_NAME);
  let copiedFrom: string | null = null;
  if (settings.movedFrom) {
    const old = join(settings.movedFrom, DB_FILE_NAME);
    if (!existsSync(file) && existsSync(old) && old !== file) {
      const src = await openDatabase(old);
      try {
        await backupTo(src.sqlite, file);
      } catch (e) {
        throw new DbError('BACKUP_FAILED', `データを新しい保存場所にコピーできませんでした (${old} → ${file}): ${(e as Error).message}`, file);
      } finally {
        src.close();
      }
      copiedFrom = old;
    }
    writeAppSettings(baseDir, { ...settings, movedFrom: null });
  }
  return { file, copiedFrom, settingsError: error };
}

// Where the data lives by default: the same per-user folder Electron's app.getPath('userData')
// gives for this app, so the app, the CLI and the preview find one database.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'X方針ワークベンチ';
export const DB_FILE_NAME = 'xpw.sqlite';

export function defaultDataDir(): string {
  if (process.env.XPW_DATA_DIR) return process.env.XPW_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

export const defaultDbPath = (): string => join(defaultDataDir(), DB_FILE_NAME);
export const backupDirFor = (dbFile: string): string => join(dbFile, '..', 'backups');

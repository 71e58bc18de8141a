// The settings screen: read everything it shows, and save a change — validated as a whole
// before anything is written, then in one transaction with an audit entry per changed setting.
// The data folder lives in the settings file (it says where the database is); the rest in the
// database's settings table.
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { DbError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import { isOnNetwork } from '../../../db/network-location.js';
import { readSetting } from '../../../db/queries/settings.js';
import { changeSettings } from '../../../db/write/settings.js';
import { currentActor, osUserName } from '../actor.js';
import { backupPolicySchema, BACKUP_POLICY_KEY, readBackupPolicy, type BackupPolicy } from '../backups/policy.js';
import { backupDirFor, DB_FILE_NAME, defaultDataDir } from '../data-paths.js';
import { FONT_NAMES, type FontName } from '../export/fonts.js';
import { dataDirOf, readAppSettings, writeAppSettings, type AppSettings } from './app-settings-file.js';
import { EXPORT_DEFAULTS_KEY, exportDefaultsSchema, readExportDefaults, type ExportDefaults } from './export-defaults.js';

export const settingsInputSchema = z.strictObject({
  displayName: z.string().trim().max(50).optional(),
  exportDefaults: exportDefaultsSchema.optional(),
  backups: backupPolicySchema.optional(),
  /** null: back to the per-user folder. Takes effect at the next start. */
  dataDir: z.string().trim().min(1).max(1000).nullable().optional(),
});

export type SettingsInput = z.output<typeof settingsInputSchema>;

export interface SettingsView {
  displayName: string;
  osUserName: string;
  exportDefaults: ExportDefaults;
  fonts: FontName[];
  backups: BackupPolicy & { defaultFolder: string };
  data: {
    /** The folder of the database in use now. */
    current: string;
    /** Chosen in the settings file (null: the per-user folder); used from the next start. */
    configured: string | null;
    /** The per-user folder. */
    defaultDir: string;
    /** False when this database was named explicitly (the preview's --db, the CLI): the folder setting is the app's. */
    isAppDatabase: boolean;
    /** The settings file could not be used. */
    fileError: string | null;
  };
}

/** Where the settings file is: the per-user folder, which never moves. */
export const settingsBaseDir = (): string => defaultDataDir();

/** The database the app opens at start (the settings file's data folder, else the per-user folder). */
export function appDatabaseFile(): string {
  const base = settingsBaseDir();
  return join(dataDirOf(base, readAppSettings(base).settings), DB_FILE_NAME);
}

export function readSettingsView(db: Db): SettingsView {
  const name = readSetting(db.sqlite, 'displayName');
  const file = readAppSettings(settingsBaseDir());
  return {
    displayName: typeof name === 'string' ? name : '',
    osUserName: osUserName(),
    exportDefaults: readExportDefaults(db.sqlite),
    fonts: [...FONT_NAMES],
    backups: { ...readBackupPolicy(db.sqlite), defaultFolder: backupDirFor(db.file) },
    data: {
      current: resolve(db.file, '..'),
      configured: file.settings.dataDir,
      defaultDir: settingsBaseDir(),
      isAppDatabase: resolve(db.file) === resolve(appDatabaseFile()),
      fileError: file.error,
    },
  };
}

/** Creates the folder if needed and proves it can be written, with a probe file removed at once. */
function assertWritableFolder(dir: string, what: string): void {
  if (!isAbsolute(dir)) throw new DbError('INVALID', `${what}は絶対パスで指定してください (例: D:\\xpw、\\\\fileserver\\share\\xpw): ${dir}`);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    const probe = join(dir, `.xpw-write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (e) {
    throw new DbError('INVALID', `${what}に書き込めません: ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function saveSettings(db: Db, input: SettingsInput): SettingsView {
  const before = readSettingsView(db);
  const changes: { key: string; before: unknown; after: unknown }[] = [];
  if (input.displayName !== undefined && input.displayName !== before.displayName) changes.push({ key: 'displayName', before: before.displayName, after: input.displayName });
  if (input.exportDefaults && !same(input.exportDefaults, before.exportDefaults)) changes.push({ key: EXPORT_DEFAULTS_KEY, before: before.exportDefaults, after: input.exportDefaults });
  const { defaultFolder: _d, ...policyBefore } = before.backups;
  if (input.backups && !same(input.backups, policyBefore)) {
    // The default folder is stored as null so that it follows the database if that moves.
    const folder = input.backups.folder && resolve(input.backups.folder) !== resolve(before.backups.defaultFolder) ? input.backups.folder : null;
    if (folder && folder !== policyBefore.folder) assertWritableFolder(folder, 'バックアップの保存先');
    const after = { ...input.backups, folder };
    if (!same(after, policyBefore)) changes.push({ key: BACKUP_POLICY_KEY, before: policyBefore, after });
  }
  let nextFile: AppSettings | null = null;
  if (input.dataDir !== undefined) {
    const wanted = input.dataDir === null || resolve(input.dataDir) === resolve(before.data.defaultDir) ? null : input.dataDir;
    if (wanted !== before.data.configured) {
      if (wanted !== null) {
        if (isOnNetwork(wanted) || isOnNetwork(join(wanted, 'xpw.sqlite'))) {
          throw new DbError('INVALID', `データの保存場所にネットワーク上のフォルダ (${wanted}) は使えません。SQLiteのロックはファイル共有(SMB)上では信頼できません。PCのローカルフォルダを指定してください (バックアップの保存先にはファイルサーバーを使えます)`);
        }
        assertWritableFolder(wanted, 'データの保存場所');
      }
      const current = readAppSettings(settingsBaseDir()).settings;
      nextFile = { ...current, dataDir: wanted, movedFrom: before.data.current };
      changes.push({ key: 'dataDir', before: before.data.configured, after: wanted });
    }
  }
  if (changes.length === 0) return before;

  const { sqlite } = db;
  const stored = changes.map((c) => ({ ...c, stored: c.key !== 'dataDir' }));
  changeSettings(sqlite, stored, currentActor(sqlite), () => {
    const policy = changes.find((c) => c.key === BACKUP_POLICY_KEY)?.after as BackupPolicy | undefined;
    if (policy && resolve(db.file) === resolve(appDatabaseFile())) nextFile = { ...(nextFile ?? readAppSettings(settingsBaseDir()).settings), backupFolder: policy.folder };
    // The file last, inside the transaction: if it cannot be written, the database changes roll back.
    if (nextFile) writeAppSettings(settingsBaseDir(), nextFile);
  });
  return readSettingsView(db);
}

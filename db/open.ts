// Opening a database file: refuse what is not ours, is newer than us or sits on a network share;
// back up before migrating; migrate; set the connection pragmas. Nothing is written to a file
// that fails the checks.
import Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { backupTo } from './backup.js';
import { describeDifferences, schemaDifferences } from './canonical-schema.js';
import { DbError } from './errors.js';
import { isOnNetwork } from './network-location.js';

export { isNetworkPath } from './network-location.js';
import { migrationsDir } from './paths.js';
import { createPrivateFile, makePrivateDir } from './private-files.js';
import type * as schema from './schema.js';
import { readSetting } from './queries/settings.js';
import { rebuildSearchIndex, SEARCH_INDEX_VERSION } from './search-index.js';
import { sqliteOptions } from './sqlite.js';
import { writeSetting } from './write/settings.js';

/** PRAGMA application_id of our files: 'XPW1'. */
export const APPLICATION_ID = 0x58505731;
const SQLITE_MAGIC = 'SQLite format 3\0';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface Db {
  readonly file: string;
  readonly sqlite: Database.Database;
  close(): void;
}

export interface OpenOptions {
  /** Create the file when it does not exist (xpw init, first start). */
  create?: boolean;
  /** Folder for the pre-migration backup; default: `backups` beside the file. */
  backupDir?: string;
  /** Called with the backup path when one was taken before migrating. */
  onBackup?: (path: string) => void;
}

/** Number of migrations this build knows; stored as PRAGMA user_version after migrating. */
export function schemaVersion(): number {
  const journal = JSON.parse(readFileSync(join(migrationsDir(), 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}


function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

interface Inspection {
  empty: boolean;
  userVersion: number;
}

/** Read-only look at an existing file; throws DbError for anything we must not touch. */
function inspect(file: string): Inspection {
  if (statSync(file).size === 0) return { empty: true, userVersion: 0 };
  const header = readHeader(file);
  if (header.length < 16 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw new DbError('NOT_SQLITE', `SQLiteのデータベースではありません: ${file}`, file);
  }
  let ro: Database.Database | undefined;
  try {
    ro = new Database(file, sqliteOptions({ readonly: true, fileMustExist: true }));
    const appId = ro.pragma('application_id', { simple: true }) as number;
    const userVersion = ro.pragma('user_version', { simple: true }) as number;
    const tables = ro.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
    if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0)) {
      throw new DbError(
        'NOT_OURS',
        `X方針ワークベンチのデータベースではありません (別のアプリのファイルです): ${file}`,
        file,
      );
    }
    if (userVersion > schemaVersion()) {
      throw new DbError(
        'NEWER_VERSION',
        `このデータベースは新しいバージョンのアプリで作成・更新されています (スキーマ ${userVersion}、このアプリは ${schemaVersion()} まで)。アプリを更新してから開いてください: ${file}`,
        file,
      );
    }
    // Only the schema our migrations make at this version: a trigger, view, table or index of
    // someone else's would run with our writes (migrations, search index, audit) from now on.
    if (tables > 0) {
      const diffs = schemaDifferences(ro, userVersion);
      if (diffs.length > 0) {
        throw new DbError(
          'FOREIGN_SCHEMA',
          `このデータベースにはアプリが作らないスキーマの要素があるため開きません (${describeDifferences(diffs)}): ${file}`,
          file,
        );
      }
    }
    return { empty: tables === 0, userVersion };
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw new DbError('CORRUPT', `データベースを読み取れません (破損の可能性): ${file} — ${(e as Error).message}`, file);
  } finally {
    ro?.close();
  }
}

function setPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
}

/**
 * Applies pending migrations. Foreign keys are off while they run, as SQLite prescribes for
 * table rebuilds, so a rebuilt parent table cannot cascade-delete child rows; the result is
 * checked with foreign_key_check before foreign keys are switched back on.
 */
async function runMigrations(sqlite: Database.Database): Promise<void> {
  // drizzle is loaded only when there is something to migrate: a start that finds the schema
  // current (every CLI command, every start after the first) does not pay for it.
  const [{ drizzle }, { migrate }] = await Promise.all([import('drizzle-orm/better-sqlite3'), import('drizzle-orm/better-sqlite3/migrator')]);
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(drizzle(sqlite), { migrationsFolder: migrationsDir() });
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new DbError('MIGRATION_FAILED', `移行後に参照整合性の違反が ${violations.length} 件あります`);
    }
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    sqlite.pragma(`user_version = ${schemaVersion()}`);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

function ensureSearchIndex(sqlite: Database.Database): void {
  const version = readSetting(sqlite, 'searchIndexVersion');
  if (version !== undefined && Number(version) === SEARCH_INDEX_VERSION) return;
  // Version 2 had the same issue index, without 所見: only those are added.
  rebuildSearchIndex(sqlite, { commentsOnly: Number(version) === 2 });
  writeSetting(sqlite, 'searchIndexVersion', SEARCH_INDEX_VERSION);
}

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Db> {
  if (isOnNetwork(file)) {
    throw new DbError(
      'NETWORK_PATH',
      `ネットワーク上のフォルダ (${file}) のデータベースは開けません。SQLiteのロックはファイル共有(SMB)上では信頼できず、データが壊れるおそれがあります。PCのローカルフォルダに置いてください。`,
      file,
    );
  }
  const exists = existsSync(file);
  if (!exists && !options.create) {
    throw new DbError('NOT_FOUND', `データベースファイルが見つかりません: ${file}`, file);
  }
  const found = exists ? inspect(file) : { empty: true, userVersion: 0 };
  if (!exists) {
    makePrivateDir(dirname(file));
    createPrivateFile(file);
  }

  const sqlite = new Database(file, sqliteOptions());
  try {
    setPragmas(sqlite);
    if (found.userVersion < schemaVersion()) {
      if (!found.empty) {
        const dir = options.backupDir ?? join(dirname(file), 'backups');
        const target = join(dir, `${basename(file).replace(/\.[^.]*$/, '')}-before-migration-v${found.userVersion}-${timestamp()}.sqlite`);
        await backupTo(sqlite, target);
        options.onBackup?.(target);
      }
      await runMigrations(sqlite);
    }
    ensureSearchIndex(sqlite);
    // Planner statistics for the grid's indexes (cheap; analyses only what needs it).
    sqlite.pragma('optimize = 0x10002');
    return { file, sqlite, close: () => sqlite.close() };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

// Step 1 of a restore: turn the chosen file (a backup, any copy of a database, or a single-file
// export) into a checked database of this app's schema in a private folder, and say what it
// holds. The chosen file itself is only read. Nothing of the current database changes here.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DbError } from '../../../db/errors.js';
import { openDatabase } from '../../../db/open.js';
import { runChecks } from '../check.js';
import type { Progress } from '../export/run-export.js';
import { importSnapshot } from '../snapshot/import-snapshot.js';
import { isGzip } from '../snapshot/snapshot-file.js';
import { summarizeDatabase, type DatabaseSummary } from './summary.js';
import { sqliteOptions } from '../../../db/sqlite.js';

export interface PreparedRestore {
  token: string;
  /** The file the user chose. */
  source: string;
  kind: 'backup' | 'snapshot';
  sourceBytes: number;
  /** The checked, migrated copy that will be restored. */
  file: string;
  dir: string;
  summary: DatabaseSummary;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

function head(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    return buf.subarray(0, readSync(fd, buf, 0, 16, 0));
  } finally {
    closeSync(fd);
  }
}

/** The open/migrate errors name the private copy; say it about the file the user chose. */
function aboutSource(e: unknown, source: string): unknown {
  if (!(e instanceof DbError)) {
    const msg = (e as Error).message ?? String(e);
    if (/SQLITE_(CORRUPT|NOTADB)|malformed|not a database/i.test(`${(e as { code?: string }).code ?? ''} ${msg}`)) {
      return new DbError('CORRUPT', `復元元のファイルは破損しています: ${source} (${msg})`, source);
    }
    return e;
  }
  if (e.file === source) return e; // already about the chosen file
  switch (e.code) {
    case 'NOT_OURS':
      return new DbError('NOT_OURS', `復元元はX方針ワークベンチのデータベースではありません (別のアプリのファイルです): ${source}`, source);
    case 'FOREIGN_SCHEMA':
      return new DbError('FOREIGN_SCHEMA', `復元元: ${e.message.replace(e.file ?? '', source)}`, source);
    case 'NEWER_VERSION':
      return new DbError('NEWER_VERSION', `復元元は新しいバージョンのアプリで作成・更新されています。このアプリでは復元できません。アプリを更新してください: ${source}`, source);
    case 'CORRUPT':
      return new DbError('CORRUPT', `復元元のファイルは破損しています: ${source}`, source);
    default:
      return e;
  }
}

/**
 * `onProgress` names each step (copy, migrate, check, summarise) with the copy's pages done; it
 * may throw to stop (a cancelled preview): the private folder is removed, nothing else was written.
 */
export async function prepareRestore(sourcePath: string, onProgress?: (p: Progress) => void): Promise<PreparedRestore> {
  const source = resolve(sourcePath);
  if (!existsSync(source) || !statSync(source).isFile()) throw new DbError('NOT_FOUND', `復元元のファイルが見つかりません: ${source}`, source);
  const sourceBytes = statSync(source).size;
  const magic = head(source);
  const dir = mkdtempSync(join(tmpdir(), 'xpw-restore-'));
  const file = join(dir, 'prepared.sqlite');
  const step = (phase: string, done = 0, total = 1) => onProgress?.({ phase, done, total });
  try {
    let kind: PreparedRestore['kind'];
    if (isGzip(magic)) {
      kind = 'snapshot';
      step('全データの書き出しを読み込んでいます');
      await importSnapshot(source, file);
    } else if (magic.toString('latin1') === SQLITE_MAGIC) {
      kind = 'backup';
      // Through SQLite, not a file copy: a database with a -wal beside it is copied whole.
      let src: Database.Database | undefined;
      try {
        src = new Database(source, sqliteOptions({ readonly: true, fileMustExist: true }));
        step('ファイルをコピーしています');
        await src.backup(file, {
          progress: ({ totalPages, remainingPages }) => {
            step('ファイルをコピーしています', totalPages - remainingPages, totalPages);
            return 100; // pages per step, as by default
          },
        });
      } catch (e) {
        throw aboutSource(e, source);
      } finally {
        src?.close();
      }
    } else {
      throw new DbError('NOT_SQLITE', `復元元はバックアップ (.sqlite) でも全データの書き出しファイル (.xpws) でもありません: ${source}`, source);
    }
    let db;
    try {
      step('開いています (古い形式なら移行します)');
      db = await openDatabase(file, { backupDir: join(dir, 'before-migration') });
    } catch (e) {
      throw aboutSource(e, source);
    }
    try {
      step('integrity_check・参照整合性・ランクを検査しています');
      const checks = runChecks(db.sqlite);
      if (!checks.ok) throw new DbError('CORRUPT', `復元元のファイルに問題があります: ${source} — ${checks.lines.filter((l) => !l.endsWith(': ok')).join(' / ')}`, source);
      step('内容を集計しています');
      const summary = summarizeDatabase(db.sqlite);
      // One file, no -wal: the restore copies from a quiet, self-contained database.
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      return { token: randomUUID(), source, kind, sourceBytes, file, dir, summary };
    } catch (e) {
      throw aboutSource(e, source);
    } finally {
      db.close();
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export function discardPrepared(p: PreparedRestore): void {
  rmSync(p.dir, { recursive: true, force: true });
}

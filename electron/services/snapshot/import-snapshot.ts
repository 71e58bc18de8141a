// Loads a single-file export into a new database file: the schema of the version that wrote
// it, every row with its id and storage class, the AUTOINCREMENT counters; then the usual open
// (migrations to this version, the search index rebuilt) and the checks. The file appears
// under its name only when all of that succeeded.
import type Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DbError } from '../../../db/errors.js';
import { openDatabase, schemaVersion } from '../../../db/open.js';
import { summarizeDatabase, type DatabaseSummary } from '../backups/summary.js';
import { runChecks } from '../check.js';
import { decodeValue, dumpTables, insertSql, type DumpTable } from './canonical-dump.js';
import { readSnapshot, type SnapshotHeader, type SnapshotTable } from './snapshot-file.js';
import { createAtVersion } from './schema-at-version.js';

const SEQUENCE = 'sqlite_sequence';
const invalid = (why: string) => new DbError('INVALID', `全データの書き出しファイルを読み込めません: ${why}`);

function loadTables(sqlite: Database.Database, tables: SnapshotTable[]): void {
  const schema = new Map(dumpTables(sqlite).map((t) => [t.name, t]));
  for (const t of tables) {
    const target = schema.get(t.name);
    if (t.name === SEQUENCE) continue;
    if (!target) throw invalid(`表「${t.name}」がこのスキーマにありません`);
    if ([...target.columns].sort().join() !== [...t.columns].sort().join()) throw invalid(`表「${t.name}」の列が合いません`);
  }
  sqlite.pragma('foreign_keys = OFF');
  sqlite.transaction(() => {
    // Rows a migration seeded (the default 記載チェック rules …) are replaced by the snapshot's.
    for (const name of schema.keys()) if (name !== SEQUENCE) sqlite.prepare(`DELETE FROM "${name}"`).run();
    for (const t of tables) {
      if (t.name === SEQUENCE) continue;
      const insert = sqlite.prepare(insertSql({ name: t.name, columns: t.columns, orderBy: [] } satisfies DumpTable));
      for (const row of t.rows) insert.run(row.map(decodeValue));
    }
    // Inserting with explicit ids moved the counters; set them to what the source had.
    const sequence = tables.find((t) => t.name === SEQUENCE);
    if (schema.has(SEQUENCE) || sequence) {
      sqlite.prepare(`DELETE FROM ${SEQUENCE}`).run();
      if (sequence) {
        const insert = sqlite.prepare(insertSql({ name: SEQUENCE, columns: sequence.columns, orderBy: [] }));
        for (const row of sequence.rows) insert.run(row.map(decodeValue));
      }
    }
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length) throw invalid(`参照整合性の違反が ${violations.length} 件あります`);
  })();
  sqlite.pragma('foreign_keys = ON');
}

export interface ImportedSnapshot {
  header: SnapshotHeader;
  summary: DatabaseSummary;
}

/** Creates `target` (which must not exist yet) from the snapshot file `source`. */
export async function importSnapshot(source: string, target: string): Promise<ImportedSnapshot> {
  if (existsSync(target)) throw new DbError('CONFLICT', `読み込み先のファイルが既にあります: ${target} (上書きしません)`);
  const parsed = readSnapshot(readFileSync(source));
  const { header } = parsed;
  if (!Number.isInteger(header.schemaVersion) || header.schemaVersion < 1) throw invalid('スキーマの版が正しくありません');
  if (header.schemaVersion > schemaVersion()) {
    throw new DbError('NEWER_VERSION', `この書き出しファイルは新しいバージョンのアプリで作られています (スキーマ ${header.schemaVersion}、このアプリは ${schemaVersion()} まで)。アプリを更新してから読み込んでください`);
  }
  const building = `${target}.importing`;
  const scratch = mkdtempSync(join(tmpdir(), 'xpw-import-'));
  const cleanup = () => {
    for (const s of ['', '-wal', '-shm', '-journal']) rmSync(`${building}${s}`, { force: true });
  };
  cleanup();
  try {
    const sqlite = createAtVersion(building, header.schemaVersion);
    try {
      loadTables(sqlite, parsed.tables);
    } finally {
      sqlite.close();
    }
    const db = await openDatabase(building, { backupDir: scratch });
    let summary: DatabaseSummary;
    try {
      const checks = runChecks(db.sqlite);
      if (!checks.ok) throw invalid(checks.lines.join(' / '));
      summary = summarizeDatabase(db.sqlite);
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    renameSync(building, target);
    return { header, summary };
  } catch (e) {
    cleanup();
    throw e;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

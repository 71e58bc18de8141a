// An empty database at an earlier schema version: a snapshot written by an older app is loaded
// into the schema it was written from, then migrated like any old database. The migrations
// folder of that version is the current one cut at `version` entries (migrations are append-only).
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPLICATION_ID } from '../../../db/open.js';
import { migrationsDir } from '../../../db/paths.js';
import { sqliteOptions } from '../../../db/sqlite.js';

interface Journal {
  entries: { tag: string }[];
}

export function createAtVersion(file: string, version: number): Database.Database {
  const journal = JSON.parse(readFileSync(join(migrationsDir(), 'meta', '_journal.json'), 'utf8')) as Journal & Record<string, unknown>;
  if (version < 1 || version > journal.entries.length) throw new Error(`スキーマ ${version} はこのアプリにありません`);
  const dir = mkdtempSync(join(tmpdir(), 'xpw-migrations-'));
  try {
    mkdirSync(join(dir, 'meta'));
    const entries = journal.entries.slice(0, version);
    writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const e of entries) copyFileSync(join(migrationsDir(), `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
    const sqlite = new Database(file, sqliteOptions());
    try {
      sqlite.pragma('journal_mode = WAL');
      migrate(drizzle(sqlite), { migrationsFolder: dir });
      sqlite.pragma(`application_id = ${APPLICATION_ID}`);
      sqlite.pragma(`user_version = ${version}`);
      return sqlite;
    } catch (e) {
      sqlite.close();
      throw e;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

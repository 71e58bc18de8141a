// An empty database at an earlier schema version: a snapshot written by an older app is loaded
// into the schema it was written from, then migrated like any old database. The migrations
// folder of that version is the current one cut at `version` entries (migrations are append-only).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { migrationsAtVersion } from '../../../db/canonical-schema.js';
import { APPLICATION_ID } from '../../../db/open.js';
import { createPrivateFile } from '../../../db/private-files.js';
import { sqliteOptions } from '../../../db/sqlite.js';

export function createAtVersion(file: string, version: number): Database.Database {
  if (version < 1) throw new Error(`スキーマ ${version} はこのアプリにありません`);
  const cut = migrationsAtVersion(version);
  try {
    if (!existsSync(file)) createPrivateFile(file);
    const sqlite = new Database(file, sqliteOptions());
    try {
      sqlite.pragma('journal_mode = WAL');
      migrate(drizzle(sqlite), { migrationsFolder: cut.dir });
      sqlite.pragma(`application_id = ${APPLICATION_ID}`);
      sqlite.pragma(`user_version = ${version}`);
      return sqlite;
    } catch (e) {
      sqlite.close();
      throw e;
    }
  } finally {
    cut.remove();
  }
}

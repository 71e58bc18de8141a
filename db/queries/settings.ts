// Raw key/value storage; validation lives in electron/services/settings.ts.
import type Database from 'better-sqlite3';

export function readSetting(sqlite: Database.Database, key: string): unknown {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export function writeSetting(sqlite: Database.Database, key: string, value: unknown): void {
  sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, JSON.stringify(value));
}

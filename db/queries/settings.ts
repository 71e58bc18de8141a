// Raw key/value storage; validation lives in electron/services/settings. Writes: db/write/settings.ts.
import type Database from 'better-sqlite3';

export function readSetting(sqlite: Database.Database, key: string): unknown {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

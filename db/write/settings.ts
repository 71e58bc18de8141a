// Settings in the database's key/value table. Two kinds of write:
// - changeSettings: settings a person chose on the settings screen (display name, export
//   defaults, backup policy), each change recorded like any other change;
// - writeSetting: remembered preferences (the export dialog's last choices, column mappings of
//   imported files, the search index's version) that are not anyone's decision and are not
//   recorded. For team sync they are this PC's, not the team's.
import type Database from 'better-sqlite3';
import { recordChange, writeTransaction } from './change.js';

export function writeSetting(sqlite: Database.Database, key: string, value: unknown): void {
  sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, JSON.stringify(value));
}

export interface SettingChange {
  key: string;
  before: unknown;
  after: unknown;
  /** False for a setting kept outside the database (the data folder, in the settings file): only recorded. */
  stored?: boolean;
}

/**
 * Writes and records each change in one transaction. `alongside` runs last inside it (writing
 * the settings file): if it throws, the database changes roll back.
 */
export function changeSettings(sqlite: Database.Database, changes: SettingChange[], actor: string, alongside?: () => void): void {
  writeTransaction(sqlite, () => {
    for (const c of changes) {
      if (c.stored !== false) writeSetting(sqlite, c.key, c.after);
      recordChange(sqlite, { actor, action: 'settings.set', entity: 'settings', before: { [c.key]: c.before }, after: { [c.key]: c.after } });
    }
    alongside?.();
  });
}

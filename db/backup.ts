// Copies with SQLite's online backup API, verified with integrity_check afterwards.
import Database from 'better-sqlite3';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes a consistent copy of `sqlite` to `target` (via a temp file, so no half-written copy). */
export async function backupTo(sqlite: Database.Database, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.partial`;
  rmSync(temp, { force: true });
  try {
    await sqlite.backup(temp);
    const copy = new Database(temp, { readonly: true });
    try {
      const result = copy.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new Error(`バックアップの検証に失敗しました: ${String(result)}`);
    } finally {
      copy.close();
    }
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

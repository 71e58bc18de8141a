// Undoes one import as a whole, after a verified backup, in one transaction (db/write/imports.ts):
// refused, with nothing written, when any of its rows was changed after the import.
import type { Db } from '../../../db/open.js';
import { undoImportNow } from '../../../db/write/imports.js';
import { takeBackup } from '../backups/take-backup.js';

export interface UndoResult {
  importId: number;
  reverted: number;
  backupPath: string;
}

export async function undoImport(db: Db, importId: number, actor: string): Promise<UndoResult> {
  const backupPath = await takeBackup(db, 'bulk');
  const reverted = undoImportNow(db.sqlite, importId, actor, backupPath);
  return { importId, reverted, backupPath };
}

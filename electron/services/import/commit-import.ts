// Commits an import: the checks that would refuse it, a verified backup, then the change set in
// one transaction (db/write/imports.ts), recorded so it can be undone as a whole.
import { assertRoundWritable } from '../../../db/queries/round-guard.js';
import type { Db } from '../../../db/open.js';
import type { ChangeSet, ImportMeta } from '../../../db/write/change-set.js';
import { applyChangeSet } from '../../../db/write/imports.js';
import { takeBackup } from '../backups/take-backup.js';

export interface CommitResult {
  importId: number;
  backupPath: string;
}

/** Backup first, then the one transaction. */
export async function commitImport(db: Db, set: ChangeSet, meta: ImportMeta): Promise<CommitResult> {
  // What would refuse the commit is checked before the backup is taken.
  for (const roundId of new Set(set.evaluations.map((e) => e.roundId))) assertRoundWritable(db.sqlite, roundId);
  const backupPath = await takeBackup(db, 'import');
  const importId = applyChangeSet(db.sqlite, set, meta, backupPath);
  return { importId, backupPath };
}

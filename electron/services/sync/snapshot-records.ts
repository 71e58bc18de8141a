// The change records a share's snapshot holds: what a PC behind a compaction takes to catch up
// (the change files it has not read were archived behind the snapshot). The snapshot is loaded
// into a scratch database (the same checked import a join uses) and its records read out; this
// PC's own database is only ever merged into, so its unsent work stays.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeRecord } from '../../../common/sync-record.js';
import { allRecords } from '../../../db/queries/sync.js';
import { sqliteOptions } from '../../../db/sqlite.js';
import { importSnapshot } from '../snapshot/import-snapshot.js';

export async function recordsOfSnapshot(bytes: Buffer): Promise<ChangeRecord[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'xpw-rejoin-'));
  try {
    const file = join(scratch, 'snapshot.xpws');
    writeFileSync(file, bytes);
    const dbFile = join(scratch, 'snapshot.sqlite');
    await importSnapshot(file, dbFile);
    const db = new Database(dbFile, sqliteOptions({ readonly: true, fileMustExist: true }));
    try {
      return allRecords(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

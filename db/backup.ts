// Copies with SQLite's online backup API, verified afterwards: by default with integrity_check;
// with quick_check where someone is waiting for the copy (see takeBackup) — quick_check reads
// every page and checks every b-tree, the page accounting and the freelist in linear time, and
// leaves out only the O(N log N) cross-check of index entries against table rows, which a page
// copy of a consistent database cannot break short of bit flips inside index keys.
import Database from 'better-sqlite3';
import { renameSync, rmSync } from 'node:fs';
import { createPrivateFile, makePrivateDir } from './private-files.js';
import { dirname } from 'node:path';
import { sqliteOptions } from './sqlite.js';

const MMAP_BYTES = 2 ** 31;

export type BackupCheck = 'integrity' | 'quick';

export interface BackupOptions {
  /** integrity_check (default) or quick_check. */
  check?: BackupCheck;
}

/** Writes a consistent copy of `sqlite` to `target` (via a temp file, so no half-written copy). */
export async function backupTo(sqlite: Database.Database, target: string, options: BackupOptions = {}): Promise<void> {
  makePrivateDir(dirname(target));
  const temp = `${target}.partial`;
  const cleanup = () => {
    for (const s of ['', '-wal', '-shm', '-journal']) rmSync(`${temp}${s}`, { force: true });
  };
  cleanup();
  try {
    createPrivateFile(temp);
    // 1,000 pages (4 MB) per step: few turns of the event loop, none of them long.
    await sqlite.backup(temp, { progress: () => 1000 });
    // Opened read-write on purpose: a read-only connection to a WAL-mode copy leaves -wal/-shm
    // files behind. The copy is switched to a rollback journal so that it is one self-contained
    // file that opens anywhere (a read-only share, a USB stick); restoring it into the WAL-mode
    // database keeps that database in WAL mode.
    const copy = new Database(temp, sqliteOptions());
    try {
      // Memory-mapped reads: the check reads every page once more, straight from the page cache.
      copy.pragma(`mmap_size = ${MMAP_BYTES}`);
      const pragma = options.check === 'quick' ? 'quick_check' : 'integrity_check';
      const result = copy.pragma(pragma, { simple: true });
      if (result !== 'ok') throw new Error(`バックアップの検証に失敗しました: ${String(result)}`);
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(temp, target);
  } catch (e) {
    cleanup();
    throw e;
  }
}

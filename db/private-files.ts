// The database, its backups, snapshots and exports hold everything the secretariat has; on a
// shared PC or server other local users must not read them. Where the platform has file modes
// (not Windows, where the per-user folders' ACLs do this), files are created 0600 and folders
// 0700 — from the start, not chmod-ed after a window in which they were readable. SQLite gives
// a database's -wal, -shm and -journal the mode of the database file itself.
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
export const HAS_FILE_MODES = process.platform !== 'win32';

/** mkdir -p; the folders it creates are 0700 (existing folders are left as they are). */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates `file` empty with mode 0600 (failing if it exists), so that SQLite, which opens an
 * empty file as a new database, or a writer with flag 'w', keeps that mode.
 */
export function createPrivateFile(file: string): void {
  closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  // The umask may have taken bits away, never added any; this makes it exactly 0600.
  if (HAS_FILE_MODES) chmodSync(file, PRIVATE_FILE_MODE);
}

/** Options for fs.writeFile of a new file. */
export const PRIVATE_WRITE = { mode: PRIVATE_FILE_MODE } as const;

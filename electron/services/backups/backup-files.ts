// The backup files in a folder: their names say when and why they were taken, so listing them
// needs no bookkeeping that could disagree with the disk. Two patterns exist: the copies of
// takeBackup (xpw-20241220T093000123Z-import.sqlite) and openDatabase's copy before a schema
// migration (xpw-before-migration-v4-20241220T093000.sqlite).
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type BackupReason = 'start' | 'daily' | 'migration' | 'import' | 'bulk' | 'restore' | 'join' | 'manual';

export const REASON_LABELS: Record<BackupReason, string> = {
  start: '起動時',
  daily: '日次',
  migration: '移行前',
  import: '取り込み前',
  bulk: '一括変更前',
  restore: '復元前',
  join: '共有から参加前',
  manual: '手動',
};

export interface BackupEntry {
  path: string;
  fileName: string;
  folder: string;
  /** ISO 8601 UTC, from the file name (the moment the copy was taken). */
  at: string;
  reason: BackupReason;
  bytes: number;
}

const REASONS = Object.keys(REASON_LABELS) as BackupReason[];
const TAKEN = /^xpw-(\d{8})T(\d{6})(\d{3})Z-([a-z]+)(?:-\d+)?\.sqlite$/;
const MIGRATION = /^.+-before-migration-v\d+-(\d{8})T(\d{6})\.sqlite$/;

function iso(date: string, time: string, ms = '000'): string {
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.${ms}Z`;
}

/** File name of a copy taken now; `n` > 1 only when two copies fall in one millisecond. */
export function backupFileName(reason: BackupReason, at: Date, n = 1): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `xpw-${stamp}-${reason}${n > 1 ? `-${n}` : ''}.sqlite`;
}

export function parseBackupName(fileName: string): { at: string; reason: BackupReason } | null {
  const taken = TAKEN.exec(fileName);
  if (taken) {
    const reason = taken[4] as BackupReason;
    if (!REASONS.includes(reason)) return null;
    const at = iso(taken[1]!, taken[2]!, taken[3]!);
    return Number.isNaN(Date.parse(at)) ? null : { at, reason };
  }
  const migration = MIGRATION.exec(fileName);
  if (migration) {
    const at = iso(migration[1]!, migration[2]!);
    return Number.isNaN(Date.parse(at)) ? null : { at, reason: 'migration' };
  }
  return null;
}

/** Our backups in these folders, newest first. Missing folders are simply empty. */
export function listBackups(folders: readonly string[]): BackupEntry[] {
  const seen = new Set<string>();
  const out: BackupEntry[] = [];
  for (const folder of folders) {
    const dir = resolve(folder);
    if (seen.has(dir)) continue;
    seen.add(dir);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const fileName of names) {
      const parsed = parseBackupName(fileName);
      if (!parsed) continue;
      const path = join(dir, fileName);
      try {
        const st = statSync(path);
        if (st.isFile()) out.push({ path, fileName, folder: dir, at: parsed.at, reason: parsed.reason, bytes: st.size });
      } catch {
        // removed meanwhile (another process pruning): not a backup any more
      }
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.fileName < b.fileName ? 1 : -1));
}

/**
 * Copies left half-written by a process that died while writing one (`….sqlite.partial`, and
 * its -wal/-shm).
 * Only our own names are touched, and only when older than a minute so that a copy another
 * process is writing right now is left alone.
 */
export function removeStalePartials(folder: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = /^(.+)\.partial(?:-wal|-shm|-journal)?$/.exec(name);
    if (!m || !parseBackupName(m[1]!)) continue;
    const path = join(folder, name);
    try {
      if (now - statSync(path).mtimeMs > 60_000) {
        rmSync(path, { force: true });
        removed.push(path);
      }
    } catch {
      // gone already
    }
  }
  return removed;
}

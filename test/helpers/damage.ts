// Damaged copies of a database for the hardening tests: bytes overwritten in a copy, the way a
// failing disk or an interrupted file copy leaves them. The original is never touched.
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';

/** Folds the WAL into the main file so that the file alone is the database. */
export function checkpoint(file: string): void {
  const raw = new Database(file);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
}

/**
 * Overwrites one page of a table: its root page (`where: 'root'`, reading the table fails at
 * once, also while opening) or its last leaf (`'leaf'`: the database opens — the open's planner
 * statistics only walk the left edge — and most queries work; integrity_check and any read of
 * those rows fail: the damage that goes unnoticed longest).
 */
export function damageTable(source: string, target: string, table: string, where: 'root' | 'leaf' = 'leaf'): void {
  checkpoint(source);
  copyFileSync(source, target);
  const raw = new Database(target, { readonly: true });
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const root = raw.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as number;
  const leaf = raw.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' AND pageno <> ? ORDER BY path DESC LIMIT 1").pluck().get(table, root) as number | undefined;
  raw.close();
  const page = where === 'root' ? root : leaf;
  if (!page) throw new Error(`${table} has no leaf page below its root`);
  const bytes = readFileSync(target);
  bytes.fill(0xa5, (page - 1) * pageSize, page * pageSize);
  writeFileSync(target, bytes);
}

/** Keeps the 100-byte header and overwrites the rest of the first page (the schema): the open fails. */
export function damageSchema(source: string, target: string): void {
  checkpoint(source);
  copyFileSync(source, target);
  const bytes = readFileSync(target);
  bytes.fill(0xa5, 100, Math.min(bytes.length, 4096));
  writeFileSync(target, bytes);
}

// A canonical text form of everything a database holds: every table (by name), every row (by
// primary key), every value with its SQLite storage class. Two databases with the same content
// give the same lines byte for byte, whatever their page layout, free space or insertion
// history; the single-file export is these lines, and its import is proven lossless by them.
//
// Left out, because they are derived and rebuilt on open: the full-text index (a virtual table
// and its shadow tables), drizzle's record of applied migrations, and the settings naming the
// index version.
import type Database from 'better-sqlite3';

export interface DumpTable {
  name: string;
  columns: string[];
  orderBy: string[];
}

/**
 * Secrets that never leave this PC in a snapshot: the inquiry signing key. Whoever holds it can
 * forge a bureau's return, and a snapshot is made to be handed to others. It is written as ''
 * — the imported inquiries can be read but not collected (collect refuses an empty key).
 */
export const SECRET_COLUMNS: Record<string, string[]> = { inquiries: ['secret'] };

/** Settings that describe derived data rather than being data. */
export const DERIVED_SETTINGS = ['searchIndexVersion'];
const SKIPPED_TABLES = new Set(['__drizzle_migrations', 'sqlite_stat1', 'sqlite_stat4']);

const quoteId = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A value with its storage class kept: INTEGER as a JSON number (or {i} beyond 2^53), REAL as {r}, BLOB as {b}. */
export type DumpValue = null | string | number | { i: string } | { r: number | string } | { b: string };

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function encodeValue(v: unknown): DumpValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v >= MIN_SAFE && v <= MAX_SAFE ? Number(v) : { i: v.toString() };
  if (typeof v === 'number') return { r: Number.isFinite(v) ? v : String(v) };
  if (Buffer.isBuffer(v)) return { b: v.toString('base64') };
  throw new Error(`dump: unexpected value type ${typeof v}`);
}

/** The value to bind so that SQLite stores it with its original storage class. */
export function decodeValue(v: DumpValue): null | string | bigint | number | Buffer {
  if (v === null || typeof v === 'string') return v;
  if (typeof v === 'number') return BigInt(v);
  if ('i' in v) return BigInt(v.i);
  if ('r' in v) return Number(v.r);
  return Buffer.from(v.b, 'base64');
}

export function dumpTables(sqlite: Database.Database): DumpTable[] {
  const all = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string | null }[];
  const virtual = all.filter((t) => /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  const isShadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`));
  return all
    .filter((t) => !virtual.includes(t.name) && !isShadow(t.name) && !SKIPPED_TABLES.has(t.name))
    .map(({ name }) => {
      const info = sqlite.prepare(`PRAGMA table_info(${quoteId(name)})`).all() as { name: string; pk: number }[];
      const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      const columns = info.map((c) => c.name);
      return { name, columns, orderBy: pk.length ? pk : columns };
    });
}

/** SELECT of a table's rows in canonical order. */
export function selectSql(t: DumpTable): string {
  const where = t.name === 'settings' ? ` WHERE key NOT IN (${DERIVED_SETTINGS.map((k) => `'${k}'`).join(', ')})` : '';
  const secret = SECRET_COLUMNS[t.name] ?? [];
  const columns = t.columns.map((c) => (secret.includes(c) ? `'' AS ${quoteId(c)}` : quoteId(c)));
  return `SELECT ${columns.join(', ')} FROM ${quoteId(t.name)}${where} ORDER BY ${t.orderBy.map(quoteId).join(', ')}`;
}

export function insertSql(t: DumpTable): string {
  return `INSERT INTO ${quoteId(t.name)} (${t.columns.map(quoteId).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`;
}

/** The content lines: for each table a header line, then one JSON array per row. */
export function* dumpLines(sqlite: Database.Database): Generator<string> {
  for (const t of dumpTables(sqlite)) {
    yield JSON.stringify({ table: t.name, columns: t.columns });
    const stmt = sqlite.prepare(selectSql(t)).raw(true).safeIntegers(true);
    for (const row of stmt.iterate() as Iterable<unknown[]>) yield JSON.stringify(row.map(encodeValue));
  }
}

/** The whole canonical dump as one string (tests, comparisons). */
export function canonicalDump(sqlite: Database.Database): string {
  let out = '';
  for (const line of dumpLines(sqlite)) out += `${line}\n`;
  return out;
}

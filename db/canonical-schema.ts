// The schema this app's committed migrations produce at a data version, and how a database's
// schema differs from it. A file that carries anything else — a trigger, view, table or index of
// its own — is refused before anything writes to it (a trigger fires on writes: the restore's
// own audit entry, the migrations, the search index), and `xpw check` names what is foreign.
// The canonical schema is built by running the migrations' SQL (cut at that version) in memory,
// statement by statement as drizzle's migrator runs them; it is cached per version. drizzle
// itself is not loaded: every open checks the schema, and a start that needs no migration
// (every CLI command) must not pay for loading it.
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsDir } from './paths.js';
import { sqliteOptions } from './sqlite.js';

export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

export interface SchemaDifference {
  kind: 'foreign' | 'missing' | 'changed';
  type: string;
  name: string;
}

interface Journal {
  entries: { tag: string }[];
}

/** SQLite's own tables that appear in any database as it is used (ANALYZE, PRAGMA optimize). */
const SQLITE_INTERNAL: Record<string, string> = {
  sqlite_stat1: 'CREATE TABLE sqlite_stat1(tbl,idx,stat)',
  sqlite_stat4: 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)',
};

/**
 * Tables whose definition text is written by a library rather than by our migrations: drizzle's
 * record of applied migrations and FTS5's shadow tables (`issue_search_data` …). A newer drizzle
 * or SQLite may word them differently than the one that created an older file, so for these
 * only the name and kind must match; they hold no triggers or views of their own.
 */
function libraryDefined(o: SchemaObject, canonical: Map<string, SchemaObject>): boolean {
  if (o.type !== 'table') return false;
  if (o.name === '__drizzle_migrations') return true;
  for (const v of canonical.values()) {
    if (v.type === 'table' && /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(v.sql ?? '') && o.name.startsWith(`${v.name}_`)) return true;
  }
  return false;
}

const cache = new Map<number, Map<string, SchemaObject>>();
const key = (o: { type: string; name: string }) => `${o.type}\u0000${o.name}`;

/** A folder holding the first `version` migrations and their journal (migrations are append-only). */
export function migrationsAtVersion(version: number): { dir: string; remove(): void } {
  const journal = JSON.parse(readFileSync(join(migrationsDir(), 'meta', '_journal.json'), 'utf8')) as Journal & Record<string, unknown>;
  if (!Number.isInteger(version) || version < 0 || version > journal.entries.length) throw new Error(`スキーマ ${version} はこのアプリにありません`);
  const dir = mkdtempSync(join(tmpdir(), 'xpw-migrations-'));
  mkdirSync(join(dir, 'meta'));
  const entries = journal.entries.slice(0, version);
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) copyFileSync(join(migrationsDir(), `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function readSchema(sqlite: Database.Database): SchemaObject[] {
  return sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as SchemaObject[];
}

/**
 * drizzle's record of applied migrations, present in every migrated file, as drizzle's migrator
 * creates it (its text is matched by name only; its primary key makes an automatic index).
 */
const DRIZZLE_TABLE = 'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)';

/** The objects the migrations create up to `version` (0: an empty database). */
export function canonicalSchema(version: number): Map<string, SchemaObject> {
  const known = cache.get(version);
  if (known) return known;
  const journal = JSON.parse(readFileSync(join(migrationsDir(), 'meta', '_journal.json'), 'utf8')) as Journal;
  if (!Number.isInteger(version) || version < 0 || version > journal.entries.length) throw new Error(`スキーマ ${version} はこのアプリにありません`);
  const sqlite = new Database(':memory:', sqliteOptions());
  try {
    if (version > 0) sqlite.exec(DRIZZLE_TABLE);
    for (const e of journal.entries.slice(0, version)) {
      // drizzle's migrator splits a migration file at its breakpoints and runs each statement.
      const text = readFileSync(join(migrationsDir(), `${e.tag}.sql`), 'utf8');
      for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) sqlite.exec(statement);
    }
    const objects = new Map(readSchema(sqlite).map((o) => [key(o), o]));
    cache.set(version, objects);
    return objects;
  } finally {
    sqlite.close();
  }
}

/** Everything in `sqlite`'s schema that the migrations at `version` would not have made, or made differently. */
export function schemaDifferences(sqlite: Database.Database, version: number): SchemaDifference[] {
  const canonical = canonicalSchema(version);
  const found = readSchema(sqlite);
  const out: SchemaDifference[] = [];
  const seen = new Set<string>();
  for (const o of found) {
    const k = key(o);
    seen.add(k);
    const expected = canonical.get(k);
    if (!expected) {
      if (o.type === 'table' && SQLITE_INTERNAL[o.name] === o.sql) continue;
      out.push({ kind: 'foreign', type: o.type, name: o.name });
    } else if ((expected.sql !== o.sql && !libraryDefined(o, canonical)) || expected.tbl_name !== o.tbl_name) {
      out.push({ kind: 'changed', type: o.type, name: o.name });
    }
  }
  for (const [k, o] of canonical) if (!seen.has(k)) out.push({ kind: 'missing', type: o.type, name: o.name });
  return out;
}

const TYPE_NAMES: Record<string, string> = { table: '表', index: '索引', view: 'ビュー', trigger: 'トリガー' };
const KIND_NAMES: Record<SchemaDifference['kind'], string> = { foreign: 'アプリにない', missing: '欠けている', changed: '定義が違う' };

/** "アプリにないトリガー evil, 定義が違う表 issues …" for messages and `xpw check`. */
export function describeDifferences(diffs: SchemaDifference[], max = 5): string {
  const shown = diffs.slice(0, max).map((d) => `${KIND_NAMES[d.kind]}${TYPE_NAMES[d.type] ?? d.type} ${d.name}`);
  return diffs.length > max ? `${shown.join(', ')} ほか ${diffs.length - max} 件` : shown.join(', ');
}

// Every migration is tested on a populated database: from each earlier schema, with data, to the
// latest. Table rebuilds must not lose child rows (foreign keys are off while migrating).
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openDatabase, schemaVersion } from '../../db/open';
import { migrationsDir } from '../../db/paths';
import { listIssues } from '../../db/queries/issues';
import { runChecks } from '../../electron/services/check';
import { tempDbPath, tempDir } from '../helpers/temp';

interface Journal {
  entries: { idx: number; tag: string }[];
}
const journal = JSON.parse(readFileSync(join(migrationsDir(), 'meta', '_journal.json'), 'utf8')) as Journal & Record<string, unknown>;

/** A migrations folder holding only the first `count` migrations: an earlier app version. */
function earlierMigrations(count: number): string {
  const dir = tempDir('xpw-migrations-');
  mkdirSync(join(dir, 'meta'));
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  for (const e of journal.entries.slice(0, count)) copyFileSync(join(migrationsDir(), `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return dir;
}

/** Data for a database at schema version 1 (0000_initial), written with that version's SQL. */
function populateV1(sqlite: Database.Database): void {
  sqlite.exec(`
    INSERT INTO organizations (id, short_name, full_name, kind, display_order, full_name_assumed) VALUES
      (1, '会計', '会計室', '局', 1, 1), (2, '財変', '財政・変革局', '局', 2, 1);
    INSERT INTO scales (id, name) VALUES (1, '進捗ランク');
    INSERT INTO scale_ranks (scale_id, value, label, definition, sort_order) VALUES
      (1, '3', 'ランク3', '完了したもの', 3), (1, '2', 'ランク2', '具体的な作業', 2), (1, '1', 'ランク1', '検討のみ', 1);
    INSERT INTO rounds (id, label, title, as_of, meeting_date, scale_id) VALUES (1, 'R6.11', '令和6年11月時点', '2024-11', '2024-12-20', 1);
    INSERT INTO issues (id, uid, organization_id, level, number, title, title_sort, created_at) VALUES
      (1, 'u1', 1, 'A', 1, '財務会計システムの機能アップ', 'x', '2024-11-01T00:00:00Z'),
      (2, 'u2', 2, 'B', 4, '公共施設マネジメント実行計画の見直し', 'y', '2024-11-01T00:00:00Z');
    INSERT INTO issue_versions (issue_id, label, as_of, number, title, content, created_at) VALUES
      (2, 'R6.8', '2024-08-21', 2, '公共施設マネジメント実行計画の見直し', '総量の抑制', '2024-08-21T00:00:00Z'),
      (2, 'R6.11', '2024-11', 4, '公共施設マネジメント実行計画の見直し', '公民連携の取組み', '2024-11-30T00:00:00Z');
    INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, updated_by, updated_at) VALUES
      (1, 1, '2', '作業を確認', '', 'someone', '2024-12-01T00:00:00Z');
    INSERT INTO audit_log (at, actor, action, entity, issue_id, round_id, before, after) VALUES
      ('2024-12-01T00:00:00Z', 'someone', 'evaluation.rank', 'evaluation', 1, 1, '{"rank":null}', '{"rank":"2"}');
  `);
}

// v2 added only the (empty) search index, so v1's data is valid there too.
// v2 and v3 added tables and indexes only, so v1's data is valid there too.
// v6 (0005_rounds) added columns with defaults and indexes only, so v1's data is valid at v5 too.
/** v7 (0006_sync): also a change record, whose issue uid and round label 0008_sync_structure copies out of its key. */
function populateV7(sqlite: Database.Database): void {
  populateV1(sqlite);
  sqlite
    .prepare("INSERT INTO sync_records (id, hlc, actor_user, actor_pc, action, kind, key, field, before, after) VALUES ('r1', 'h', 'u', 'p', 'evaluation.rank', 'evaluation', ?, 'rank', 'null', '\"2\"')")
    .run(JSON.stringify({ issue: 'uid-1', round: 'R6.11' }));
}

// v8 (0007_comment_search) added an index and the 所見 search table only, so v7's data is valid there too.
const POPULATE: Record<number, (sqlite: Database.Database) => void> = {
  1: populateV1,
  2: populateV1,
  3: populateV1,
  4: populateV1,
  5: populateV1,
  6: populateV1,
  7: populateV7,
  8: populateV7,
};

const TABLES = ['organizations', 'scales', 'scale_ranks', 'rounds', 'issues', 'issue_versions', 'evaluations', 'audit_log'];
const counts = (sqlite: Database.Database) =>
  Object.fromEntries(TABLES.map((t) => [t, sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
describe('migrations', () => {
  it('creates the latest schema on an empty file', async () => {
    const db = await openDatabase(tempDbPath(), { create: true });
    const tables = db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining([...TABLES, 'settings', 'issue_search', 'comparison_notes', 'writing_rules']));
    // The default 記載チェック rule set ships with the schema.
    expect(db.sqlite.prepare('SELECT count(*) FROM writing_rules').pluck().get()).toBe(10);
    expect(runChecks(db.sqlite).ok).toBe(true);
    db.close();
  });

  it('has a populate function for every earlier schema version', () => {
    for (let v = 1; v < schemaVersion(); v++) expect(POPULATE[v], `populate function for schema v${v}`).toBeTypeOf('function');
  });

  for (let version = 1; version < schemaVersion(); version++) {
    it(`migrates a populated v${version} database to v${schemaVersion()} without losing rows, after a backup`, async () => {
      const file = tempDbPath();
      const old = new Database(file);
      old.pragma('journal_mode = WAL');
      migrate(drizzle(old), { migrationsFolder: earlierMigrations(version) });
      old.pragma(`application_id = ${APPLICATION_ID}`);
      old.pragma(`user_version = ${version}`);
      POPULATE[version]!(old);
      const before = counts(old);
      old.close();

      const backups: string[] = [];
      const db = await openDatabase(file, { onBackup: (p) => backups.push(p) });
      expect(counts(db.sqlite)).toEqual(before);
      expect(db.sqlite.pragma('user_version', { simple: true })).toBe(schemaVersion());
      expect(runChecks(db.sqlite).ok).toBe(true);
      // The search index is built for existing rows, 2-character queries included.
      expect(listIssues(db.sqlite, { roundId: 1, text: '公民', offset: 0, limit: 10 }).rows.map((r) => r.id)).toEqual([2]);
      // … and for the 所見 already written (作業を確認 is issue 1's only).
      expect(listIssues(db.sqlite, { roundId: 1, text: '作業', offset: 0, limit: 10 }).rows.map((r) => r.id)).toEqual([1]);
      if (version >= 7) expect(db.sqlite.prepare("SELECT issue, round FROM sync_records WHERE id = 'r1'").get()).toEqual({ issue: 'uid-1', round: 'R6.11' });
      db.close();

      expect(backups).toHaveLength(1);
      expect(existsSync(backups[0]!)).toBe(true);
      const copy = new Database(backups[0]!, { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(version);
      expect(counts(copy)).toEqual(before);
      copy.close();
    });
  }

  it('takes no backup when nothing needs migrating', async () => {
    const file = tempDbPath();
    (await openDatabase(file, { create: true })).close();
    const backups: string[] = [];
    (await openDatabase(file, { onBackup: (p) => backups.push(p) })).close();
    expect(backups).toEqual([]);
  });
});

// A crafted .sqlite with the app's application_id and version but triggers, views, tables or
// indexes of its own (issue 11 item 2): restore, open and the checks accept only the schema the
// committed migrations produce at that data version, refuse before anything writes (so no
// trigger can fire), and `xpw check` names the foreign objects.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalSchema, schemaDifferences } from '../../db/canonical-schema';
import { openDatabase, schemaVersion } from '../../db/open';
import { prepareRestore } from '../../electron/services/backups/prepare-restore';
import { restoreInto } from '../../electron/services/backups/restore';
import { takeBackup } from '../../electron/services/backups/take-backup';
import { isGoodBackup } from '../../electron/services/backups/recovery';
import { verifyBackupFile } from '../../electron/services/backups/verify-backup';
import { runChecks } from '../../electron/services/check';
import { canonicalDump } from '../../electron/services/snapshot/canonical-dump';
import { createAtVersion } from '../../electron/services/snapshot/schema-at-version';
import { sampleDb, sha256, tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'xpw.mjs');

const HOSTILE = [
  // Deletes the restore's own audit entry, and rewrites comments without audit.
  "CREATE TRIGGER hide_restore AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log WHERE id = new.id; END",
  "CREATE TRIGGER rewrite_comment AFTER UPDATE ON evaluations BEGIN UPDATE evaluations SET comment = '改ざん' WHERE id = new.id; END",
  'CREATE VIEW leak AS SELECT * FROM settings',
  'CREATE TABLE stash (x)',
  'CREATE INDEX extra_idx ON issues (title)',
];

async function craftedBackup(statements = HOSTILE): Promise<{ file: string; live: Awaited<ReturnType<typeof sampleDb>> }> {
  const live = await sampleDb();
  const backup = await takeBackup(live, 'manual');
  const file = join(tempDir(), 'crafted.sqlite');
  copyFileSync(backup, file);
  const w = new Database(file);
  for (const s of statements) w.exec(s);
  w.pragma('journal_mode = DELETE');
  w.close();
  return { file, live };
}

/** Triggers other than the app's own (0007: the 所見 search index is kept by two). */
const foreignTriggers = (sqlite: Database.Database) =>
  sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'evaluations_comment_search_%'").pluck().get() as number;

describe('only the schema of our migrations', () => {
  it('a database of ours, new or migrated from an old version and analysed, matches the canonical schema', async () => {
    const fresh = await sampleDb();
    fresh.sqlite.exec('ANALYZE');
    expect(schemaDifferences(fresh.sqlite, schemaVersion())).toEqual([]);
    expect(runChecks(fresh.sqlite).lines).toContain('schema: ok');
    fresh.close();
    const old = join(tempDir(), 'old.sqlite');
    createAtVersion(old, 1).close();
    const migrated = await openDatabase(old);
    expect(schemaDifferences(migrated.sqlite, schemaVersion())).toEqual([]);
    migrated.close();
    expect(canonicalSchema(schemaVersion()).size).toBeGreaterThan(10);
  });

  it('restore refuses a crafted backup before anything writes; the live database and the file stay as they were', async () => {
    const { file, live } = await craftedBackup();
    const fileHash = sha256(file);
    const before = canonicalDump(live.sqlite);
    const error = (await prepareRestore(file).catch((e: unknown) => e)) as { code: string; message: string };
    expect(error).toMatchObject({ code: 'FOREIGN_SCHEMA' });
    expect(error.message).toMatch(/トリガー hide_restore/);
    expect(error.message).toContain(file);
    expect(sha256(file)).toBe(fileHash);
    expect(canonicalDump(live.sqlite)).toBe(before);
    expect(foreignTriggers(live.sqlite)).toBe(0);
    expect(verifyBackupFile(file).ok).toBe(false);
    expect(isGoodBackup(file)).toBe(false);
    live.close();
  });

  it('each kind of foreign object is refused on its own', async () => {
    for (const statement of HOSTILE) {
      const { file, live } = await craftedBackup([statement]);
      await expect(prepareRestore(file)).rejects.toMatchObject({ code: 'FOREIGN_SCHEMA' });
      live.close();
    }
  });

  it('an old-version file with a trigger is refused by the open before its migrations (which would write) run', async () => {
    const old = join(tempDir(), 'old-hostile.sqlite');
    const s = createAtVersion(old, 2);
    s.exec("CREATE TRIGGER t AFTER INSERT ON settings BEGIN DELETE FROM settings; END");
    s.pragma('journal_mode = DELETE');
    s.close();
    const hash = sha256(old);
    await expect(openDatabase(old)).rejects.toMatchObject({ code: 'FOREIGN_SCHEMA' });
    expect(sha256(old)).toBe(hash);
  });

  it('a prepared copy changed after its checks is refused by the restore itself', async () => {
    const live = await sampleDb();
    const backup = await takeBackup(live, 'manual');
    const prepared = await prepareRestore(backup);
    const w = new Database(prepared.file);
    w.exec(HOSTILE[0]!);
    w.close();
    await expect(restoreInto(live, prepared, 'テスト')).rejects.toMatchObject({ code: 'FOREIGN_SCHEMA' });
    expect(foreignTriggers(live.sqlite)).toBe(0);
    live.close();
  });

  it('xpw check names the foreign objects and fails', async () => {
    const { file, live } = await craftedBackup();
    live.close();
    const r = spawnSync(process.execPath, [BIN, 'check', '--db', file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/schema: .*トリガー hide_restore/);
    expect(r.stdout).toMatch(/ビュー leak/);
    expect(r.stdout).toMatch(/表 stash/);
    expect(r.stdout).toMatch(/索引 extra_idx/);
    expect(r.stdout).toContain('結果: 問題があります');
    expect(r.stdout).not.toContain('問題ありません');
  });
});

describe('definitions written by libraries', () => {
  it("drizzle's migration table is matched by name, our tables by their full definition", async () => {
    const file = join(tempDir(), 'other-drizzle.sqlite');
    // As another drizzle version may word its own table …
    const pre = new Database(file);
    pre.exec('CREATE TABLE "__drizzle_migrations" ( id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric )');
    pre.close();
    const db = createAtVersion(file, schemaVersion());
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = '__drizzle_migrations'").pluck().get()).toContain('( id SERIAL');
    expect(schemaDifferences(db, schemaVersion())).toEqual([]);
    // … but a table of ours defined differently is reported.
    db.exec('ALTER TABLE issues ADD COLUMN extra TEXT');
    expect(schemaDifferences(db, schemaVersion())).toEqual([{ kind: 'changed', type: 'table', name: 'issues' }]);
    db.close();
  });
});

// Restore: prepare (check and preview the chosen file, which is only read), then a safety copy
// and the backup API into the live file — seen at once by every open connection (the app's Db
// and a preview server's), audited, keeping this PC's settings; refusals leave everything as
// it was; a database that cannot be opened at all is moved aside, never overwritten.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../db/open';
import { setComment, setRank } from '../../db/write/evaluations';
import { resolveIssueKey } from '../../db/queries/issues';
import { readSetting } from '../../db/queries/settings';
import { writeSetting } from '../../db/write/settings';
import { BACKUP_POLICY_KEY, DEFAULT_BACKUP_POLICY } from '../../electron/services/backups/policy';
import { prepareRestore } from '../../electron/services/backups/prepare-restore';
import { replaceUnreadable, restoreInto } from '../../electron/services/backups/restore';
import { takeBackup } from '../../electron/services/backups/take-backup';
import { canonicalDump } from '../../electron/services/snapshot/canonical-dump';
import { createAtVersion } from '../../electron/services/snapshot/schema-at-version';
import { runChecks } from '../../electron/services/check';
import { damageSchema } from '../helpers/damage';
import { sampleDb, sha256, tempDir } from '../helpers/temp';

const rankOf = (sqlite: Database.Database, key: string) =>
  sqlite.prepare('SELECT rank FROM evaluations WHERE issue_id = ?').pluck().get(resolveIssueKey(sqlite, key)) as string | null;

/** The dump without the audit log and the kept settings: "the same data" across a restore. */
const dataDump = (sqlite: Database.Database) =>
  canonicalDump(sqlite)
    .split('\n')
    .filter((l, i, all) => {
      const table = all.slice(0, i + 1).reverse().find((x) => x.startsWith('{'));
      return !/"table":"(audit_log|settings|sqlite_sequence)"/.test(table ?? '');
    })
    .join('\n');

describe('restore into the open database', () => {
  it('shows what the backup holds, then restores it under every open connection, audited, with a safety copy', async () => {
    const db = await sampleDb();
    const issueId = resolveIssueKey(db.sqlite, '会計-A-1')!;
    const backup = await takeBackup(db, 'manual');
    const atBackup = dataDump(db.sqlite);
    const rankAtBackup = rankOf(db.sqlite, '会計-A-1');

    // Work goes on after the backup.
    setRank(db.sqlite, { issueId, roundId: 1, rank: '1', actor: '山田' });
    setComment(db.sqlite, { issueId, roundId: 1, comment: '後で取り消す変更', actor: '山田' });
    writeSetting(db.sqlite, 'displayName', '事務局 山田');
    const beforeRestore = canonicalDump(db.sqlite);
    // A second process's view of the same file (the preview server).
    const other = await openDatabase(db.file);
    expect(rankOf(other.sqlite, '会計-A-1')).toBe('1');
    expect(rankAtBackup).not.toBe('1');

    const backupHash = (() => {
      const r = new Database(backup, { readonly: true });
      const d = canonicalDump(r);
      r.close();
      return d;
    })();
    const prepared = await prepareRestore(backup);
    expect(prepared.kind).toBe('backup');
    expect(prepared.summary).toMatchObject({ issues: 133, versions: 2, evaluations: 132, organizations: 29, rounds: [{ label: 'R6.11', evaluations: 132, ranked: 132 }] });
    expect(prepared.summary.lastChange).toMatchObject({ action: 'sample.load', actor: 'テスト担当' });

    const result = await restoreInto(db, prepared, '事務局 山田');
    // The data is the backup's, in this connection and in the other one.
    expect(dataDump(db.sqlite)).toBe(atBackup);
    expect(dataDump(other.sqlite)).toBe(atBackup);
    expect(rankOf(other.sqlite, '会計-A-1')).toBe(rankAtBackup);
    // The safety copy holds exactly what was there before.
    const safety = new Database(result.safetyCopy, { readonly: true });
    expect(canonicalDump(safety)).toBe(beforeRestore);
    safety.close();
    // Audited, and this user's settings kept.
    const audit = db.sqlite.prepare("SELECT actor, before, after FROM audit_log WHERE action = 'backup.restore'").all() as { actor: string; before: string; after: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('事務局 山田');
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ source: backup, kind: 'backup', issues: 133 });
    expect(JSON.parse(audit[0]!.before)).toMatchObject({ safetyCopy: result.safetyCopy });
    expect(readSetting(db.sqlite, 'displayName')).toBe('事務局 山田');
    // Still a healthy WAL database; the backup file itself was only read; the preparation is gone.
    expect(runChecks(db.sqlite).ok).toBe(true);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    const after = new Database(backup, { readonly: true });
    expect(canonicalDump(after)).toBe(backupHash);
    after.close();
    expect(existsSync(prepared.dir)).toBe(false);
    // Both connections go on writing.
    setRank(other.sqlite, { issueId, roundId: 1, rank: '2', actor: 'preview' });
    expect(rankOf(db.sqlite, '会計-A-1')).toBe('2');
    other.close();
    db.close();
  });

  it('brings a backup of an older schema up to this version before restoring it', async () => {
    const db = await sampleDb();
    const old = join(tempDir(), 'old.sqlite');
    const raw = createAtVersion(old, schemaVersion() - 1);
    raw.exec(`
      INSERT INTO organizations (id, short_name, full_name, kind, display_order, full_name_assumed) VALUES (1, '会計', '会計室', '局', 1, 1);
      INSERT INTO scales (id, name) VALUES (1, '進捗ランク');
      INSERT INTO scale_ranks (scale_id, value, label, definition, sort_order) VALUES (1, '3', 'ランク3', '完了したもの', 3), (1, '1', 'ランク1', '検討のみ', 1);
      INSERT INTO rounds (id, label, title, as_of, scale_id) VALUES (1, 'R6.11', '令和6年11月時点', '2024-11', 1);
      INSERT INTO issues (id, uid, organization_id, level, number, title, title_sort, created_at) VALUES (1, 'u1', 1, 'A', 1, '財務会計システムの機能アップ', 'x', '2024-11-01T00:00:00Z');
      INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, updated_by, updated_at) VALUES (1, 1, '3', '完了', '', '前任者', '2024-12-01T00:00:00Z');
    `);
    raw.close();
    const prepared = await prepareRestore(old);
    expect(prepared.summary).toMatchObject({ schemaVersion: schemaVersion(), issues: 1, evaluations: 1, lastChange: { actor: '前任者' } });
    await restoreInto(db, prepared, 'テスト担当');
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(schemaVersion());
    expect(rankOf(db.sqlite, '会計-A-1')).toBe('3');
    expect(runChecks(db.sqlite).ok).toBe(true);
    db.close();
  });

  it.each([
    ['not SQLite', (f: string) => writeFileSync(f, 'PK\u0003\u0004 budget.xlsx'), /バックアップ \(\.sqlite\) でも全データの書き出しファイル \(\.xpws\) でもありません/],
    [
      "another application's database",
      (f: string) => {
        const o = new Database(f);
        o.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'a')");
        o.close();
      },
      /X方針ワークベンチのデータベースではありません/,
    ],
    [
      'a newer version',
      (f: string) => {
        const o = new Database(f);
        o.pragma('application_id = 1481660209');
        o.pragma(`user_version = ${schemaVersion() + 1}`);
        o.exec('CREATE TABLE x (a)');
        o.close();
      },
      /新しいバージョンのアプリ/,
    ],
  ])('refuses %s as a source, naming it, and changes nothing', async (_what, make, message) => {
    const db = await sampleDb();
    const source = join(tempDir(), 'source.sqlite');
    make(source);
    const sourceHash = sha256(source);
    const before = canonicalDump(db.sqlite);
    await expect(prepareRestore(source)).rejects.toMatchObject({ message: expect.stringMatching(message) });
    await expect(prepareRestore(source)).rejects.toMatchObject({ message: expect.stringContaining(source) });
    expect(sha256(source)).toBe(sourceHash);
    expect(canonicalDump(db.sqlite)).toBe(before);
    db.close();
  });

  it('refuses a damaged backup', async () => {
    const db = await sampleDb();
    const backup = await takeBackup(db, 'manual');
    const damaged = join(tempDir(), 'damaged.sqlite');
    damageSchema(backup, damaged);
    await expect(prepareRestore(damaged)).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/破損/) });
    db.close();
  });

  it('keeps the backup folder of this PC', async () => {
    const db = await sampleDb();
    const backup = await takeBackup(db, 'manual');
    const folder = join(tempDir(), 'share');
    writeSetting(db.sqlite, BACKUP_POLICY_KEY, { ...DEFAULT_BACKUP_POLICY, folder, keepLast: 20 });
    await restoreInto(db, await prepareRestore(backup), 'テスト担当');
    expect(readSetting(db.sqlite, BACKUP_POLICY_KEY)).toMatchObject({ folder, keepLast: 20 });
    db.close();
  });
});

describe('the way out for a database that cannot be opened', () => {
  it('moves the unusable file and its -wal aside byte for byte and puts a checked copy in its place', async () => {
    const db = await sampleDb();
    const backup = await takeBackup(db, 'manual');
    const expected = dataDump(db.sqlite);
    db.close();
    const dir = tempDir();
    const file = join(dir, 'xpw.sqlite');
    damageSchema(db.file, file);
    writeFileSync(`${file}-wal`, 'stale wal of the damaged file');
    const hash = sha256(file);
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'CORRUPT' });

    const { movedAside } = await replaceUnreadable(file, await prepareRestore(backup));
    expect(sha256(movedAside!)).toBe(hash);
    expect(existsSync(`${movedAside}-wal`)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.restoring') || n.includes('.partial'))).toEqual([]);
    const restored = await openDatabase(file);
    expect(dataDump(restored.sqlite)).toBe(expected);
    expect(runChecks(restored.sqlite).ok).toBe(true);
    restored.close();
  });
});

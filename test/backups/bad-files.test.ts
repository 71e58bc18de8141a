// A database file that is not ours, one from a newer version and corrupt ones (bytes overwritten
// in a copy): a clear Japanese message and the way out — the newest good backup and how to
// restore it — from the CLI, the preview's start and the app's start-up offer; nothing is
// overwritten, and following the way out works.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../db/open';
import { recoverFrom, recoveryOffer } from '../../electron/services/backups/recovery-offer';
import { takeBackup } from '../../electron/services/backups/take-backup';
import { startOnDatabase } from '../../electron/services/startup';
import { damageSchema, damageTable } from '../helpers/damage';
import { sampleDb, sha256, tempDir } from '../helpers/temp';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'xpw.mjs');
const xpw = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

// One good database with two good backups and a newer damaged one that must be skipped.
const good = await sampleDb();
good.close();
const inUse = await openDatabase(good.file); // a database in use has its planner statistics
const older = await takeBackup(inUse, 'daily', new Date('2024-12-19T00:00:00.000Z'));
const newest = await takeBackup(inUse, 'import', new Date('2024-12-20T00:00:00.000Z'));
inUse.close();
const damagedBackupName = 'xpw-20241221T000000000Z-bulk.sqlite';

type Make = (target: string) => void;
const CASES: [string, Make, RegExp][] = [
  [
    "another application's database",
    (f) => {
      const o = new Database(f);
      o.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, '山田商店')");
      o.close();
    },
    /X方針ワークベンチのデータベースではありません/,
  ],
  [
    'a newer version',
    (f) => {
      copyFileSync(good.file, f);
      const o = new Database(f);
      o.pragma(`user_version = ${schemaVersion() + 1}`);
      o.close();
    },
    /新しいバージョンのアプリで作成・更新されています/,
  ],
  ['a copy with its schema overwritten', (f) => damageSchema(good.file, f), /破損/],
  ['a copy with a table overwritten', (f) => damageTable(good.file, f, 'evaluations', 'root'), /破損/],
];

/** A folder holding the bad file and the good database's backups (plus a damaged newer one). */
function setUp(make: Make): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'backups'));
  copyFileSync(older, join(dir, 'backups', 'xpw-20241219T000000000Z-daily.sqlite'));
  copyFileSync(newest, join(dir, 'backups', 'xpw-20241220T000000000Z-import.sqlite'));
  damageSchema(newest, join(dir, 'backups', damagedBackupName));
  const file = join(dir, 'xpw.sqlite');
  make(file);
  return file;
}

describe.each(CASES)('%s', (_name, make, message) => {
  it('gets a Japanese message and the newest good backup from the CLI; following it restores; nothing is overwritten', () => {
    const file = setUp(make);
    const hash = sha256(file);
    const r = xpw('summary', '--db', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('最新の正常なバックアップ');
    expect(r.stderr).toContain('xpw-20241220T000000000Z-import.sqlite'); // not the newer damaged one
    expect(r.stderr).not.toContain(damagedBackupName);
    expect(sha256(file)).toBe(hash);

    const command = /xpw (restore --db "([^"]+)" --from "([^"]+)")/.exec(r.stderr)!;
    expect(command[2]).toBe(file);
    const restore = xpw('restore', '--db', command[2]!, '--from', command[3]!);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('削除・変更していません');
    const aside = readdirSync(join(file, '..')).find((n) => n.startsWith('xpw.sqlite.unreadable-'))!;
    expect(sha256(join(file, '..', aside))).toBe(hash);
    const check = xpw('check', '--db', file);
    expect(check.stdout).toContain('結果: 問題ありません');
    expect(xpw('summary', '--db', file).stdout).toContain('A 現行業務の改善\t132\t13\t118\t1');
  });

  it("gets the restore offer at the app's start, which works on consent", async () => {
    const file = setUp(make);
    const hash = sha256(file);
    const error = await startOnDatabase({ baseDir: tempDir(), file, sampleIfNew: true }).then(
      () => null,
      (e: unknown) => e,
    );
    const offer = recoveryOffer(error);
    expect(offer).not.toBeNull();
    expect(offer!.title).toBe('X方針ワークベンチを起動できません');
    expect(offer!.detail).toMatch(message);
    expect(offer!.detail).toMatch(/最新の正常なバックアップ: .+\(取り込み前\)/);
    expect(offer!.detail).toMatch(/変革課題 133 件/);
    expect(offer!.backup!.path).toContain('xpw-20241220T000000000Z-import.sqlite');
    expect(sha256(file)).toBe(hash);

    const { movedAside } = await recoverFrom(file, offer!.backup!.path);
    expect(sha256(movedAside!)).toBe(hash);
    const started = await startOnDatabase({ baseDir: tempDir(), file });
    started.stopBackups();
    expect(started.db.sqlite.prepare('SELECT count(*) FROM issues').pluck().get()).toBe(133);
    started.db.close();
  });
});

describe('damage the open does not see', () => {
  it('is found by the start copy and by xpw check, with the way out', async () => {
    const file = setUp((f) => damageTable(good.file, f, 'evaluations', 'leaf'));
    const hash = sha256(file);
    const check = xpw('check', '--db', file);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/integrity_check: (?!ok)/);
    expect(check.stdout).toContain('結果: 問題があります');
    expect(check.stdout).toContain('xpw restore --db');
    const error = await startOnDatabase({ baseDir: tempDir(), file }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/データベースが破損しています/) });
    expect(recoveryOffer(error)!.backup).not.toBeNull();
    expect(sha256(file)).toBe(hash);
  });

  it('stops the browser preview with the way out', () => {
    const file = setUp((f) => damageSchema(good.file, f));
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/web/start.ts'), '--db', file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, XPW_DATA_DIR: tempDir() } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/破損/);
    expect(r.stderr).toMatch(/復元するには: xpw restore --db/);
  });
});

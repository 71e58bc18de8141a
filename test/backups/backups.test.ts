// Automatic copies: verified, single-file, named by time and reason, into the configured folder
// (or beside the database when that fails), pruned by the retention rule; the start copy
// (daily when it is the day's first) and the daily timer; a damaged database refused at start.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { writeSetting } from '../../db/write/settings';
import { backupAtStart, startDailyBackups } from '../../electron/services/backups/auto-backups';
import { listBackups } from '../../electron/services/backups/backup-files';
import { BACKUP_POLICY_KEY, DEFAULT_BACKUP_POLICY } from '../../electron/services/backups/policy';
import { lastBackupOf, takeBackup } from '../../electron/services/backups/take-backup';
import { canonicalDump } from '../../electron/services/snapshot/canonical-dump';
import { damageTable } from '../helpers/damage';
import { sampleDb, sha256, tempDir, tempDbPath } from '../helpers/temp';

const open = (path: string) => new Database(path, { readonly: true, fileMustExist: true });

describe('takeBackup', () => {
  it('writes a verified copy with the same content, as one self-contained file', async () => {
    const db = await sampleDb();
    const path = await takeBackup(db, 'import', new Date('2024-12-20T09:30:00.123Z'));
    expect(basename(path)).toBe('xpw-20241220T093000123Z-import.sqlite');
    expect(path.startsWith(join(db.file, '..', 'backups'))).toBe(true);
    expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`) || existsSync(`${path}.partial`)).toBe(false);
    const copy = open(path);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(canonicalDump(copy)).toBe(canonicalDump(db.sqlite));
    copy.close();
    // Two copies in the same millisecond do not collide.
    const again = await takeBackup(db, 'import', new Date('2024-12-20T09:30:00.123Z'));
    expect(basename(again)).toBe('xpw-20241220T093000123Z-import-2.sqlite');
    db.close();
  });

  it('writes into the configured folder, and beside the database when that folder cannot be written', async () => {
    const db = await sampleDb();
    const folder = join(tempDir(), 'server-share');
    writeSetting(db.sqlite, BACKUP_POLICY_KEY, { ...DEFAULT_BACKUP_POLICY, folder });
    const first = await takeBackup(db, 'manual');
    expect(first.startsWith(folder)).toBe(true);
    expect(lastBackupOf(db.file)).toMatchObject({ path: first, fellBackFrom: null, error: null });

    // The "folder" is now a file: as if the file server were unreachable.
    const blocked = join(tempDir(), 'not-a-folder');
    writeFileSync(blocked, 'x');
    writeSetting(db.sqlite, BACKUP_POLICY_KEY, { ...DEFAULT_BACKUP_POLICY, folder: blocked });
    const second = await takeBackup(db, 'bulk');
    expect(second.startsWith(join(db.file, '..', 'backups'))).toBe(true);
    expect(lastBackupOf(db.file)).toMatchObject({ path: second, fellBackFrom: blocked });
    db.close();
  });

  it('prunes by the retention rule after each copy, keeping the newest', async () => {
    const db = await sampleDb();
    writeSetting(db.sqlite, BACKUP_POLICY_KEY, { ...DEFAULT_BACKUP_POLICY, keepLast: 3, keepDays: 0 });
    const taken: string[] = [];
    for (let i = 0; i < 6; i++) taken.push(await takeBackup(db, 'bulk', new Date(Date.UTC(2024, 11, 20, 9, i))));
    const left = listBackups([join(db.file, '..', 'backups')]).map((e) => e.path);
    expect(left).toEqual(taken.slice(3).reverse());

    // A size limit below two copies leaves only the newest.
    writeSetting(db.sqlite, BACKUP_POLICY_KEY, { ...DEFAULT_BACKUP_POLICY, keepLast: 3, keepDays: 0, maxTotalMb: 10 });
    const bytes = listBackups([join(db.file, '..', 'backups')])[0]!.bytes;
    expect(bytes * 2).toBeLessThan(10 * 1024 * 1024); // the sample is small: all three fit
    const last = await takeBackup(db, 'bulk', new Date(Date.UTC(2024, 11, 20, 10, 0)));
    expect(listBackups([join(db.file, '..', 'backups')])[0]!.path).toBe(last);
    db.close();
  });

  it('fails with a Japanese message when no folder can be written, and reports it', async () => {
    const dir = tempDir();
    const db = await sampleDb(join(dir, 'xpw.sqlite'));
    writeFileSync(join(dir, 'backups'), 'a file where the folder should be');
    const blocked = join(tempDir(), 'also-a-file');
    writeFileSync(blocked, 'x');
    writeSetting(db.sqlite, BACKUP_POLICY_KEY, { ...DEFAULT_BACKUP_POLICY, folder: blocked });
    await expect(takeBackup(db, 'import')).rejects.toMatchObject({ code: 'BACKUP_FAILED', message: expect.stringContaining('バックアップを作成できませんでした') });
    expect(lastBackupOf(db.file)?.error).toMatch(/バックアップを作成できませんでした/);
    db.close();
  });
});

describe('automatic copies at start and daily', () => {
  it('labels the first copy of the day 日次 and the later ones 起動時', async () => {
    const db = await sampleDb();
    const first = await backupAtStart(db);
    const second = await backupAtStart(db);
    expect([first.reason, second.reason]).toEqual(['daily', 'start']);
    expect(first.path && existsSync(first.path)).toBeTruthy();
    expect(second.error).toBeNull();
    db.close();
  });

  it('refuses a database whose pages are damaged, without touching it', async () => {
    const good = await sampleDb();
    good.close();
    (await openDatabase(good.file)).close(); // a database in use has its planner statistics
    const bad = join(tempDir(), 'xpw.sqlite');
    // A leaf page of the evaluations: the open succeeds, the start copy's check does not.
    damageTable(good.file, bad, 'evaluations', 'leaf');
    const before = sha256(bad);
    const db = await openDatabase(bad);
    await expect(backupAtStart(db)).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/データベースが破損しています/) });
    db.close();
    expect(sha256(bad)).toBe(before);
    expect(listBackups([join(bad, '..', 'backups')])).toEqual([]); // no bad copy was kept
  });

  it('takes the daily copy from a timer once there is none for today', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'data'));
    const db = await sampleDb(join(dir, 'data', 'xpw.sqlite'));
    const taken: string[] = [];
    const stop = startDailyBackups(db, { intervalMs: 10, onBackup: (p) => taken.push(p) });
    while (taken.length === 0) await new Promise((r) => setTimeout(r, 10));
    // One per day: the timer keeps running but takes no second copy today.
    await new Promise((r) => setTimeout(r, 100));
    stop();
    expect(taken).toHaveLength(1);
    expect(basename(taken[0]!)).toMatch(/-daily\.sqlite$/);
    db.close();
  });
});

describe('where the copies go by default', () => {
  it('is the backups folder beside the database', async () => {
    const db = await openDatabase(tempDbPath(), { create: true });
    const path = await takeBackup(db, 'manual');
    expect(join(path, '..')).toBe(join(db.file, '..', 'backups'));
    db.close();
  });
});

// Files that hold the data are private to the user (issue 11 item 9): the database and its
// -wal/-shm, automatic and manual backups, a database read from a snapshot, the snapshot and
// export files the CLI writes, the settings file — 0600, and the folders created for them 0700,
// even under the usual umask 022. Windows has no such modes (its per-user folders' ACLs apply):
// there the files are only checked to exist.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { HAS_FILE_MODES } from '../../db/private-files';
import { takeBackup } from '../../electron/services/backups/take-backup';
import { seedSample } from '../../electron/services/sample-data';
import { writeAppSettings, settingsFilePath } from '../../electron/services/settings/app-settings-file';
import { importSnapshot } from '../../electron/services/snapshot/import-snapshot';
import { writeSnapshot } from '../../electron/services/snapshot/snapshot-file';
import { tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'xpw.mjs');
process.umask(0o022);

function expectMode(path: string, mode: number): void {
  expect(existsSync(path), path).toBe(true);
  if (HAS_FILE_MODES) expect((statSync(path).mode & 0o777).toString(8), path).toBe(mode.toString(8));
}

describe('private files and folders', () => {
  it('creates the database, its WAL files, backups and their folders private', async () => {
    const root = tempDir();
    const file = join(root, 'new-folder', 'xpw.sqlite');
    const db = await openDatabase(file, { create: true });
    seedSample(db, 'テスト担当');
    expectMode(join(root, 'new-folder'), 0o700);
    expectMode(file, 0o600);
    expectMode(`${file}-wal`, 0o600);
    expectMode(`${file}-shm`, 0o600);
    const backup = await takeBackup(db, 'manual');
    expectMode(backup, 0o600);
    expectMode(join(backup, '..'), 0o700);

    const snapshot = join(root, 'all.xpws');
    writeFileSync(snapshot, await writeSnapshot(db.sqlite, { appVersion: 't', createdBy: 't' }));
    const imported = join(root, 'from-snapshot.sqlite');
    await importSnapshot(snapshot, imported);
    expectMode(imported, 0o600);
    db.close();

    const base = join(root, 'profile');
    writeAppSettings(base, { dataDir: null, movedFrom: null, backupFolder: null });
    expectMode(settingsFilePath(base), 0o600);
    expectMode(base, 0o700);
  });

  it('the CLI writes backups, snapshots and exports private', () => {
    const root = tempDir();
    const file = join(root, 'x.sqlite');
    const run = (...args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    };
    run('init', '--db', file, '--sample');
    expectMode(file, 0o600);
    run('backup', '--db', file, '--out', join(root, 'copy.sqlite'));
    expectMode(join(root, 'copy.sqlite'), 0o600);
    run('snapshot', 'export', '--db', file, '--out', join(root, 's.xpws'));
    expectMode(join(root, 's.xpws'), 0o600);
    run('export', 'grid', '--db', file, '--out', join(root, 'grid.csv'));
    expectMode(join(root, 'grid.csv'), 0o600);
  }, 120_000);
});

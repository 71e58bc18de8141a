import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, isNetworkPath, openDatabase, schemaVersion } from '../../db/open';
import { sha256, tempDbPath, tempDir } from '../helpers/temp';

describe('openDatabase', () => {
  it('creates a database with WAL, foreign keys, busy_timeout and our application id', async () => {
    const file = tempDbPath();
    const db = await openDatabase(file, { create: true });
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(schemaVersion());
    db.close();
  });

  it('refuses a missing file unless asked to create it', async () => {
    await expect(openDatabase(join(tempDir(), 'none.sqlite'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a file that is not SQLite and leaves it untouched', async () => {
    const file = join(tempDir(), 'notes.sqlite');
    writeFileSync(file, 'これはデータベースではありません\n'.repeat(20));
    const before = sha256(file);
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'NOT_SQLITE', message: expect.stringContaining('SQLiteのデータベースではありません') });
    expect(sha256(file)).toBe(before);
  });

  it("refuses another application's SQLite file and leaves it untouched", async () => {
    const file = join(tempDir(), 'other.sqlite');
    const other = new Database(file);
    other.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'a');");
    other.close();
    const before = sha256(file);
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'NOT_OURS' });
    expect(sha256(file)).toBe(before);
  });

  it('refuses a database written by a newer version of the app', async () => {
    const file = tempDbPath();
    (await openDatabase(file, { create: true })).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${schemaVersion() + 1}`);
    raw.close();
    const before = sha256(file);
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'NEWER_VERSION', message: expect.stringContaining('新しいバージョン') });
    expect(sha256(file)).toBe(before);
  });

  it('refuses a corrupt database with a clear message', async () => {
    const file = tempDbPath();
    (await openDatabase(file, { create: true })).close();
    const raw = new Database(file);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    // Keep the 100-byte header, overwrite the rest of the first page and the schema with junk.
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 100, Math.min(bytes.length, 8192));
    writeFileSync(file, bytes);
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('破損') });
  });

  it('refuses databases on network shares', async () => {
    expect(isNetworkPath('\\\\fileserver\\share\\xpw.sqlite')).toBe(true);
    expect(isNetworkPath('//fileserver/share/xpw.sqlite')).toBe(true);
    expect(isNetworkPath('C:\\Users\\me\\xpw.sqlite')).toBe(false);
    expect(isNetworkPath('/home/me/xpw.sqlite')).toBe(false);
    await expect(openDatabase('\\\\fileserver\\share\\xpw.sqlite', { create: true })).rejects.toMatchObject({
      code: 'NETWORK_PATH',
      message: expect.stringContaining('SMB'),
    });
  });
});

// Temporary folders and database files for tests: real SQLite files on disk, removed afterwards.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { seedSample } from '../../electron/services/sample-data';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'xpw-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export const tempDbPath = (): string => join(tempDir(), 'xpw.sqlite');

export async function sampleDb(file = tempDbPath()): Promise<Db> {
  const db = await openDatabase(file, { create: true });
  seedSample(db, 'テスト担当');
  return db;
}

export const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

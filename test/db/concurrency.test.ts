// The CLI and the preview may use one file at the same time: WAL lets readers read during a
// write, and busy_timeout makes a second writer wait instead of failing.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { setRank } from '../../db/write/evaluations';
import { resolveIssueKey, getIssueRow } from '../../db/queries/issues';
import { sampleDb, tempDbPath } from '../helpers/temp';

describe('two processes on one database', () => {
  it('reads during another process’s write and waits for its lock instead of failing', async () => {
    const file = tempDbPath();
    (await sampleDb(file)).close();
    const db = await openDatabase(file);
    // Another process takes the write lock for 700 ms.
    const holder = spawn(process.execPath, [
      '-e',
      `const D = require('better-sqlite3'); const d = new D(${JSON.stringify(file)});
       d.exec('BEGIN IMMEDIATE'); d.prepare("UPDATE evaluations SET comment = 'other process' WHERE id = 2").run();
       console.log('locked'); setTimeout(() => { d.exec('COMMIT'); d.close(); }, 700);`,
    ], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));

    const issueId = resolveIssueKey(db.sqlite, '会計-A-1')!;
    // Reading is not blocked by the other writer (WAL).
    expect(getIssueRow(db.sqlite, issueId, 1)!.rank).toBe('2');
    const started = Date.now();
    const res = setRank(db.sqlite, { issueId, roundId: 1, rank: '3', actor: 'test' });
    expect(res.row.rank).toBe('3');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(db.sqlite.prepare('SELECT comment FROM evaluations WHERE id = 2').pluck().get()).toBe('other process');
    db.close();
  });
});

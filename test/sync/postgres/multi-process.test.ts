// The team-sync multi-process test over PostgreSQL: three real processes on three SQLite files,
// editing at random, killed with SIGKILL at random moments and restarted, while the server is
// stopped and started once in the middle. After a final sync the three canonical exports are
// identical and every edit a process acknowledged (committed) is present everywhere.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/open';
import { syncOnce } from '../../../electron/services/sync/engine';
import { createShare, joinShare, transportFor } from '../../../electron/services/sync/share';
import { syncCanonicalDump } from '../../../electron/services/snapshot/sync-canonical';
import { setupXpwDatabase, startPg, type PgServer } from '../../helpers/postgres';
import { sampleDb, tempDir } from '../../helpers/temp';

const WORKER = join(import.meta.dirname, '..', 'fixtures', 'edit-worker.mjs');
let server: PgServer;
const savedEnv = process.env.XPW_PG_PASSWORD;

beforeAll(async () => {
  server = await startPg();
}, 60_000);
afterAll(() => {
  server?.destroy();
  if (savedEnv === undefined) delete process.env.XPW_PG_PASSWORD;
  else process.env.XPW_PG_PASSWORD = savedEnv;
});

async function runKillRestart(url: string, files: string[], ms: number): Promise<{ acked: Set<string>; kills: number }> {
  const acked = new Set<string>();
  let kills = 0;
  let starts = 0;
  const start = (i: number): ChildProcess => {
    starts += 1;
    const child = spawn(process.execPath, [WORKER, files[i]!, url, String(100 * i + starts)], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) if (l.startsWith('ack ') && l.length > 4) acked.add(l.slice(4));
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) console.error(`worker ${i} exited ${code}: ${err}`);
    });
    return child;
  };
  const children = files.map((_, i) => start(i));
  const began = Date.now();
  const until = began + ms;
  let stopped = false;
  let restarted = false;
  let s = 7;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250 + (s = (s * 31 + 11) % 97) * 3));
    // The server goes away for a while in the middle of the run, then comes back.
    if (!stopped && Date.now() > began + ms / 3) {
      server.stop();
      stopped = true;
    } else if (stopped && !restarted && Date.now() > began + ms / 2) {
      server.start();
      restarted = true;
    }
    const i = s % children.length;
    children[i]!.kill('SIGKILL');
    kills += 1;
    await new Promise((r) => children[i]!.once('exit', r));
    children[i] = start(i);
  }
  if (!restarted) server.start();
  for (const c of children) {
    c.kill('SIGKILL');
    await new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)));
  }
  return { acked, kills };
}

describe('three processes over PostgreSQL, SIGKILLs, restarts and a server outage', () => {
  it('converge to identical exports with every acknowledged change present', async () => {
    const x = await setupXpwDatabase(server);
    process.env.XPW_PG_PASSWORD = x.client.password;
    const url = x.client.url;
    const first = await sampleDb();
    await createShare(first.sqlite, url, { name: 'テスト共有', user: '佐藤', pc: 'PC-1' });
    const files = [first.file];
    first.close();
    for (let i = 2; i <= 3; i++) {
      const file = join(tempDir(), 'xpw.sqlite');
      await joinShare(url, file, { pc: `PC-${i}` });
      files.push(file);
    }
    const { acked, kills } = await runKillRestart(url, files, 6000);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(acked.size).toBeGreaterThan(20);
    const reopened: Db[] = [];
    for (const f of files) reopened.push(await openDatabase(f));
    for (let round = 0; round < 2; round++) for (const d of reopened) expect((await syncOnce(d.sqlite, transportFor(url))).ok).toBe(true);
    const dumps = reopened.map((d) => syncCanonicalDump(d.sqlite));
    expect(dumps[1]).toBe(dumps[0]);
    expect(dumps[2]).toBe(dumps[0]);
    for (const d of reopened) {
      const ids = new Set(d.sqlite.prepare('SELECT id FROM sync_records').pluck().all() as string[]);
      expect([...acked].filter((id) => !ids.has(id))).toEqual([]);
      d.close();
    }
  }, 90_000);
});

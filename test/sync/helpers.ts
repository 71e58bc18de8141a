// Shared-folder test set-up: one sample database turned into a shared dataset, N replicas joined.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { syncOnce } from '../../electron/services/sync/engine';
import { createShare, joinShare, transportFor } from '../../electron/services/sync/share';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import { sampleDb, tempDir } from '../helpers/temp';

export async function sharedReplicas(n: number, folder = join(tempDir('xpw-share-'), 'share')): Promise<{ folder: string; dbs: Db[] }> {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(folder, { recursive: true });
  const first = await sampleDb();
  await createShare(first.sqlite, folder, { name: 'テスト共有', user: '佐藤', pc: 'PC-1' });
  const dbs = [first];
  for (let i = 2; i <= n; i++) {
    const file = join(tempDir(), 'xpw.sqlite');
    await joinShare(folder, file, { pc: `PC-${i}` });
    dbs.push(await openDatabase(file));
  }
  return { folder, dbs };
}

const WORKER = join(__dirname, 'fixtures', 'edit-worker.mjs');

/**
 * Runs one edit-worker process per database for `ms`, SIGKILLing and restarting one at random every
 * few hundred ms. `share` is the folder or the postgresql:// URL; `onTick(elapsedMs)` runs before
 * each kill (the PostgreSQL test stops and starts its server there).
 */
export async function runKillRestart(
  share: string,
  files: string[],
  ms: number,
  onTick?: (elapsedMs: number) => void,
): Promise<{ acked: Set<string>; kills: number }> {
  const acked = new Set<string>();
  let kills = 0;
  let starts = 0;
  const start = (i: number): ChildProcess => {
    starts += 1;
    const child = spawn(process.execPath, [WORKER, files[i]!, share, String(100 * i + starts)], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  let s = 7;
  while (Date.now() < began + ms) {
    await new Promise((r) => setTimeout(r, 250 + (s = (s * 31 + 11) % 97) * 3));
    onTick?.(Date.now() - began);
    const i = s % children.length;
    children[i]!.kill('SIGKILL');
    kills += 1;
    await new Promise((r) => children[i]!.once('exit', r));
    children[i] = start(i);
  }
  for (const c of children) {
    c.kill('SIGKILL');
    await new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)));
  }
  return { acked, kills };
}


/**
 * After a kill-and-restart run: reopens the databases, syncs each twice through the share (folder
 * or postgresql:// URL) and checks that their canonical exports are identical and that every
 * acknowledged record is in each. Returns them open (the caller may look further, then closes).
 */
export async function reopenConverged(share: string, files: string[], acked: Set<string>): Promise<Db[]> {
  const reopened: Db[] = [];
  for (const f of files) reopened.push(await openDatabase(f));
  for (let round = 0; round < 2; round++) for (const d of reopened) expect((await syncOnce(d.sqlite, transportFor(share))).ok).toBe(true);
  const dumps = reopened.map((d) => syncCanonicalDump(d.sqlite));
  for (const d of dumps.slice(1)) expect(d).toBe(dumps[0]);
  for (const d of reopened) {
    const ids = new Set(d.sqlite.prepare('SELECT id FROM sync_records').pluck().all() as string[]);
    expect([...acked].filter((id) => !ids.has(id))).toEqual([]);
  }
  return reopened;
}

// Three real processes on three databases sharing one folder, editing at random and killed with
// SIGKILL at random moments, then restarted: after a final sync the three canonical exports are
// identical and every edit a process acknowledged (committed) is present everywhere.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { syncOnce } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import { sharedReplicas } from './helpers';

const WORKER = join(__dirname, 'fixtures', 'edit-worker.mjs');

export async function runKillRestart(folder: string, files: string[], ms: number): Promise<{ acked: Set<string>; kills: number }> {
  const acked = new Set<string>();
  let kills = 0;
  let starts = 0;
  const start = (i: number): ChildProcess => {
    starts += 1;
    const child = spawn(process.execPath, [WORKER, files[i]!, folder, String(100 * i + starts)], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const until = Date.now() + ms;
  let s = 7;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250 + (s = (s * 31 + 11) % 97) * 3));
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

describe('three processes, SIGKILLs and restarts', () => {
  it('converge to identical exports with every acknowledged change present', async () => {
    const { folder, dbs } = await sharedReplicas(3);
    const files = dbs.map((d) => d.file);
    for (const d of dbs) d.close();
    const { acked, kills } = await runKillRestart(folder, files, 4000);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(acked.size).toBeGreaterThan(20);
    const reopened: Db[] = [];
    for (const f of files) reopened.push(await openDatabase(f));
    for (let round = 0; round < 2; round++) for (const d of reopened) expect((await syncOnce(d.sqlite, new FolderTransport(folder))).ok).toBe(true);
    const dumps = reopened.map((d) => syncCanonicalDump(d.sqlite));
    expect(dumps[1]).toBe(dumps[0]);
    expect(dumps[2]).toBe(dumps[0]);
    for (const d of reopened) {
      const ids = new Set(d.sqlite.prepare('SELECT id FROM sync_records').pluck().all() as string[]);
      const missing = [...acked].filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
      d.close();
    }
  }, 60_000);
});

// The contract worker as electron-vite builds it (out/main/contract-worker.js, an entry of its own
// beside the main bundle): it starts under plain Node, opens a real database and answers the
// contract over the host protocol. In the ui project because that project builds first.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { FromWorker, WorkerData } from '../../electron/worker/protocol';
import { JobSlots } from '../../electron/worker/job-slots';
import { sampleDb } from '../helpers/temp';

const built = join(import.meta.dirname, '..', '..', 'out', 'main', 'contract-worker.js');

describe('the built contract worker', () => {
  it('is built beside the main bundle and answers contract calls on a real file', async () => {
    expect(existsSync(built)).toBe(true);
    const db = await sampleDb();
    const file = db.file;
    db.close();
    const data: WorkerData = { lane: 'quick', start: { kind: 'open', file, dailyBackups: false }, caps: { print: false, pick: false, secrets: false }, cancelFlags: JobSlots.buffer() };
    const worker = new Worker(built, { workerData: data });
    const messages: FromWorker[] = [];
    const next = (type: FromWorker['type']) =>
      new Promise<FromWorker>((resolve, reject) => {
        const seen = messages.find((m) => m.type === type);
        if (seen) return resolve(seen);
        worker.on('message', (m: FromWorker) => m.type === type && resolve(m));
        worker.once('error', reject);
      });
    worker.on('message', (m: FromWorker) => messages.push(m));
    expect(await next('ready')).toMatchObject({ type: 'ready', file });
    worker.postMessage({ type: 'call', id: 1, channel: 'summary.get', payload: { roundId: 1, levels: ['A'] } });
    expect(await next('reply')).toMatchObject({ id: 1, reply: { ok: true, data: [{ level: 'A', total: 132 }] } });
    const exited = new Promise<number>((r) => worker.once('exit', r));
    worker.postMessage({ type: 'stop' });
    expect(await next('stopped')).toMatchObject({ type: 'stopped' });
    expect(await exited).toBe(0);
  });
});

// Long jobs that can be stopped because stopping loses nothing: a restore preview (its private
// copy is removed), a verification (read-only). Through the contract's own handlers and job
// registry; the worker path (flags set from the host thread) is in contract-workers.test.ts.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Output, Reply } from '../../electron/contract/channels';
import { dispatch } from '../../electron/contract/dispatch';
import { exportJobs } from '../../electron/contract/handlers';
import type { Progress } from '../../electron/services/export/run-export';
import { discardPrepared, prepareRestore } from '../../electron/services/backups/prepare-restore';
import { JobCancelled } from '../../electron/services/export/jobs';
import { sampleDb, tempDir } from '../helpers/temp';

const db = await sampleDb();
const ctx = { db };
const ok = async <C extends Channel>(channel: C, input: unknown): Promise<Output<C>> => {
  const reply = (await dispatch(ctx, channel, input)) as Reply<C>;
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.data;
};
const backup = (await ok('backups.create', {})).path;

// prepareRestore works in os.tmpdir(): a private one here, to see what is left behind.
const privateTmp = join(tempDir(), 'tmp');
const savedTmp = process.env.TMPDIR;
beforeAll(() => {
  mkdirSync(privateTmp);
  process.env.TMPDIR = privateTmp;
});
afterAll(() => {
  process.env.TMPDIR = savedTmp;
});
const leftovers = () => readdirSync(privateTmp).filter((n) => n.startsWith('xpw-restore-'));

describe('cancellable jobs', () => {
  it('a restore preview runs as a job with progress steps and answers with the preview', async () => {
    const phases: string[] = [];
    const prepared = await prepareRestore(backup, (p: Progress) => phases.push(p.phase));
    expect(phases).toEqual(expect.arrayContaining(['ファイルをコピーしています', 'integrity_check・参照整合性・ランクを検査しています', '内容を集計しています']));
    expect(prepared.summary.issues).toBeGreaterThan(0);
    discardPrepared(prepared);
    const { jobId } = await ok('backups.prepareRestoreStart', { path: backup });
    await exportJobs.idle();
    const status = await ok('export.status', { jobId });
    expect(status).toMatchObject({ state: 'done', value: { kind: 'prepared', prepared: { source: backup, kind: 'backup' } } });
    if (status.value?.kind !== 'prepared') throw new Error('no preview');
    await ok('backups.discard', { token: status.value.prepared.token });
    expect(leftovers()).toEqual([]);
  });

  it('a cancelled restore preview stops and removes its private copy', async () => {
    const { jobId } = await ok('backups.prepareRestoreStart', { path: backup });
    expect(await ok('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    await exportJobs.idle();
    expect(await ok('export.status', { jobId })).toMatchObject({ state: 'cancelled', cancellable: false, progress: { phase: '取り消しました' } });
    expect(leftovers()).toEqual([]);
    // Stopped in the middle of the copy, too.
    let steps = 0;
    await expect(
      prepareRestore(backup, (p) => {
        if (p.phase === 'ファイルをコピーしています' && ++steps === 2) throw new JobCancelled();
      }),
    ).rejects.toBeInstanceOf(JobCancelled);
    expect(leftovers()).toEqual([]);
  });

  it('a verification runs as a job and can be cancelled; an ended job cannot', async () => {
    const first = (await ok('backups.verifyStart', { path: backup })).jobId;
    await exportJobs.idle();
    expect(await ok('export.status', { jobId: first })).toMatchObject({ state: 'done', value: { kind: 'verify', verify: { ok: true, message: expect.stringContaining('正常です') } } });
    expect(await ok('jobs.cancel', { jobId: first })).toEqual({ cancelled: false });
    const second = (await ok('backups.verifyStart', { path: backup })).jobId;
    expect(await ok('jobs.cancel', { jobId: second })).toEqual({ cancelled: true });
    await exportJobs.idle();
    expect(await ok('export.status', { jobId: second })).toMatchObject({ state: 'cancelled' });
    expect(await ok('jobs.cancel', { jobId: '00000000-0000-4000-8000-000000000000' })).toEqual({ cancelled: false });
  });
});

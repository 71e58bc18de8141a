// A worker that runs out of memory (a list far bigger than a heap allows) ends alone: the preview
// job ends failed with a Japanese message saying so, the worker starts again, the app and the other lane go on.
// The heap limit is set low here so that an ordinary large CSV is enough to reach it.
import { describe, expect, it } from 'vitest';
import { ContractWorkers } from '../../electron/worker/contract-workers';
import { sampleDb, tempDir } from '../helpers/temp';
import { runJob } from '../helpers/worker-jobs';

const seeded = await sampleDb();
const file = seeded.file;
seeded.close();

describe('out of memory in a worker', () => {
  it('fails the request in Japanese and restarts the worker', async () => {
    const logs: string[] = [];
    const workers = await ContractWorkers.start({ baseDir: tempDir(), file, plain: true, heapMb: { long: 64 }, log: (m) => logs.push(m) });
    try {
      const rows = ['局名,番号,レベル,課題名,ランク,所見'];
      for (let i = 0; i < 150_000; i++) rows.push(`会計,${i + 1},A,課題その${i}の名前はとても長い説明つきの課題名です,2,所見${i}`);
      const data = Buffer.from(rows.join('\r\n'), 'utf8').toString('base64');
      const before = workers.threads().long.threadId;
      const status = await runJob(workers, 'import.previewStart', { file: { fileName: '大きな一覧.csv', data }, options: {} });
      expect(status).toMatchObject({ ok: true, data: { state: 'failed', error: { code: 'WORKER_CRASHED', message: expect.stringMatching(/「一覧の取り込みの確認」の処理でメモリが足りなくなった/) } } });
      expect(logs.some((m) => m.includes('再起動'))).toBe(true);
      // The quick lane never stopped; the long lane answers again from a new thread.
      expect(await workers.call('rounds.list', {})).toMatchObject({ ok: true });
      expect(await workers.call('backups.list', {})).toMatchObject({ ok: true, data: { dbFile: file } });
      expect(workers.threads().long.threadId).not.toBe(before);
    } finally {
      await workers.close();
    }
  });
});

// A file that takes too long to read (here: a limit far below what a 50,000-row list needs) is
// given up: the preview job ends failed with a Japanese message, the long lane starts again,
// nothing was written.
import { describe, expect, it } from 'vitest';
import { ContractWorkers } from '../../electron/worker/contract-workers';
import { sampleDb, sha256, tempDir } from '../helpers/temp';
import { runJob } from '../helpers/worker-jobs';

const seeded = await sampleDb();
const file = seeded.file;
seeded.close();

describe('reading a file that does not end', () => {
  it('is given up after the limit; the long lane is started again', async () => {
    const workers = await ContractWorkers.start({ baseDir: tempDir(), file, plain: true, parseTimeoutMs: { 'import.previewStart': 50 }, log: () => undefined });
    try {
      const rows = ['局名,番号,レベル,課題名,ランク,所見'];
      for (let i = 0; i < 50_000; i++) rows.push(`会計,${i + 1},A,課題その${i},2,所見${i}`);
      const data = Buffer.from(rows.join('\r\n'), 'utf8').toString('base64');
      const before = workers.threads().long.threadId;
      const hash = sha256(file);
      const status = await runJob(workers, 'import.previewStart', { file: { fileName: '終わらない一覧.csv', data }, options: {} });
      expect(status).toMatchObject({ ok: true, data: { state: 'failed', error: { code: 'TIMEOUT', message: expect.stringContaining('読み取りが 0 秒たっても終わらなかった') } } });
      expect(await workers.call('backups.list', {})).toMatchObject({ ok: true });
      expect(workers.threads().long.threadId).not.toBe(before);
      expect(sha256(file)).toBe(hash);
    } finally {
      await workers.close();
    }
  });
});

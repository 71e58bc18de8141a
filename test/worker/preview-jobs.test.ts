// The import and 照会 previews run as jobs (issue 10 §2): a large list reports its steps (reading,
// rows n/N, matching) while the long lane works, 中止 stops it between rows, and the job ends
// cancelled with nothing written. Through the real worker threads (the cancel flag set from this
// thread), then each step through the services themselves.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../electron/contract/channels';
import { JobCancelled } from '../../electron/services/export/jobs';
import type { Progress } from '../../electron/services/export/run-export';
import { previewImport } from '../../electron/services/import/import-file';
import { generateInquiry } from '../../electron/services/inquiry/generate-inquiry';
import { previewReturns } from '../../electron/services/inquiry/preview-returns';
import { ContractWorkers } from '../../electron/worker/contract-workers';
import { csvText, utf8, xlsx } from '../import/fixtures';
import { fileOf, fingerprint } from '../inquiry/helpers';
import { sampleDb, tempDir } from '../helpers/temp';

const seeded = await sampleDb();
const file = seeded.file;
const roundId = seeded.sqlite.prepare('SELECT id FROM rounds').pluck().get() as number;
seeded.close();

const ROWS = 150_000;
/** A bureau's large list: more rows than the sample has issues (most are new). */
function bigList(rows: number): string[][] {
  const out = [['局名', '番号', 'レベル', '課題名', 'ランク', '所見']];
  for (let i = 0; i < rows; i++) out.push(['会計', String(i + 1001), 'A', `課題その${i + 1}`, '2', `所見${i + 1}`]);
  return out;
}

const stateOf = (db: string) => {
  const ro = new Database(db, { readonly: true });
  try {
    return fingerprint(ro);
  } finally {
    ro.close();
  }
};

async function statusOf(workers: ContractWorkers, jobId: string): Promise<JobStatus> {
  const reply = await workers.call('export.status', { jobId });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data as JobStatus;
}

describe('a preview job in the worker', () => {
  it('reports rows read of how many, stops on 中止 and ends cancelled with nothing written', async () => {
    const workers = await ContractWorkers.start({ baseDir: tempDir(), file, plain: true, log: () => undefined });
    try {
      const before = stateOf(file);
      const data = Buffer.from(utf8(csvText(bigList(ROWS)))).toString('base64');
      const started = await workers.call('import.previewStart', { file: { fileName: '大きな一覧.csv', data }, options: { roundId } });
      if (!started.ok) throw new Error(started.error.message);
      const { jobId } = started.data as { jobId: string };
      const seen: Progress[] = [];
      let status: JobStatus;
      // Until the rows are being counted: the bar has something to show.
      for (;;) {
        status = await statusOf(workers, jobId);
        seen.push(status.progress);
        if (status.state !== 'running' || (status.progress.unit === '行' && status.progress.done > 0)) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(status).toMatchObject({ state: 'running', cancellable: true });
      const counting = seen.at(-1)!;
      expect(counting.phase).toMatch(/^(読み込み中…|照合中…)$/);
      expect(counting.done).toBeLessThan(counting.total);
      // The file's lines (and the header) are what the rows are counted of.
      expect(counting.total).toBeGreaterThanOrEqual(ROWS);
      expect(await workers.call('jobs.cancel', { jobId })).toEqual({ ok: true, data: { cancelled: true } });
      while (status.state === 'running') {
        await new Promise((r) => setTimeout(r, 20));
        status = await statusOf(workers, jobId);
      }
      expect(status).toMatchObject({ state: 'cancelled', cancellable: false });
      expect(status.value).toBeUndefined();
      // Nothing written, no import recorded; the long lane goes on.
      expect(await workers.call('import.list', {})).toEqual({ ok: true, data: [] });
      expect(stateOf(file)).toBe(before);
      const small = Buffer.from(utf8(csvText(bigList(3)))).toString('base64');
      const again = await workers.call('import.previewStart', { file: { fileName: '小さな一覧.csv', data: small }, options: { roundId } });
      if (!again.ok) throw new Error(again.error.message);
      let end: JobStatus;
      do {
        await new Promise((r) => setTimeout(r, 20));
        end = await statusOf(workers, (again.data as { jobId: string }).jobId);
      } while (end.state === 'running');
      expect(end).toMatchObject({ state: 'done', value: { kind: 'importPreview', importPreview: { fileName: '小さな一覧.csv', counts: { new: 3 } } } });
    } finally {
      await workers.close();
    }
  });
});

describe('the preview steps', () => {
  it('an import reads rows n/N, then matches rows n/N; cancelling mid-way throws and writes nothing', async () => {
    const db = await sampleDb();
    const bytes = utf8(csvText(bigList(2000)));
    const seen: Progress[] = [];
    const { preview } = await previewImport(db, '一覧.csv', bytes, { roundId }, { onProgress: (p) => seen.push(p) });
    expect(preview.counts.new).toBe(2000);
    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual(['読み込み中…', '照合中…']);
    const reading = seen.filter((p) => p.phase === '読み込み中…' && p.unit === '行');
    expect(reading.at(-1)).toEqual({ phase: '読み込み中…', done: 2002, total: 2002, unit: '行' }); // header, rows, the last line break
    expect(reading.map((p) => p.done)).toEqual([...reading.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.filter((p) => p.phase === '照合中…').at(-1)).toEqual({ phase: '照合中…', done: 2000, total: 2000, unit: '行' });

    const before = fingerprint(db.sqlite);
    const stopAt = (phase: string) => (p: Progress) => {
      if (p.phase === phase && p.done >= 1000) throw new JobCancelled();
    };
    await expect(previewImport(db, '一覧.csv', bytes, { roundId }, { onProgress: stopAt('読み込み中…') })).rejects.toBeInstanceOf(JobCancelled);
    await expect(previewImport(db, '一覧.csv', bytes, { roundId }, { onProgress: stopAt('照合中…') })).rejects.toBeInstanceOf(JobCancelled);
    expect(fingerprint(db.sqlite)).toBe(before);
    db.close();
  });

  it('a workbook says it is opening it, then reads its sheet rows n/N', async () => {
    const db = await sampleDb();
    const seen: Progress[] = [];
    const { preview } = await previewImport(db, '一覧.xlsx', await xlsx(bigList(600)), { roundId }, { onProgress: (p) => seen.push(p) });
    expect(preview.counts.new).toBe(600);
    expect([...new Set(seen.map((p) => p.phase))]).toEqual(['読み込み中…', '読み込み中… (ブックを開いています)', '照合中…']);
    expect(seen.filter((p) => p.unit === '行' && p.phase === '読み込み中…').at(-1)).toEqual({ phase: '読み込み中…', done: 601, total: 601, unit: '行' });
    db.close();
  });

  it('a 照会 return is read row by row and matched file by file; cancelling stops it (not a refused file)', async () => {
    const db = await sampleDb();
    const gen = await generateInquiry(db, { label: 'R7.2', actor: '事務局' });
    const files = ['会計', '財変'].map((o) => ({ fileName: fileOf(gen, o).fileName, bytes: fileOf(gen, o).bytes }));
    const seen: Progress[] = [];
    const preview = await previewReturns(db, files, { inquiryId: gen.inquiryId }, (p) => seen.push(p));
    expect(preview.counts).toMatchObject({ files: 2, accepted: 2 });
    expect(seen.some((p) => p.phase.startsWith('読み込み中… (1 / 2 ファイル「') && p.unit === '行' && p.done > 0)).toBe(true);
    expect(seen.some((p) => p.phase.startsWith('読み込み中… (2 / 2 ファイル「'))).toBe(true);
    expect(seen.filter((p) => p.phase === '照合中…').map((p) => [p.done, p.total, p.unit])).toEqual([
      [0, 2, 'ファイル'],
      [1, 2, 'ファイル'],
    ]);
    const before = fingerprint(db.sqlite);
    const stop = (p: Progress) => {
      if (p.unit === '行' && p.done > 0) throw new JobCancelled();
    };
    await expect(previewReturns(db, files, { inquiryId: gen.inquiryId }, stop)).rejects.toBeInstanceOf(JobCancelled);
    expect(fingerprint(db.sqlite)).toBe(before);
    db.close();
  });
});

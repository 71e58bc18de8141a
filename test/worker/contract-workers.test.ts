// The contract served by real worker threads on a real SQLite file, as the app and the preview
// run it: answers and validation errors, a read answered while the long lane is held up,
// cancelling a job, and a worker that dies.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Channel, Output, Reply } from '../../electron/contract/channels';
import type { Host } from '../../electron/contract/host';
import type { ExportFile } from '../../electron/services/export/export-file';
import { CHANNELS } from '../../electron/contract/channels';
import { ContractWorkers } from '../../electron/worker/contract-workers';
import { HOST_CHANNELS, laneOf } from '../../electron/worker/lanes';
import { sampleDb, tempDir } from '../helpers/temp';

const seeded = await sampleDb();
const file = seeded.file;
seeded.close();

// The host's side: a PDF printer the test releases by hand, deliveries counted.
const delivered: ExportFile[] = [];
let releasePrint: (() => void) | undefined;
let printStarted: (() => void) | undefined;
/** When set, a delivery (the Save dialog) waits for it. */
let holdDelivery: (() => Promise<void>) | undefined;
const host: Host = {
  printer: {
    print: () =>
      new Promise((resolve) => {
        releasePrint = () => resolve(new Uint8Array([0x25, 0x50, 0x44, 0x46]));
        printStarted?.();
      }),
    close: () => Promise.resolve(),
  },
  // The chooser stays open until the test ends: a request the long lane holds for as long as needed.
  pick: () => new Promise<string | null>(() => undefined),
  deliver: async (f) => {
    await holdDelivery?.();
    delivered.push(f);
    return { kind: 'saved', path: `/saved/${f.fileName}` };
  },
};

const logs: string[] = [];
const workers = await ContractWorkers.start({ baseDir: tempDir(), file, host, log: (m) => logs.push(m) });
afterAll(() => workers.close());

const call = <C extends Channel>(channel: C, input: unknown) => workers.call(channel, input) as Promise<Reply<C>>;
const ok = async <C extends Channel>(channel: C, input: unknown): Promise<Output<C>> => {
  const reply = await call(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.data;
};
const roundId = (await ok('rounds.list', {}))[0]!.id;
const { issueId } = await ok('issues.resolveKey', { key: '会計-A-1' });

async function statusUntil(jobId: string, done: (s: Output<'export.status'>) => boolean): Promise<Output<'export.status'>> {
  for (;;) {
    const s = await ok('export.status', { jobId });
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('lanes', () => {
  it('keep copies, checks, restores, file parsing and documents off the grid’s lane', () => {
    const long = CHANNELS.filter((c) => laneOf(c) === 'long');
    // Everything that takes a backup first, reads an untrusted file, or builds a document.
    for (const c of ['backups.create', 'backups.verify', 'backups.verifyStart', 'backups.prepareRestore', 'backups.prepareRestoreStart', 'backups.restore', 'snapshot.export', 'import.previewStart', 'import.commit', 'import.undo', 'inquiry.previewStart', 'inquiry.collect', 'inquiry.generate', 'export.start', 'export.preview', 'audit.export', 'rounds.create', 'rounds.delete', 'rounds.confirmCarried', 'rounds.undoBulk'] as const) {
      expect(long, c).toContain(c);
    }
    for (const c of ['issues.list', 'issues.get', 'summary.get', 'evaluations.setRank', 'evaluations.setComment', 'evaluations.undo', 'audit.list', 'rounds.list', 'import.list'] as const) {
      expect(laneOf(c), c).toBe('quick');
    }
    expect([...HOST_CHANNELS].sort()).toEqual(['export.status', 'jobs.cancel']);
  });

  it('route every team-sync channel deliberately: what waits for the share on the long lane, the header’s reads quick', () => {
    const sync = CHANNELS.filter((c) => c.startsWith('sync.') || c.startsWith('share.'));
    expect(Object.fromEntries(sync.map((c) => [c, laneOf(c)]))).toEqual({
      // A handle from backups.pick is known on the long lane; creating and syncing wait for the share.
      'sync.create': 'long',
      'sync.now': 'long',
      // Polled by the header and the panel, and one small write: never behind a slow share or a copy.
      'sync.status': 'quick',
      'sync.issue': 'quick',
      'sync.resolve': 'quick',
      // Joining (a job writing the database), reading a share, the first-start offer (the long
      // lane opened the database) and the server's password (kept in the long lane's memory).
      'share.offer': 'long',
      'share.inspect': 'long',
      'share.joinStart': 'long',
      'share.current': 'long',
      'share.setPassword': 'long',
      'share.forgetPassword': 'long',
    });
  });
});

describe('contract workers', () => {
  it('start the database (start copy taken) and answer from worker threads, not this one', async () => {
    const threads = workers.threads();
    expect(threads.long.threadId).toBeGreaterThan(0);
    expect(threads.quick.threadId).toBeGreaterThan(0);
    expect(threads.long.threadId).not.toBe(threads.quick.threadId);
    expect(workers.file).toBe(file);
    expect((await ok('summary.get', { roundId, levels: ['A'] }))[0]).toMatchObject({ level: 'A', total: 132 });
    expect((await ok('backups.list', {})).entries.some((e) => e.reason === 'daily' || e.reason === 'start')).toBe(true);
  });

  it('writes to the file and refuses bad input with the same Japanese errors', async () => {
    await ok('evaluations.setRank', { issueId, roundId, rank: '2' });
    const ro = new Database(file, { readonly: true });
    expect(ro.prepare('SELECT rank FROM evaluations WHERE issue_id = ? AND round_id = ?').pluck().get(issueId, roundId)).toBe('2');
    ro.close();
    expect(await call('issues.get', { issueId: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('入力が正しくありません') } });
    expect(await call('no.such' as Channel, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await call('export.status', { jobId: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('issues.get', { issueId: 999_999, roundId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('変革課題') } });
  });

  it('restores on the long lane; the quick lane then reads the restored data', async () => {
    await ok('evaluations.setRank', { issueId, roundId, rank: '3' });
    const copy = await ok('backups.create', {});
    await ok('evaluations.setRank', { issueId, roundId, rank: '1' });
    const { jobId } = await ok('backups.prepareRestoreStart', { path: copy.path });
    const prepared = await statusUntil(jobId, (s) => s.state !== 'running');
    if (prepared.value?.kind !== 'prepared') throw new Error(JSON.stringify(prepared));
    const restoring = (await ok('backups.restoreStart', { token: prepared.value.prepared.token })).jobId;
    expect(await ok('jobs.cancel', { jobId: restoring })).toEqual({ cancelled: false }); // it writes: no cancelling
    const restored = await statusUntil(restoring, (s) => s.state !== 'running');
    expect(restored).toMatchObject({ state: 'done', value: { kind: 'restored', restored: { kind: 'backup', safetyCopy: expect.stringContaining('restore') } } });
    expect((await ok('issues.get', { issueId, roundId })).rank).toBe('3');
    // The token was taken by that restore: a second one is refused at once.
    expect(await call('backups.restoreStart', { token: prepared.value.prepared.token })).toMatchObject({ ok: false, error: { message: expect.stringContaining('復元の準備が見つかりません') } });
  });

  it('answers reads while the long lane is held inside a write (another process holds the lock)', async () => {
    const other = new Database(file);
    other.pragma('busy_timeout = 5000');
    other.exec('BEGIN IMMEDIATE');
    const order: string[] = [];
    // rounds.create takes its verified copy, then waits synchronously (busy_timeout) for the lock.
    const long = ok('rounds.create', { title: '令和9年5月時点', label: 'R9.5', asOf: '2027-05', meetingDate: null, scaleId: (await ok('rounds.list', {}))[0]!.scaleId }).then(() => order.push('long'));
    for (let i = 0; i < 5; i++) {
      await ok('issues.list', { roundId, offset: i * 50, limit: 50 });
      order.push(`read ${i}`);
    }
    order.push('release');
    other.exec('COMMIT');
    other.close();
    await long;
    expect(order).toEqual(['read 0', 'read 1', 'read 2', 'read 3', 'read 4', 'release', 'long']);
  });

  it('an edit that meets a long write elsewhere says "busy" in Japanese; the grid then reads on', async () => {
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(await call('evaluations.setRank', { issueId, roundId, rank: '1' })).toMatchObject({ ok: false, error: { code: 'BUSY', message: expect.stringContaining('使用中') } });
      expect((await ok('issues.list', { roundId, offset: 0, limit: 10 })).rows).toHaveLength(10);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await ok('evaluations.setRank', { issueId, roundId, rank: '1' })).row.rank).toBe('1');
  });

  it('cancels an export: it stops at its next step and delivers nothing', async () => {
    const printing = new Promise<void>((r) => (printStarted = r));
    const { jobId } = await ok('export.start', { kind: 'report', format: 'pdf', roundId });
    await printing;
    const running = await ok('export.status', { jobId });
    expect(running).toMatchObject({ state: 'running', cancellable: true, progress: { phase: 'PDFに印刷しています' } });
    expect(await ok('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    releasePrint!();
    const ended = await statusUntil(jobId, (s) => s.state !== 'running');
    expect(ended).toMatchObject({ state: 'cancelled', cancellable: false });
    expect(delivered).toHaveLength(0);
    expect(await ok('jobs.cancel', { jobId })).toEqual({ cancelled: false });
    // Not cancelled, the same export is delivered.
    const again = new Promise<void>((r) => (printStarted = r));
    const second = (await ok('export.start', { kind: 'report', format: 'pdf', roundId })).jobId;
    await again;
    releasePrint!();
    expect(await statusUntil(second, (s) => s.state !== 'running')).toMatchObject({ state: 'done', result: { delivery: { kind: 'saved' } } });
    expect(delivered.map((f) => f.fileName)).toEqual([expect.stringMatching(/\.pdf$/)]);
  });

  it('cannot cancel once the file is being handed over (the Save dialog is open)', async () => {
    let releaseSave!: () => void;
    let saving!: () => void;
    const savingStarted = new Promise<void>((r) => (saving = r));
    holdDelivery = () => {
      saving();
      return new Promise<void>((r) => (releaseSave = r));
    };
    const { jobId } = await ok('export.start', { kind: 'grid', format: 'csv', roundId, levels: ['A'] });
    await savingStarted;
    expect(await statusUntil(jobId, (s) => !s.cancellable)).toMatchObject({ state: 'running', progress: { phase: '保存しています' } });
    expect(await ok('jobs.cancel', { jobId })).toEqual({ cancelled: false });
    releaseSave();
    expect(await statusUntil(jobId, (s) => s.state !== 'running')).toMatchObject({ state: 'done', result: { delivery: { kind: 'saved' } } });
    holdDelivery = undefined;
    delivered.length = 0;
  });

  it('a worker that dies fails its requests and jobs in Japanese and is started again', async () => {
    const printing = new Promise<void>((r) => (printStarted = r));
    const { jobId } = await ok('export.start', { kind: 'report', format: 'pdf', roundId });
    await printing;
    const before = workers.threads().long.threadId;
    const pending = call('backups.pick', { what: 'file' });
    await workers.threads().long.terminate();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'WORKER_CRASHED', message: expect.stringContaining('異常終了') } });
    expect(await ok('export.status', { jobId })).toMatchObject({ state: 'failed', error: { code: 'WORKER_CRASHED' } });
    // The next request goes to a new thread on the same file; the quick lane never stopped.
    expect((await ok('backups.list', {})).dbFile).toBe(file);
    expect(workers.threads().long.threadId).not.toBe(before);
    expect(logs.some((m) => m.includes('再起動'))).toBe(true);
    expect((await ok('summary.get', { roundId, levels: ['A'] }))[0]!.total).toBe(132);
    // No lock was left behind by the dead thread: the new long lane writes (a verified copy, then the round).
    const scaleId = (await ok('rounds.list', {}))[0]!.scaleId;
    expect((await ok('rounds.create', { title: '令和10年5月時点', label: 'R10.5', asOf: '2028-05', meetingDate: null, scaleId })).round.label).toBe('R10.5');
  });
});

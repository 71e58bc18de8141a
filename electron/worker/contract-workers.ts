// The host side of the contract workers: the Electron main process and the preview server
// create one ContractWorkers and only forward requests to it. Two worker threads, each with its
// own connection to the WAL database: the long lane (backups, restores, imports, exports,
// checks) and the quick lane (the grid's reads and single edits) — see lanes.ts. A worker that
// dies is started again; the requests it held get a Japanese error, never a dead app.
import type { Worker } from 'node:worker_threads';
import type { Channel, Reply } from '../contract/channels.js';
import type { Host } from '../contract/host.js';
import { parseRequest } from '../contract/parse-request.js';
import { JobMirror } from './job-mirror.js';
import { JobSlots } from './job-slots.js';
import { HOST_CHANNELS, laneOf } from './lanes.js';
import { LaneWorker, type LaneHost } from './lane-worker.js';
import type { FromWorker, HostCaps, HostOp, Lane, WorkerData } from './protocol.js';
import { crashed, givenUp, notTransferable, timedOut } from './worker-errors.js';

export interface ContractWorkersOptions {
  /** The per-user folder with the settings file. */
  baseDir: string;
  /** An explicit database (the preview's --db, tests); otherwise the settings file's data folder. */
  file?: string;
  sampleIfNew?: boolean;
  /** Open the file as it is — no start copy, no daily copies (benches, tests on a file they made). */
  plain?: boolean;
  /** Heap limit of each worker in MB (default LANE_HEAP_MB): past it only that worker ends, not the app. */
  heapMb?: Partial<Record<Lane, number>>;
  /** Longest a file may take to be read and checked, per channel (default PARSE_TIMEOUT_MS). */
  parseTimeoutMs?: Partial<Record<string, number>>;
  /**
   * Folders the page may name by typed path (the preview's --allow-dir). The path gate runs in the
   * worker that answers the channel; in the app paths come only from its dialogs (handles).
   */
  allowDirs?: readonly string[];
  /**
   * Team sync's background pass runs in the long lane's worker (the app and the preview; tests and
   * benches that drive sync themselves leave it off).
   */
  syncLoop?: boolean;
  /** The PostgreSQL passwords the host keeps sealed, unsealed for the long lane (read at each start of it). */
  pgPasswords?(): Record<string, string>;
  /** Printer, delivery and chooser of this process; can also come later (setHost). */
  host?: Host;
  log?(message: string): void;
}

/**
 * Each worker's heap limit. Without one a worker that runs out of memory (a hostile workbook) takes
 * the whole process down; with one only that worker ends (ERR_WORKER_OUT_OF_MEMORY) and is started
 * again. The long lane builds the largest documents (the 100,000-row grid as .xlsx).
 */
export const LANE_HEAP_MB: Record<Lane, number> = { long: 4096, quick: 1024 };

/**
 * Reading an untrusted file only reads: one that takes longer than this to read and check (a
 * hostile workbook built to loop) is given up — the long lane is ended and started again — so it
 * cannot hold back the backups and exports queued behind it. The previews answer with a job at
 * once: the limit then runs on for that job, which ends failed with the same message.
 */
export const PARSE_TIMEOUT_MS: Record<string, number> = { 'import.previewStart': 300_000, 'inquiry.previewStart': 300_000 };

/** What the preview jobs are called in a message when their worker dies (out of memory on a huge file). */
const JOB_LABELS: Record<string, string> = { 'import.previewStart': '一覧の取り込みの確認', 'inquiry.previewStart': '照会の回答の確認' };

export class ContractWorkers implements LaneHost {
  readonly cancelBuffer = JobSlots.buffer();
  readonly jobs = new JobMirror(new JobSlots(this.cancelBuffer));
  /** The database the workers opened (after start). */
  file = '';
  created = false;
  private host: Host | undefined;
  private readonly lanes: Record<Lane, LaneWorker>;
  private nextId = 1;

  private constructor(private readonly options: ContractWorkersOptions) {
    this.host = options.host;
    this.lanes = { long: new LaneWorker('long', this), quick: new LaneWorker('quick', this) };
  }

  /** Starts the long lane (open, migrate, start copy), then the quick lane on the same file. Throws what the start-up threw. */
  static async start(options: ContractWorkersOptions): Promise<ContractWorkers> {
    const pool = new ContractWorkers(options);
    const { long, quick } = pool.lanes;
    long.spawn(
      options.plain && options.file
        ? { kind: 'open', file: options.file, dailyBackups: false }
        : { kind: 'startup', baseDir: options.baseDir, file: options.file, sampleIfNew: options.sampleIfNew ?? false },
    );
    try {
      const opened = await long.ready;
      pool.file = opened.file;
      pool.created = opened.created;
      quick.spawn({ kind: 'open', file: opened.file, dailyBackups: false });
      await quick.ready;
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  heapMb(lane: Lane): number {
    return this.options.heapMb?.[lane] ?? LANE_HEAP_MB[lane];
  }

  get plain(): boolean {
    return this.options.plain === true;
  }

  log(message: string): void {
    (this.options.log ?? console.log)(message);
  }

  allowDirs(): string[] {
    return [...(this.options.allowDirs ?? [])];
  }

  longLaneExtras(): Pick<WorkerData, 'syncLoop' | 'pgPasswords'> {
    let pgPasswords: Record<string, string> = {};
    try {
      pgPasswords = this.options.pgPasswords?.() ?? {};
    } catch (e) {
      this.log(`保存したサーバーのパスワードを読めません: ${(e as Error).message}`);
    }
    return { syncLoop: this.options.syncLoop === true, pgPasswords };
  }

  caps(): HostCaps {
    return { print: Boolean(this.host?.printer), pick: Boolean(this.host?.pick), secrets: Boolean(this.host?.savePgPassword) };
  }

  /** The host's printer, delivery and chooser (the preview builds its host after the workers start). */
  setHost(host: Host): void {
    this.host = host;
    for (const lane of Object.values(this.lanes)) lane.post({ type: 'caps', caps: this.caps() });
  }

  /** One contract request: forwarded to its lane's worker, or (job status) answered here. */
  async call(channel: unknown, payload: unknown): Promise<Reply<Channel>> {
    if (typeof channel === 'string' && HOST_CHANNELS.has(channel)) return this.answerJob(channel, payload);
    const lane = this.lanes[laneOf(typeof channel === 'string' ? channel : '')];
    const name = String(channel).slice(0, 80);
    if (lane.failed) return { ok: false, error: givenUp };
    try {
      await lane.ready;
    } catch {
      return { ok: false, error: lane.failed ? givenUp : crashed(name) };
    }
    // Given up while this request waited: there is no thread to post to.
    if (lane.failed) return { ok: false, error: givenUp };
    const id = this.nextId++;
    const limit = this.options.parseTimeoutMs?.[name] ?? PARSE_TIMEOUT_MS[name];
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let jobId: string | undefined;
      const done = (reply: Reply<Channel>) => {
        // A preview started as a job: the time limit keeps running, now for the job.
        jobId = reply.ok ? ((reply.data as { jobId?: unknown } | null)?.jobId as string | undefined) : undefined;
        if (jobId !== undefined && JOB_LABELS[name]) this.jobs.describe(jobId, JOB_LABELS[name]);
        if (jobId === undefined) clearTimeout(timer);
        resolve(reply);
      };
      lane.pending.set(id, { channel: name, resolve: done });
      try {
        lane.post({ type: 'call', id, channel: String(channel), payload });
      } catch {
        // Copying the payload to the thread failed (a hostile page's 5,000-deep array): nothing was sent.
        lane.pending.delete(id);
        done({ ok: false, error: notTransferable(name) });
        return;
      }
      if (limit !== undefined) {
        timer = setTimeout(() => {
          const givenUp = jobId !== undefined ? this.jobs.fail(jobId, timedOut(name, limit)) : lane.pending.delete(id);
          if (!givenUp) return;
          if (jobId === undefined) resolve({ ok: false, error: timedOut(name, limit) });
          this.log(`ファイルの読み取りが終わらないため、データベースの処理 (${lane.lane}) を再起動します`);
          lane.restart();
        }, limit);
        timer.unref();
      }
    });
  }

  private answerJob(channel: string, payload: unknown): Reply<Channel> {
    const request = parseRequest(channel, payload);
    if (!request.ok) return request.reply;
    const { jobId } = request.input as { jobId: string };
    if (channel === 'jobs.cancel') return { ok: true, data: { cancelled: this.jobs.cancel(jobId) } };
    const status = this.jobs.status(jobId);
    if (!status) {
      return { ok: false, error: { code: 'NOT_FOUND', message: '出力の処理が見つかりません (時間が経って破棄された可能性があります)。もう一度出力してください' } };
    }
    return { ok: true, data: status };
  }

  /** A message from a worker other than its start: replies, host calls, job reports, logs. */
  received(lane: LaneWorker, msg: FromWorker): void {
    switch (msg.type) {
      case 'reply': {
        const p = lane.pending.get(msg.id);
        lane.pending.delete(msg.id);
        p?.resolve(msg.reply as Reply<Channel>);
        return;
      }
      case 'host':
        void this.serveHost(msg).then(
          ({ value, transfer }) => lane.post({ type: 'host-reply', id: msg.id, ok: true, value }, transfer),
          (e: unknown) => lane.post({ type: 'host-reply', id: msg.id, ok: false, message: e instanceof Error ? e.message : String(e) }),
        );
        return;
      case 'job':
        this.jobs.update(lane.lane, msg.status, msg.slot);
        return;
      case 'log':
        this.log(msg.message);
        return;
      default:
        return;
    }
  }

  private async serveHost(op: HostOp): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
    const host = this.host;
    switch (op.op) {
      case 'print': {
        if (!host?.printer) throw new Error('PDFを印刷する仕組みがありません');
        const pdf = await host.printer.print(op.html, op.page);
        return { value: pdf, transfer: [] };
      }
      case 'deliver': {
        if (!host) throw new Error('この画面からはファイルを出力できません');
        return { value: await host.deliver({ fileName: op.fileName, mime: op.mime, bytes: op.bytes, warnings: op.warnings }), transfer: [] };
      }
      case 'pick':
        return { value: (await host?.pick?.(op.what)) ?? null, transfer: [] };
      case 'savePgPassword':
        if (!host?.savePgPassword) throw new Error('このPCではパスワードを保存できません');
        await host.savePgPassword(op.url, op.password);
        return { value: null, transfer: [] };
      case 'forgetPgPassword':
        await host?.forgetPgPassword?.(op.url);
        return { value: null, transfer: [] };
    }
  }

  /** The worker threads (tests, diagnostics). */
  threads(): Record<Lane, Worker> {
    return { long: this.lanes.long.worker, quick: this.lanes.quick.worker };
  }

  /**
   * Lets running requests and jobs end, closes both connections and ends the threads. A thread
   * still busy after `graceMs` is ended anyway (SQLite rolls back what it had not committed).
   */
  async close(graceMs = 60_000): Promise<void> {
    // One lane after the other, the long lane last: SQLite removes the -wal and -shm files when the
    // last connection closes, but two connections closing at the same moment can each see the
    // other still open and both leave them behind (seen once in the package check's quit).
    for (const lane of [this.lanes.quick, this.lanes.long]) await this.stopLane(lane, graceMs);
  }

  private async stopLane(lane: LaneWorker, graceMs: number): Promise<void> {
    if (!lane.worker) return;
    lane.stopping = true;
    const worker = lane.worker;
    if (worker.threadId < 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      timer.unref();
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        lane.post({ type: 'stop' });
      } catch {
        resolve();
      }
      // A worker that never finished starting has nothing to close.
      lane.ready.catch(() => void worker.terminate());
    });
  }
}

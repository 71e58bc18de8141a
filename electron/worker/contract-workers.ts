// The host side of the contract workers: the Electron main process and the preview server
// create one ContractWorkers and only forward requests to it. Two worker threads, each with its
// own connection to the WAL database: the long lane (backups, restores, imports, exports,
// checks) and the quick lane (the grid's reads and single edits) — see lanes.ts. A worker that
// dies is started again; the requests it held get a Japanese error, never a dead app.
import { Worker } from 'node:worker_threads';
import { DbError, type DbErrorCode } from '../../db/errors.js';
import type { Channel, ContractError, Reply } from '../contract/channels.js';
import type { Host } from '../contract/host.js';
import { parseRequest } from '../contract/parse-request.js';
import { JobMirror } from './job-mirror.js';
import { JobSlots } from './job-slots.js';
import { HOST_CHANNELS, laneOf } from './lanes.js';
import type { FromWorker, HostCaps, HostOp, Lane, StartFailure, ToWorker, WorkerData, WorkerStart } from './protocol.js';
import { workerScript } from './worker-script.js';

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
 * cannot hold back the backups and exports queued behind it.
 */
export const PARSE_TIMEOUT_MS: Record<string, number> = { 'import.preview': 300_000, 'inquiry.preview': 300_000 };

const timedOut = (channel: string, ms: number): ContractError => ({
  code: 'TIMEOUT',
  message: `ファイルの読み取りが ${Math.round(ms / 1000)} 秒たっても終わらなかったため中断しました (${channel})。ファイルが壊れているか、大きすぎる可能性があります。データベースは変わっていません`,
});

/** Restarts allowed in a minute before a lane is given up (a worker that dies at every start). */
const MAX_RESTARTS_PER_MINUTE = 5;

const crashed = (channel: string, outOfMemory = false): ContractError => ({
  code: 'WORKER_CRASHED',
  message: outOfMemory
    ? `「${channel}」の処理でメモリが足りなくなったため中断しました (ファイルが大きすぎるか、複雑すぎる可能性があります)。処理を再起動しました。ファイルを分けるなどしてからもう一度お試しください`
    : `データベースの処理が異常終了したため、「${channel}」を完了できませんでした。処理を再起動しましたので、結果を確かめてからもう一度お試しください`,
});

const givenUp: ContractError = {
  code: 'WORKER_FAILED',
  message: 'データベースの処理を再開できませんでした。アプリを終了して起動し直してください',
};

/** A start-up failure from the worker as the error the caller knows (the restore offer reads DbError's code and file). */
function rebuild(f: StartFailure): Error {
  if (f.name === 'DbError' && f.code) return new DbError(f.code as DbErrorCode, f.message, f.file);
  return Object.assign(new Error(f.message), { code: f.code });
}

interface Pending {
  channel: string;
  resolve(reply: Reply<Channel>): void;
}

class LaneWorker {
  worker!: Worker;
  ready!: Promise<{ file: string; created: boolean }>;
  readonly pending = new Map<number, Pending>();
  stopping = false;
  failed = false;
  private restarts: number[] = [];

  constructor(
    readonly lane: Lane,
    private readonly pool: ContractWorkers,
  ) {}

  spawn(start: WorkerStart): void {
    const script = workerScript();
    const data: WorkerData & { entry?: string } = { lane: this.lane, start, caps: this.pool.caps(), cancelFlags: this.pool.cancelBuffer, entry: script.entry };
    const worker = new Worker(script.url, {
      workerData: data,
      name: `xpw-${this.lane}`,
      resourceLimits: { maxOldGenerationSizeMb: this.pool.heapMb(this.lane) },
    });
    this.worker = worker;
    let lastError: unknown;
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'ready') resolve({ file: msg.file, created: msg.created });
        else if (msg.type === 'start-failed') reject(rebuild(msg.error));
        else this.pool.received(this, msg);
      });
      worker.on('error', (e) => {
        lastError = e;
        console.error(`[worker ${this.lane}]`, e);
      });
      worker.on('exit', (code) => {
        reject(lastError instanceof Error ? lastError : new Error(`データベースの処理が起動できませんでした (終了コード ${code})`));
        if (this.worker === worker && !this.stopping) this.died((lastError as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY');
      });
    });
    // Reported through calls and start(); never an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  post(msg: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(msg, transfer);
  }

  /** Ends the thread now and starts another; requests sent from here on wait for the new one. */
  restart(): void {
    const old = this.worker;
    this.died(false); // the new thread is this.worker from here: the old one's exit is ignored
    void old.terminate();
  }

  private died(outOfMemory: boolean): void {
    for (const [, p] of this.pending) p.resolve({ ok: false, error: crashed(p.channel, outOfMemory) });
    this.pending.clear();
    this.pool.jobs.failRunning(this.lane, crashed('出力・検査などの処理', outOfMemory));
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < 60_000), now];
    if (this.restarts.length > MAX_RESTARTS_PER_MINUTE || !this.pool.file) {
      this.failed = true;
      return;
    }
    this.pool.log(`データベースの処理 (${this.lane}) が異常終了したため再起動します`);
    this.spawn({ kind: 'open', file: this.pool.file, dailyBackups: this.lane === 'long' && !this.pool.plain });
  }
}

export class ContractWorkers {
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

  caps(): HostCaps {
    return { print: Boolean(this.host?.printer), pick: Boolean(this.host?.pick) };
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
      const done = (reply: Reply<Channel>) => {
        clearTimeout(timer);
        resolve(reply);
      };
      lane.pending.set(id, { channel: name, resolve: done });
      lane.post({ type: 'call', id, channel: String(channel), payload });
      if (limit !== undefined) {
        timer = setTimeout(() => {
          if (!lane.pending.delete(id)) return;
          resolve({ ok: false, error: timedOut(name, limit) });
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
    await Promise.all(
      Object.values(this.lanes).map(async (lane) => {
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
      }),
    );
  }
}

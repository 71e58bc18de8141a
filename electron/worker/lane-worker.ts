// One worker thread of a lane and its life: started (with its heap limit), its pending requests,
// and when it dies — the requests it held answered in Japanese, its jobs failed, a new thread
// started on the same file (up to a few times a minute, then the lane is given up).
import { Worker } from 'node:worker_threads';
import type { Channel, Reply } from '../contract/channels.js';
import type { JobMirror } from './job-mirror.js';
import type { FromWorker, HostCaps, Lane, ToWorker, WorkerData, WorkerStart } from './protocol.js';
import { crashed, rebuild } from './worker-errors.js';
import { workerScript } from './worker-script.js';

/** Restarts allowed in a minute before a lane is given up (a worker that dies at every start). */
const MAX_RESTARTS_PER_MINUTE = 5;

/** What a lane needs from the host side (ContractWorkers). */
export interface LaneHost {
  readonly cancelBuffer: SharedArrayBuffer;
  readonly jobs: JobMirror;
  /** The database file, once started ('' before). */
  readonly file: string;
  readonly plain: boolean;
  caps(): HostCaps;
  /** Folders typed paths may be in (the preview's --allow-dir); the path gate runs in the worker. */
  allowDirs(): string[];
  /** What only the long lane gets: the background sync and the unsealed PostgreSQL passwords. */
  longLaneExtras(): Pick<WorkerData, 'syncLoop' | 'pgPasswords'>;
  heapMb(lane: Lane): number;
  log(message: string): void;
  received(lane: LaneWorker, msg: FromWorker): void;
}

export interface Pending {
  channel: string;
  resolve(reply: Reply<Channel>): void;
}

export class LaneWorker {
  worker!: Worker;
  ready!: Promise<{ file: string; created: boolean }>;
  readonly pending = new Map<number, Pending>();
  stopping = false;
  failed = false;
  private restarts: number[] = [];

  constructor(
    readonly lane: Lane,
    private readonly pool: LaneHost,
  ) {}

  spawn(start: WorkerStart): void {
    const script = workerScript();
    const data: WorkerData & { entry?: string } = { lane: this.lane, start, caps: this.pool.caps(), allowDirs: this.pool.allowDirs(), cancelFlags: this.pool.cancelBuffer, entry: script.entry, ...(this.lane === 'long' ? this.pool.longLaneExtras() : {}) };
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
        // Through the host's log (the app's log file; the tests collect it) rather than stderr.
        this.pool.log(`データベースの処理 (${this.lane}) でエラー: ${e instanceof Error ? e.message : String(e)}`);
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
    this.pool.jobs.failRunning(this.lane, (label) => crashed(label ?? '出力・検査などの処理', outOfMemory));
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


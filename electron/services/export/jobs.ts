// Exports run as jobs: the UI starts one, then asks for its progress until it is done, over the
// same request/response contract in Electron and in the browser preview. Finished jobs are kept
// for a while so a late poll still gets the result. A job that only reads (an export) can be
// cancelled: it stops at its next progress step and delivers nothing.
import type { JoinHereResult } from '../sync/join-here.js';
import { randomUUID } from 'node:crypto';
import type { PreparedView } from '../backups/backup-service.js';
import type { ImportPreviewView } from '../import/import-file.js';
import type { ReturnsPreview } from '../inquiry/return-types.js';
import type { RestoreResult } from '../backups/restore.js';
import type { VerifyResult } from '../backups/verify-backup.js';
import type { Progress } from './run-export.js';

export interface JobResult {
  fileName: string;
  warnings: string[];
  size: number;
  delivery: Delivery;
}

/** Where the file went: saved by the app (Electron), to download (preview), or not at all. */
export type Delivery = { kind: 'saved'; path: string } | { kind: 'download'; url: string } | { kind: 'cancelled' };

/**
 * What a job that makes no file ends with: a backup's verification, a prepared restore, a restore,
 * the preview of a list import or of an inquiry's returns, a join of a shared dataset.
 */
export type JobValue =
  | { kind: 'verify'; verify: VerifyResult }
  | { kind: 'prepared'; prepared: PreparedView }
  | { kind: 'restored'; restored: RestoreResult }
  | { kind: 'importPreview'; importPreview: ImportPreviewView }
  | { kind: 'returnsPreview'; returnsPreview: ReturnsPreview }
  | { kind: 'joined'; joined: JoinHereResult };

export interface JobStatus {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: Progress;
  /** True while cancelling loses nothing (jobs.cancel). */
  cancellable: boolean;
  /** A file job's file (exports). */
  result?: JobResult;
  /** Any other job's answer. */
  value?: JobValue;
  error?: { code: string; message: string };
}

/** Thrown from a job's progress callback once the job was cancelled: unwinds it without a result. */
export class JobCancelled extends Error {
  constructor() {
    super('取り消しました');
    this.name = 'JobCancelled';
  }
}

/** How a registry tells the outside about its jobs (the contract worker forwards them to the host). */
export interface JobHooks {
  /** Every change of a job's status (throttled by the caller if it wants). */
  onChange?(status: JobStatus): void;
  /** Asked at every progress step: true stops the job (a flag set from another thread). */
  cancelRequested?(jobId: string): boolean;
  /** A job started or ended (to hand out and free a cancel flag). */
  onStart?(jobId: string): void;
  onEnd?(jobId: string): void;
}

const KEEP_MS = 10 * 60_000;
const MAX_JOBS = 50;

export const CANCELLED_PROGRESS: Progress = { phase: '取り消しました', done: 0, total: 1 };

export class JobRegistry {
  private readonly jobs = new Map<string, { status: JobStatus; endedAt?: number; cancel?: boolean }>();
  private hooks: JobHooks = {};

  observe(hooks: JobHooks): void {
    this.hooks = hooks;
  }

  /**
   * A job that makes a file (an export): its status carries `result`. The job calls `commit()`
   * before it hands the file over (the Save dialog, a download): from there on it cannot be
   * cancelled, so a cancel never says yes to a file that is then saved anyway.
   */
  start(
    run: (onProgress: (p: Progress) => void, commit: () => void) => Promise<JobResult>,
    describeError: (e: unknown) => { code: string; message: string },
    options: { cancellable?: boolean } = {},
  ): string {
    return this.begin(async (onProgress, commit) => ({ result: await run(onProgress, commit) }), describeError, options);
  }

  /** A job that answers with a value (a verification, a restore preview): its status carries `value`. */
  startTask(
    run: (onProgress: (p: Progress) => void) => Promise<JobValue>,
    describeError: (e: unknown) => { code: string; message: string },
    options: { cancellable?: boolean } = {},
  ): string {
    return this.begin(async (onProgress) => ({ value: await run(onProgress) }), describeError, options);
  }

  private begin(
    run: (onProgress: (p: Progress) => void, commit: () => void) => Promise<Pick<JobStatus, 'result' | 'value'>>,
    describeError: (e: unknown) => { code: string; message: string },
    options: { cancellable?: boolean },
  ): string {
    this.prune();
    const jobId = randomUUID();
    const cancellable = options.cancellable ?? true;
    const entry: { status: JobStatus; endedAt?: number; cancel?: boolean } = {
      status: { jobId, state: 'running', progress: { phase: '準備しています', done: 0, total: 1 }, cancellable },
    };
    this.jobs.set(jobId, entry);
    this.hooks.onStart?.(jobId);
    let committed = false;
    const cancelled = () => cancellable && !committed && (entry.cancel === true || this.hooks.cancelRequested?.(jobId) === true);
    const changed = () => this.hooks.onChange?.(structuredClone(entry.status));
    changed();
    // Start on the next turn so the request that started the job is answered first.
    setImmediate(() => {
      run(
        (p) => {
          if (cancelled()) throw new JobCancelled();
          entry.status.progress = p;
          changed();
        },
        () => {
          if (cancelled()) throw new JobCancelled();
          committed = true;
          entry.status.cancellable = false;
          changed();
        },
      )
        .then((ended) => {
          entry.status = { ...entry.status, state: 'done', cancellable: false, progress: { phase: '完了しました', done: 1, total: 1 }, ...ended };
        })
        .catch((e: unknown) => {
          if (e instanceof JobCancelled || cancelled()) {
            entry.status = { ...entry.status, state: 'cancelled', cancellable: false, progress: CANCELLED_PROGRESS };
          } else {
            entry.status = { ...entry.status, state: 'failed', cancellable: false, error: describeError(e) };
          }
        })
        .finally(() => {
          entry.endedAt = Date.now();
          changed();
          this.hooks.onEnd?.(jobId);
        });
    });
    return jobId;
  }

  status(jobId: string): JobStatus | undefined {
    const entry = this.jobs.get(jobId);
    return entry ? structuredClone(entry.status) : undefined;
  }

  /** Asks a running job to stop; false when there is no such job or it has ended or cannot stop. */
  cancel(jobId: string): boolean {
    const entry = this.jobs.get(jobId);
    if (!entry || entry.status.state !== 'running' || !entry.status.cancellable) return false;
    entry.cancel = true;
    return true;
  }

  /** Resolves when every running job has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while ([...this.jobs.values()].some((j) => j.status.state === 'running')) await new Promise((r) => setTimeout(r, 20));
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, j] of this.jobs) if (j.endedAt && now - j.endedAt > KEEP_MS) this.jobs.delete(id);
    const ended = [...this.jobs.entries()].filter(([, j]) => j.endedAt).sort((a, b) => a[1].endedAt! - b[1].endedAt!);
    while (this.jobs.size >= MAX_JOBS && ended.length) this.jobs.delete(ended.shift()![0]);
  }
}

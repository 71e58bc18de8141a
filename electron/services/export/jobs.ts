// Exports run as jobs: the UI starts one, then asks for its progress until it is done, over the
// same request/response contract in Electron and in the browser preview. Finished jobs are kept
// for a while so a late poll still gets the result.
import { randomUUID } from 'node:crypto';
import type { Progress } from './run-export.js';

export interface JobResult {
  fileName: string;
  warnings: string[];
  size: number;
  delivery: Delivery;
}

/** Where the file went: saved by the app (Electron), to download (preview), or not at all. */
export type Delivery = { kind: 'saved'; path: string } | { kind: 'download'; url: string } | { kind: 'cancelled' };

export interface JobStatus {
  jobId: string;
  state: 'running' | 'done' | 'failed';
  progress: Progress;
  result?: JobResult;
  error?: { code: string; message: string };
}

const KEEP_MS = 10 * 60_000;
const MAX_JOBS = 50;

export class JobRegistry {
  private readonly jobs = new Map<string, { status: JobStatus; endedAt?: number }>();

  start(run: (onProgress: (p: Progress) => void) => Promise<JobResult>, describeError: (e: unknown) => { code: string; message: string }): string {
    this.prune();
    const jobId = randomUUID();
    const entry: { status: JobStatus; endedAt?: number } = {
      status: { jobId, state: 'running', progress: { phase: '準備しています', done: 0, total: 1 } },
    };
    this.jobs.set(jobId, entry);
    // Start on the next turn so the request that started the job is answered first.
    setImmediate(() => {
      run((p) => {
        entry.status.progress = p;
      })
        .then((result) => {
          entry.status = { ...entry.status, state: 'done', progress: { phase: '完了しました', done: 1, total: 1 }, result };
        })
        .catch((e: unknown) => {
          entry.status = { ...entry.status, state: 'failed', error: describeError(e) };
        })
        .finally(() => {
          entry.endedAt = Date.now();
        });
    });
    return jobId;
  }

  status(jobId: string): JobStatus | undefined {
    const entry = this.jobs.get(jobId);
    return entry ? structuredClone(entry.status) : undefined;
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

// The host's copy of the long lane's jobs: every status the worker reports, kept here so that
// export.status and jobs.cancel answer at once even while the long lane is inside a step that
// takes seconds (an integrity_check cannot be interrupted to read a message).
import type { ContractError } from '../contract/channels.js';
import type { JobStatus } from '../services/export/jobs.js';
import { JobSlots } from './job-slots.js';
import type { Lane } from './protocol.js';

const KEEP_MS = 10 * 60_000;
const MAX_JOBS = 200;

export class JobMirror {
  /** `label`: what the job is called in a message when its worker dies (set by the host for the previews). */
  private readonly jobs = new Map<string, { status: JobStatus; slot: number; lane: Lane; endedAt?: number; label?: string }>();

  constructor(private readonly slots: JobSlots) {}

  update(lane: Lane, status: JobStatus, slot: number): void {
    this.prune();
    const known = this.jobs.get(status.jobId);
    // A job that ended stays ended (a late progress message cannot bring it back).
    if (known && known.status.state !== 'running') return;
    this.jobs.set(status.jobId, { status, slot, lane, endedAt: status.state === 'running' ? undefined : Date.now(), label: known?.label });
  }

  /** Names a job for the user (the job's first status arrives before the reply that gives its id). */
  describe(jobId: string, label: string): void {
    const j = this.jobs.get(jobId);
    if (j) j.label = label;
  }

  status(jobId: string): JobStatus | undefined {
    const j = this.jobs.get(jobId);
    return j && structuredClone(j.status);
  }

  /** Sets the job's cancel flag; it stops at its next progress step. */
  cancel(jobId: string): boolean {
    const j = this.jobs.get(jobId);
    if (!j || j.status.state !== 'running' || !j.status.cancellable || j.slot < 0) return false;
    this.slots.request(j.slot);
    return true;
  }

  /** Ends one running job with an error (it was given up: see the parse time limit in contract-workers.ts); false when it had ended. */
  fail(jobId: string, error: ContractError): boolean {
    const j = this.jobs.get(jobId);
    if (!j || j.status.state !== 'running') return false;
    j.status = { ...j.status, state: 'failed', cancellable: false, error };
    j.endedAt = Date.now();
    return true;
  }

  /** The lane's worker died: its running jobs end with the error the user sees. */
  failRunning(lane: Lane, errorFor: (label: string | undefined) => ContractError): void {
    for (const j of this.jobs.values()) {
      if (j.lane !== lane || j.status.state !== 'running') continue;
      j.status = { ...j.status, state: 'failed', cancellable: false, error: errorFor(j.label) };
      j.endedAt = Date.now();
    }
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, j] of this.jobs) if (j.endedAt && now - j.endedAt > KEEP_MS) this.jobs.delete(id);
    if (this.jobs.size < MAX_JOBS) return;
    const ended = [...this.jobs.entries()].filter(([, j]) => j.endedAt).sort((a, b) => a[1].endedAt! - b[1].endedAt!);
    while (this.jobs.size >= MAX_JOBS && ended.length) this.jobs.delete(ended.shift()![0]);
  }
}

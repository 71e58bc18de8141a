// Following a long job (an export, a verification, a restore preview) that runs in the
// database worker: its status is asked for until it ends; jobs.cancel stops one where stopping
// loses nothing. The status comes from the host at once even while the job is in a long step.
import type { JobStatus } from '../../../electron/contract/channels';
import { invoke } from './client';

const POLL_MS = 150;

/** Calls `onStatus` with each status until the job ends (or `live()` turns false); returns the last. */
export async function followJob(jobId: string, onStatus: (s: JobStatus) => void, live: () => boolean = () => true): Promise<JobStatus | null> {
  for (;;) {
    const status = await invoke('export.status', { jobId });
    if (!live()) return null;
    onStatus(status);
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export const cancelJob = (jobId: string) => invoke('jobs.cancel', { jobId });

/** The line under a running job: its step, and how far when the step counts. */
export function jobProgressText(s: JobStatus): string {
  const { phase, done, total } = s.progress;
  return total > 1 ? `${phase} (${done.toLocaleString('ja-JP')} / ${total.toLocaleString('ja-JP')})` : phase;
}

// Following a preview that runs as a job in the database worker (an import's or the 照会 returns'
// preview): its progress for the bar, 中止 (cancelling loses nothing — a preview writes nothing),
// and only the newest run's answer (a preview started again replaces the one before).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus, JobValue } from '../../../../electron/contract/channels';
import { ApiError } from '../../api/client';
import { cancelJob, followJob } from '../../api/jobs';

export interface PreviewJob {
  /** The running job's status (for the bar), null when none runs. */
  running: JobStatus | null;
  /** The last run was stopped with 中止. */
  cancelled: boolean;
  /**
   * Starts a preview and waits for it: its value, or null when it was cancelled or replaced by a
   * newer run. A failed job throws its Japanese message (an ApiError).
   */
  run(start: () => Promise<{ jobId: string }>): Promise<JobValue | null>;
  /** 中止: the screen stops waiting at once; the job stops at its next row. */
  cancel(): void;
  /** Forgets a previous 中止 (a new file chosen). */
  reset(): void;
}

export function usePreviewJob(): PreviewJob {
  const [running, setRunning] = useState<JobStatus | null>(null);
  const [cancelled, setCancelled] = useState(false);
  /** The run whose answers still count: each run (and 中止, and closing) moves it on. */
  const current = useRef(0);
  const jobId = useRef<string | null>(null);

  const stopCurrent = useCallback(() => {
    current.current++;
    const id = jobId.current;
    jobId.current = null;
    // Not waited for: the job ends on its own in the worker; nothing of it is used.
    if (id) void cancelJob(id).catch(() => undefined);
    setRunning(null);
  }, []);

  // A dialog closed while its preview runs: the job is not left reading for nobody.
  useEffect(() => stopCurrent, [stopCurrent]);

  const run = useCallback(
    async (start: () => Promise<{ jobId: string }>): Promise<JobValue | null> => {
      stopCurrent();
      const mine = current.current;
      const live = () => current.current === mine;
      setCancelled(false);
      const { jobId: id } = await start();
      if (!live()) {
        void cancelJob(id).catch(() => undefined);
        return null;
      }
      jobId.current = id;
      const last = await followJob(id, (s) => live() && setRunning(s), live);
      if (!live() || !last) return null;
      jobId.current = null;
      setRunning(null);
      if (last.state === 'failed') throw new ApiError(last.error?.code ?? 'INTERNAL', last.error?.message ?? '確認できませんでした');
      if (last.state === 'cancelled') {
        setCancelled(true);
        return null;
      }
      return last.value ?? null;
    },
    [stopCurrent],
  );

  const cancel = useCallback(() => {
    stopCurrent();
    setCancelled(true);
  }, [stopCurrent]);

  const reset = useCallback(() => setCancelled(false), []);

  return { running, cancelled, run, cancel, reset };
}

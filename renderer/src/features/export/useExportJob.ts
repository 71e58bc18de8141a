// Follows an export job (a handout, the grid, the audit log) to the end: progress while it runs,
// then the file — a download in the browser preview, the Save dialog's result in the app.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportRequest, JobStatus } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { downloadUrl } from '../../api/download';
import { cancelJob, followJob } from '../../api/jobs';

/** `begin` starts a job on whatever channel starts it and returns its id. */
export function useJob<T>(begin: (input: T) => Promise<{ jobId: string }>, onError: (e: unknown) => void) {
  const [job, setJob] = useState<JobStatus | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const start = useCallback(
    async (input: T) => {
      setJob(null);
      try {
        const { jobId } = await begin(input);
        const status = await followJob(jobId, setJob, () => live.current);
        const d = status?.result?.delivery;
        if (d?.kind === 'download') downloadUrl(d.url, status!.result!.fileName);
      } catch (e) {
        onError(e);
      }
    },
    [begin, onError],
  );

  /** Stops the running job at its next step (it then reports 'cancelled'). */
  const cancel = useCallback(() => {
    if (job?.state === 'running' && job.cancellable) cancelJob(job.jobId).catch(onError);
  }, [job, onError]);

  return { job, start, cancel, running: job?.state === 'running', reset: () => setJob(null) };
}

const beginExport = (req: ExportRequest) => invoke('export.start', req);

export const useExportJob = (onError: (e: unknown) => void) => useJob(beginExport, onError);

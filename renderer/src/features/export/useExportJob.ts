// Follows an export job (a handout, the grid, the audit log) to the end: progress while it runs,
// then the file — a download in the browser preview, the Save dialog's result in the app.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportRequest, JobStatus } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { downloadUrl } from '../../api/download';

const POLL_MS = 150;

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
        for (;;) {
          const status = await invoke('export.status', { jobId });
          if (!live.current) return;
          setJob(status);
          if (status.state !== 'running') {
            const d = status.result?.delivery;
            if (d?.kind === 'download') downloadUrl(d.url, status.result!.fileName);
            return;
          }
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      } catch (e) {
        onError(e);
      }
    },
    [begin, onError],
  );

  return { job, start, running: job?.state === 'running', reset: () => setJob(null) };
}

const beginExport = (req: ExportRequest) => invoke('export.start', req);

export const useExportJob = (onError: (e: unknown) => void) => useJob(beginExport, onError);

// Starts a job through the contract workers (a *Start channel) and polls export.status until it is
// no longer running; returns the last status reply as the renderer would see it.
import type { Reply } from '../../electron/contract/channels';
import type { ContractWorkers } from '../../electron/worker/contract-workers';

export async function runJob(workers: ContractWorkers, channel: string, input: unknown, everyMs = 20): Promise<Reply<'export.status'>> {
  const started = await workers.call(channel, input);
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.data as { jobId: string };
  let status = await workers.call('export.status', { jobId });
  while (status.ok && (status.data as { state: string }).state === 'running') {
    await new Promise((r) => setTimeout(r, everyMs));
    status = await workers.call('export.status', { jobId });
  }
  return status as Reply<'export.status'>;
}

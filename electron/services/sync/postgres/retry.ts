// Failure-tolerant connections: a server restarting, a dropped VPN or a failover show up as
// connection errors or a few SQLSTATEs; those are retried with exponential back-off and jitter.
// Everything else (bad password, missing privilege, a bug) fails at once with its message.
import { setTimeout as sleep } from 'node:timers/promises';

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATE classes/codes worth another try: connection exceptions, shutdown, serialization. */
function transientSqlState(code: string): boolean {
  return code.startsWith('08') || code.startsWith('57P') || code === '53300' || code === '40001' || code === '40P01';
}

export function isTransient(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  if (!err) return false;
  if (err.code && (TRANSIENT_CODES.has(err.code) || transientSqlState(err.code))) return true;
  const m = err.message ?? '';
  return /Connection terminated|connection timeout|timeout expired|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error|socket hang up/i.test(m);
}

export interface RetryOptions {
  attempts: number;
  backoffMs: number;
  onRetry?: (attempt: number, error: unknown) => void;
}

export async function withRetry<T>(fn: () => Promise<T>, o: RetryOptions): Promise<T> {
  let delay = o.backoffMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= o.attempts || !isTransient(e)) throw e;
      o.onRetry?.(attempt, e);
      await sleep(delay * (0.5 + Math.random()));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}

// The background sync of the app and the browser preview: a pass every few seconds while this
// database is joined to a shared dataset. A plain timer service (no Electron), so it can move into
// the database worker with the rest; a pass never overlaps the previous one, and a pass only holds
// the database in short transactions, so typing is never blocked by a slow share.
import type Database from 'better-sqlite3';
import { readSyncState } from '../../../db/queries/sync.js';
import { syncOnce } from './engine.js';
import { transportFor } from './share.js';

export const DEFAULT_SYNC_INTERVAL_MS = 5000;

/** Passes under way in this thread, and how many callers hold the loop (a join replacing the database). */
const running = new Set<Promise<unknown>>();
let holds = 0;

/**
 * Runs `fn` with the background passes stopped: a pass in flight ends first and none starts until
 * `fn` is done. A join that writes a new copy over the open database must not meet a pass that
 * would then store the old copy's cursor or outbox state into the new one.
 */
export async function holdSyncLoop<T>(fn: () => Promise<T>): Promise<T> {
  holds++;
  try {
    await Promise.allSettled([...running]);
    return await fn();
  } finally {
    holds--;
  }
}

export function startSyncLoop(sqlite: Database.Database, o: { intervalMs?: number; log?: (m: string) => void } = {}): () => void {
  const interval = o.intervalMs ?? (Number(process.env.XPW_SYNC_INTERVAL_MS) || DEFAULT_SYNC_INTERVAL_MS);
  let pass: Promise<unknown> | null = null;
  let stopped = false;
  const tick = async () => {
    if (pass || stopped || holds > 0 || !sqlite.open) return;
    const location = readSyncState(sqlite, 'location');
    if (!location) return;
    pass = syncOnce(sqlite, transportFor(location));
    running.add(pass);
    try {
      await pass;
    } catch (e) {
      o.log?.(`同期でエラーが起きました: ${(e as Error).message}`);
    } finally {
      running.delete(pass);
      pass = null;
    }
  };
  const timer = setInterval(() => void tick(), interval);
  timer.unref();
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

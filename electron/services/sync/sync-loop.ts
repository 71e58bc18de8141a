// The background sync of the app and the browser preview: a pass every few seconds while this
// database is joined to a shared dataset. A plain timer service (no Electron), so it can move into
// the database worker with the rest; a pass never overlaps the previous one, and a pass only holds
// the database in short transactions, so typing is never blocked by a slow share.
import type Database from 'better-sqlite3';
import { readSyncState } from '../../../db/queries/sync.js';
import { syncOnce } from './engine.js';
import { transportFor } from './share.js';

export const DEFAULT_SYNC_INTERVAL_MS = 5000;

export function startSyncLoop(sqlite: Database.Database, o: { intervalMs?: number; log?: (m: string) => void } = {}): () => void {
  const interval = o.intervalMs ?? (Number(process.env.XPW_SYNC_INTERVAL_MS) || DEFAULT_SYNC_INTERVAL_MS);
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped || !sqlite.open) return;
    const location = readSyncState(sqlite, 'location');
    if (!location) return;
    running = true;
    try {
      await syncOnce(sqlite, transportFor(location));
    } catch (e) {
      o.log?.(`同期でエラーが起きました: ${(e as Error).message}`);
    } finally {
      running = false;
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

// A contract worker (node:worker_threads): owns one connection to the database and answers
// contract requests with the same dispatch() the CLI and the tests use. The host (Electron main
// or the preview server) only forwards requests here — see contract-workers.ts. The long lane
// also starts the database (open, migrate, start copy) and keeps the daily copy going.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type Db } from '../../db/open.js';
import { DbError } from '../../db/errors.js';
import { dispatch } from '../contract/dispatch.js';
import { createPathGate } from '../contract/path-gate.js';
import { exportJobs } from '../contract/handlers.js';
import { startDailyBackups } from '../services/backups/auto-backups.js';
import type { JobStatus } from '../services/export/jobs.js';
import { startOnDatabase } from '../services/startup.js';
import { rememberPgPassword } from '../services/sync/postgres/open-transport.js';
import { startSyncLoop } from '../services/sync/sync-loop.js';
import { JobSlots } from './job-slots.js';
import type { FromWorker, HostCaps, StartFailure, ToWorker, WorkerData } from './protocol.js';
import { HostBridge } from './worker-host.js';

const port = parentPort!;
const data = workerData as WorkerData;
const post = (msg: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);
const log = (message: string) => post({ type: 'log', message });

// The long lane yields the CPU to the quick lane and the window. On Linux setpriority() on "0"
// changes only the calling thread; on Windows and macOS it would lower the whole app, so there
// the threads keep the same priority.
if (data.lane === 'long' && process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // Not allowed here (a container without the right): same priority as the rest.
  }
}

let caps: HostCaps = data.caps;
const bridge = new HostBridge(port);
// The path gate of this thread: handles of the chooser's answers and the --allow-dir folders.
// Every channel that names a path (backups.*, settings.set) runs on the long lane (lanes.ts), so a
// handle given out by backups.pick is known where it is sent back.
const host = bridge.host(() => caps, createPathGate(data.allowDirs ?? []));
const slots = new JobSlots(data.cancelFlags);

const QUICK_BUSY_TIMEOUT_MS = 1000;

/** Progress counts of a job go to the host at most this often; a new step, the end of cancelling and the end at once. */
const PROGRESS_EVERY_MS = 50;
const lastSent = new Map<string, { at: number; phase: string; cancellable: boolean }>();

function reportJob(status: JobStatus): void {
  const last = lastSent.get(status.jobId);
  const now = Date.now();
  const sameStep = last && last.phase === status.progress.phase && last.cancellable === status.cancellable;
  if (status.state === 'running' && sameStep && now - last.at < PROGRESS_EVERY_MS) return;
  lastSent.set(status.jobId, { at: now, phase: status.progress.phase, cancellable: status.cancellable });
  if (status.state !== 'running') lastSent.delete(status.jobId);
  post({ type: 'job', status, slot: slots.slot(status.jobId) });
}

exportJobs.observe({
  onStart: (jobId) => slots.take(jobId),
  onChange: reportJob,
  cancelRequested: (jobId) => slots.requested(jobId),
  onEnd: (jobId) => slots.release(jobId),
});

function failure(e: unknown): StartFailure {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, code: e instanceof DbError ? e.code : (e as { code?: string }).code, message: err.message, file: e instanceof DbError ? e.file : undefined };
}

async function open(): Promise<{ db: Db; stop: () => void; created: boolean }> {
  const start = data.start;
  if (start.kind === 'startup') {
    const started = await startOnDatabase({ baseDir: start.baseDir, file: start.file, sampleIfNew: start.sampleIfNew, log });
    post({ type: 'ready', file: started.location.file, created: started.created });
    return { db: started.db, stop: started.stopBackups, created: started.created };
  }
  const db = await openDatabase(start.file);
  const stop = start.dailyBackups
    ? startDailyBackups(db, {
        onBackup: (p) => log(`日次バックアップ: ${p}`),
        onError: (e) => log(`日次バックアップに失敗しました: ${(e as Error).message}`),
      })
    : () => undefined;
  post({ type: 'ready', file: db.file, created: false });
  return { db, stop, created: false };
}

async function main(): Promise<void> {
  let opened: { db: Db; stop: () => void; created: boolean };
  try {
    opened = await open();
  } catch (e) {
    post({ type: 'start-failed', error: failure(e) });
    port.close();
    return;
  }
  const { db, stop: stopBackups } = opened;
  // The host unsealed these (safeStorage stays in the main process); this thread keeps them in memory.
  for (const [url, password] of Object.entries(data.pgPasswords ?? {})) rememberPgPassword(url, password);
  // Team sync in the background, on the long lane only: a pass holds the database in short
  // transactions and waits for the share without blocking, so the quick lane (typing) stays free.
  const stopSync = data.lane === 'long' && data.syncLoop ? startSyncLoop(db.sqlite, { log }) : () => undefined;
  const stop = () => {
    stopSync();
    stopBackups();
  };
  // An edit on the quick lane that meets a long write (an import, a restore) waits at most a
  // second, then says "busy, try again" — instead of holding the grid's reads behind it for the
  // default five seconds.
  if (data.lane === 'quick') db.sqlite.pragma(`busy_timeout = ${QUICK_BUSY_TIMEOUT_MS}`);
  // The long lane made the database at this start when the profile was empty (share.offer).
  const ctx = { db, host, firstStart: opened.created };
  let inFlight: Promise<unknown> = Promise.resolve();
  port.on('message', (msg: ToWorker) => {
    switch (msg.type) {
      case 'call':
      {
        const answered = Promise.resolve(dispatch(ctx, msg.channel, msg.payload)).then((reply) => post({ type: 'reply', id: msg.id, reply }));
        inFlight = Promise.all([inFlight, answered]);
        return;
      }
      case 'host-reply':
        bridge.answer(msg);
        return;
      case 'caps':
        caps = msg.caps;
        return;
      case 'stop':
        stop();
        // Requests and jobs under way end first (a restore half-written must not be cut).
        void Promise.all([inFlight, exportJobs.idle()]).then(() => {
          db.close();
          post({ type: 'stopped' });
          port.close();
        });
        return;
    }
  });
}

void main();

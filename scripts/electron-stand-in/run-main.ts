// Runs a built Electron main process (out/main/index.js, or the one inside a package) under
// plain Node with the stand-in `electron` module (electron.mjs), and drives it: every record the
// stand-in makes arrives here, commands play Electron's part (IPC from the page, navigation,
// permission requests, a second instance, closing the window). Used by the main-process test
// and by the packaging check.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface StandInRecord {
  kind: string;
  at: number;
  [key: string]: unknown;
}

export interface StandInSettings {
  isPackaged?: boolean;
  singleInstanceLock?: boolean;
  /** The button the message box "clicks" (default: its cancelId). */
  messageBoxResponse?: number;
  /** The folder the Save dialog answers with (unset: the dialog is cancelled). */
  saveDir?: string;
  /** What the Open dialog answers with. */
  openPaths?: string[];
}

export interface RunOptions extends StandInSettings {
  mainFile: string;
  /** XPW_DATA_DIR: the per-user folder (settings file, database, backups). */
  dataDir: string;
  env?: Record<string, string>;
}

export interface MainRun {
  readonly records: StandInRecord[];
  readonly child: ChildProcess;
  /** The first record of this kind (matching `where`), waiting for it when not yet there. */
  waitFor(kind: string, where?: (r: StandInRecord) => boolean, timeoutMs?: number): Promise<StandInRecord>;
  command<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T>;
  /** The process has ended: exit code and everything it wrote to stderr. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>;
  output(): string;
}

const register = pathToFileURL(join(import.meta.dirname, 'register.mjs')).href;

// Main processes still running when the driver ends (a failed assertion) are stopped with it.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill();
});

export function runMain(options: RunOptions): MainRun {
  const { mainFile, dataDir, env, ...settings } = options;
  const inherited = { ...process.env };
  delete inherited.ELECTRON_RENDERER_URL;
  const child = fork(mainFile, [], {
    execArgv: ['--import', register],
    env: { ...inherited, ...env, XPW_DATA_DIR: dataDir, XPW_STAND_IN: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const records: StandInRecord[] = [];
  const waiters = new Set<() => void>();
  const replies = new Map<number, (m: { ok: boolean; result?: unknown; error?: string }) => void>();
  let stderr = '';
  let stdout = '';
  let nextId = 1;
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.on('message', (m: { record?: StandInRecord; reply?: number; ok?: boolean; result?: unknown; error?: string }) => {
    if (m.record) {
      records.push(m.record);
      for (const w of [...waiters]) w();
    } else if (m.reply !== undefined) {
      replies.get(m.reply)?.({ ok: m.ok ?? false, result: m.result, error: m.error });
      replies.delete(m.reply);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const w of [...waiters]) w();
      // Let the last stderr chunks arrive.
      setImmediate(() => resolve({ code, signal, stderr, stdout }));
    }),
  );
  let ended = false;
  void exited.then(() => (ended = true));

  return {
    records,
    child,
    exited,
    output: () => `${stdout}\n${stderr}`,
    waitFor(kind, where = () => true, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = records.find((r) => r.kind === kind && where(r));
          if (found) return finish(() => resolve(found));
          if (ended || child.exitCode !== null) finish(() => reject(new Error(`main process ended without ${kind}\n${stderr}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${kind}\n${stderr}`))), timeoutMs);
        const finish = (f: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          f();
        };
        waiters.add(check);
        check();
      });
    },
    command<T>(command: string, args: Record<string, unknown> = {}) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        replies.set(id, (m) => (m.ok ? resolve(m.result as T) : reject(new Error(m.error))));
        child.send({ id, command, args });
      });
    },
  };
}

// Starts the real browser-preview server (electron/web/start.ts) as a child process on a test
// database, as `npm run web` does, and returns its printed URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface RunningPreview {
  url: string;
  origin: string;
  token: string;
  stop(): Promise<void>;
}

export function startPreview(dbFile: string, extraArgs: string[] = []): Promise<RunningPreview> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/web/start.ts'), '--db', dbFile, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`preview did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=([\w-]+))/.exec(out);
      if (m) {
        clearTimeout(timer);
        const url = m[1]!;
        resolve({
          url,
          origin: new URL(url).origin,
          token: m[2]!,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview exited with ${code}:\n${out}`));
    });
  });
}

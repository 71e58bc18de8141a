// Where the contract worker's code is: beside the built main bundle (out/main/contract-worker.js,
// an entry of its own in electron.vite.config.ts), or — running from source under tsx or vitest —
// the TypeScript file, started through tsx-boot.mjs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface WorkerScript {
  url: URL;
  /** Extra workerData for the boot file. */
  entry?: string;
}

export function workerScript(): WorkerScript {
  const built = new URL('./contract-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return { url: built };
  const source = new URL('./contract-worker.ts', import.meta.url);
  if (existsSync(fileURLToPath(source))) return { url: new URL('./tsx-boot.mjs', import.meta.url), entry: source.href };
  throw new Error(`データベース処理のスクリプトが見つかりません (${fileURLToPath(built)})。npm run build を実行してください`);
}

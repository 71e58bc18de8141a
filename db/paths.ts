// Locates files that ship with the app (migrations, sample data) from source, from the built
// bundle (out/…) and from a packaged app alike: walk up to the directory holding package.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function appRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'db', 'migrations'))) break;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('アプリのルートフォルダが見つかりません (package.json)');
    dir = parent;
  }
  root = dir;
  return dir;
}

export const migrationsDir = (): string => join(appRoot(), 'db', 'migrations');
export const sampleDir = (): string => join(appRoot(), 'resources', 'sample');

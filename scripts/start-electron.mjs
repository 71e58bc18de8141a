#!/usr/bin/env node
// `npm start`: builds the app, makes sure better-sqlite3 is built for Electron's ABI, and starts
// Electron. On a machine without the Electron binary it says how to get one and stops.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const name = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
    return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name);
  }
  const pathTxt = join(electronDir, 'path.txt');
  return existsSync(pathTxt) ? join(electronDir, 'dist', readFileSync(pathTxt, 'utf8')) : null;
}

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env, shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const binary = electronBinary();
if (!binary || !existsSync(binary)) {
  // Try the package's own installer once: it uses ELECTRON_MIRROR / electron_config_cache when set.
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', cwd: electronDir });
}
const found = electronBinary();
if (!found || !existsSync(found)) {
  console.error(`Electron の実行ファイルがありません / The Electron binary is not installed.
  - 社内ミラー: ELECTRON_MIRROR=https://<mirror>/electron/ npm start
  - 事前に配置したキャッシュ: electron_config_cache=<folder with electron-v*-*.zip> npm start
  - 展開済みのElectron: ELECTRON_OVERRIDE_DIST_PATH=<folder containing electron(.exe)> npm start
  Electron がなくても npm run web でブラウザプレビューを使えます (README 参照).`);
  process.exit(1);
}
run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
// better-sqlite3 must match Electron's ABI (npm test rebuilds it for Node again when needed).
run(process.execPath, [join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), '--version', version, '--only', 'better-sqlite3']);
run(process.execPath, [join(root, 'node_modules', 'electron', 'cli.js'), '.']);

#!/usr/bin/env node
// `npm start` (and `npm run dev` with --dev): builds the app, makes sure better-sqlite3 is built
// for Electron's ABI in its own folder (scripts/electron-native.mjs; the Node build used by the
// tests and the CLI stays as it is), and starts Electron with XPW_NATIVE_BINDING pointing at it.
// Programs are run directly, never through a shell, so C:\Program Files\nodejs\node.exe stays one
// argument. On a machine without the Electron binary it says how to get one and stops.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureElectronBinding, root, runDirect } from './electron-native.mjs';

const electronDir = join(root, 'node_modules', 'electron');
const dev = process.argv.includes('--dev');

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const name = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
    return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name);
  }
  const pathTxt = join(electronDir, 'path.txt');
  return existsSync(pathTxt) ? join(electronDir, 'dist', readFileSync(pathTxt, 'utf8')) : null;
}

function run(cmd, args, env = process.env) {
  const status = runDirect(cmd, args, { env });
  if (status !== 0) process.exit(status);
}

const binary = electronBinary();
if (!binary || !existsSync(binary)) {
  // Try the package's own installer once: it uses ELECTRON_MIRROR / electron_config_cache when set.
  runDirect(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir });
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
const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
let binding;
try {
  binding = ensureElectronBinding(version);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
const env = { ...process.env, XPW_NATIVE_BINDING: binding };
const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
if (dev) run(process.execPath, [electronVite, 'dev'], env);
else {
  run(process.execPath, [electronVite, 'build']);
  run(process.execPath, [join(root, 'node_modules', 'electron', 'cli.js'), '.'], env);
}

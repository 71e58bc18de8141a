#!/usr/bin/env node
// Builds what `npm ci` leaves out (install scripts are off in .npmrc, see there): the native
// better-sqlite3 binding for this Node.js. Fast when already done; run by every npm script that
// needs it. With --electron it targets Electron's ABI instead (npm start; needs Electron headers).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const forElectron = process.argv.includes('--electron');

function bindingLoads() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch {
    return false;
  }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`setup: '${cmd} ${args.join(' ')}' failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

if (forElectron) {
  // electron-builder's install-app-deps rebuilds native modules for the installed Electron.
  run('npx', ['--no-install', 'electron-builder', 'install-app-deps']);
} else if (!bindingLoads()) {
  console.log('setup: building better-sqlite3 for this Node.js (first run only, about 2 minutes)…');
  run('npm', ['rebuild', 'better-sqlite3', '--ignore-scripts=false']);
  if (!bindingLoads()) {
    console.error('setup: better-sqlite3 still does not load after the rebuild. Is a C++ toolchain (python3, make, g++) installed?');
    process.exit(1);
  }
}

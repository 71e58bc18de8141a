#!/usr/bin/env node
// Builds what `npm ci` leaves out (install scripts are off in .npmrc, see there): the native
// better-sqlite3 binding for this Node.js. Fast when already done; run by every npm script that
// needs it. With --electron it targets Electron's ABI instead (npm start; needs Electron headers).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const forElectron = process.argv.includes('--electron');
const withBrowser = process.argv.includes('--browser');

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

// --browser (npm test): the UI tests drive a system Chromium. On Debian as root, install it (and
// Japanese fonts) when absent; elsewhere the UI tests explain how (CHROME_PATH).
const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
if (withBrowser && !process.env.CHROME_PATH && !BROWSERS.some((b) => existsSync(b))) {
  const canApt = process.platform === 'linux' && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
  if (canApt) {
    console.log('setup: installing Chromium and Japanese fonts for the UI tests (apt-get)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk']);
  } else {
    console.warn('setup: no Chromium found; the UI tests will fail until one is installed or CHROME_PATH is set.');
  }
}

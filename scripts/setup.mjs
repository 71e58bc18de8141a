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

// --browser (npm test): the UI and export tests drive a system Chromium, read PDFs back with
// poppler (pdftotext, pdfinfo) and open .docx files in LibreOffice. On Debian as root, install
// what is missing; elsewhere the tests explain how (CHROME_PATH, the package names).
const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
if (withBrowser) {
  const missing = [];
  if (!process.env.CHROME_PATH && !BROWSERS.some((b) => existsSync(b))) missing.push('chromium', 'fonts-noto-cjk');
  if (!existsSync('/usr/bin/pdftotext')) missing.push('poppler-utils');
  // Team sync's tests run over a real SMB share (Samba on 127.0.0.1, mounted with smbnetfs).
  if (!existsSync('/usr/sbin/smbd')) missing.push('samba');
  if (!existsSync('/usr/bin/smbnetfs')) missing.push('smbnetfs');
  if (!existsSync('/usr/bin/soffice') && !existsSync('/usr/bin/libreoffice')) missing.push('libreoffice-writer-nogui');
  const canApt = process.platform === 'linux' && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
  if (missing.length && canApt) {
    console.log(`setup: installing ${missing.join(', ')} for the tests (apt-get)…`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  } else if (missing.length) {
    console.warn(`setup: missing for the tests: ${missing.join(', ')}. Install them (Debian package names) or set CHROME_PATH.`);
  }
}

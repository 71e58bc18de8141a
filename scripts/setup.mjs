#!/usr/bin/env node
// Builds what `npm ci` leaves out (install scripts are off in .npmrc, see there): the native
// better-sqlite3 binding for this Node.js. Fast when already done; run by every npm script that
// needs it. With --electron it builds the Electron one into .native/ (needs Electron's headers).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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
  // The Electron build goes into a folder of its own (.native/, see electron-native.mjs); the
  // Node build below stays as it is, so the tests and xpw keep working.
  const { ensureElectronBinding, root } = await import('./electron-native.mjs');
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  console.log(`setup: better-sqlite3 for Electron ${electronVersion}: ${ensureElectronBinding(electronVersion)}`);
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
  // The handouts' default fonts (SIL OFL), so the PDFs tested here are set as on Windows.
  if (!existsSync('/usr/share/fonts/truetype/bizud-gothic')) missing.push('fonts-morisawa-bizud-gothic');
  if (!existsSync('/usr/share/fonts/truetype/bizud-mincho')) missing.push('fonts-morisawa-bizud-mincho');
  // Calc: the .xlsx tests open the workbook in LibreOffice.
  if (!existsSync('/usr/lib/libreoffice/program/libsclo.so')) missing.push('libreoffice-calc-nogui');
  // Team sync's tests run over a real SMB share (Samba on 127.0.0.1, mounted with smbnetfs).
  if (!existsSync('/usr/sbin/smbd')) missing.push('samba');
  if (!existsSync('/usr/bin/smbnetfs')) missing.push('smbnetfs');
  if (!existsSync('/usr/bin/soffice') && !existsSync('/usr/bin/libreoffice')) missing.push('libreoffice-writer-nogui');
  // The PostgreSQL sync tests start their own server from Debian's binaries (no system service).
  const pgInstalled = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
  if (!process.env.PG_BIN && !pgInstalled) missing.push('postgresql');
  const canApt = process.platform === 'linux' && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
  if (missing.length && canApt) {
    console.log(`setup: installing ${missing.join(', ')} for the tests (apt-get)…`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  } else if (missing.length) {
    console.warn(`setup: missing for the tests: ${missing.join(', ')}. Install them (Debian package names) or set CHROME_PATH.`);
  }
}

// The Electron shell: one window, one IPC channel that forwards the contract to the worker
// threads that own the database (electron/worker), nothing else. All behaviour lives in the
// plain-Node services shared with the CLI and the browser preview.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { join } from 'node:path';
import type { ContractWorkers } from '../worker/contract-workers.js';
import { defaultDataDir } from '../services/data-paths.js';
import { guardClose } from './close-guard.js';
import { electronHost } from './export-host.js';
import { pickPath } from './pickers.js';
import { pgSecrets } from './pg-secrets.js';
import { startWithRecovery } from './startup-recovery.js';
import { IPC_CHANNEL, isAllowedRequest, isAllowedUrl, windowOptions } from './window-options.js';

app.setName('X方針ワークベンチ');
// A packaged build has no menu: Electron's default one opens DevTools (Ctrl+Shift+I) and reloads the page.
if (app.isPackaged) Menu.setApplicationMenu(null);
// The dev server (npm run dev) only in development: in a packaged build an environment variable
// must not be able to point the window, and the contract, at another page.
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined;
/** The built page's folder: the only files the window may show or load. */
const rendererDir = join(import.meta.dirname, '../renderer');
let workers: ContractWorkers | undefined;
let mainWindow: BrowserWindow | undefined;

// A second instance hands over to the first: focus its window and quit.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start).catch((e: unknown) => {
    dialog.showErrorBox('X方針ワークベンチを起動できません', e instanceof Error ? e.message : String(e));
    app.quit();
  });
}

function lockDown(): void {
  // No network at runtime: only the app's own files (and the dev server during development).
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, devServerUrl, rendererDir) });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedUrl(url, devServerUrl, rendererDir)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

async function start(): Promise<void> {
  lockDown();
  // A PostgreSQL share's password, if one was saved, comes from the OS-protected store: unsealed
  // here (safeStorage is main-process only) and handed to the database worker that syncs.
  const secrets = pgSecrets();
  // The data folder comes from the settings file in the per-user folder (app.getPath('userData')
  // is the same folder); a database that cannot be used gets the restore offer here.
  const host = { ...electronHost(() => mainWindow), pick: pickPath(() => mainWindow), savePgPassword: (url: string, password: string) => secrets.savePassword(url, password),
    forgetPgPassword: (url: string) => secrets.forget(url),
  };
  // Team sync's background pass runs in the long lane's worker (electron/services/sync/sync-loop.ts).
  const started = await startWithRecovery(defaultDataDir(), host, { syncLoop: true, pgPasswords: () => secrets.all() });
  if (!started) {
    app.quit();
    return;
  }
  workers = started;
  ipcMain.handle(IPC_CHANNEL, (event, channel: unknown, payload: unknown) => {
    // Only our own page may call the contract.
    const senderUrl = event.senderFrame?.url ?? '';
    if (!isAllowedUrl(senderUrl, devServerUrl, rendererDir)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '許可されていない画面からの要求です' } };
    }
    return started.call(channel, payload);
  });

  mainWindow = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload'), { devTools: !app.isPackaged }));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  // Unsaved edits (記載ルール) are asked about before the window closes.
  guardClose(mainWindow, (url) => isAllowedUrl(url, devServerUrl, rendererDir));
  if (devServerUrl) await mainWindow.loadURL(devServerUrl);
  else await mainWindow.loadFile(join(rendererDir, 'index.html'));
  void shell; // external links are never opened; kept out of reach on purpose
}

app.on('window-all-closed', () => {
  // Requests, jobs and a sync pass under way end first; then both connections close.
  void (workers?.close() ?? Promise.resolve()).finally(() => app.quit());
});

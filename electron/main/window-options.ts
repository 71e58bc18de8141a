// The BrowserWindow options and the navigation rules of the app window, kept free of the
// `electron` import so a unit test can assert exactly what the main process uses.
import { join } from 'node:path';

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: false;
  navigateOnDragDrop: false;
}

export function windowOptions(preloadDir: string) {
  const webPreferences: SecureWebPreferences = {
    preload: join(preloadDir, 'index.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'X方針ワークベンチ',
    show: false,
    autoHideMenuBar: true,
    webPreferences,
  };
}

/** Only the app's own page may be shown: the packaged file, or the dev server in `npm run dev`. */
export function isAllowedUrl(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl) return url.startsWith(devServerUrl);
  return url.startsWith('file://');
}

/** Requests the window may make: its own files and devtools; never the network. */
export function isAllowedRequest(url: string, devServerUrl: string | undefined): boolean {
  if (url.startsWith('file://') || url.startsWith('devtools://') || url.startsWith('data:')) return true;
  return devServerUrl !== undefined && (url.startsWith(devServerUrl) || url.startsWith(devServerUrl.replace('http', 'ws')));
}

/** The IPC channel the preload's invoke() uses. */
export const IPC_CHANNEL = 'xpw:invoke';

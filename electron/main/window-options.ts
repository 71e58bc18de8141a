// The BrowserWindow options and the navigation rules of the app window, kept free of the
// `electron` import so a unit test can assert exactly what the main process uses.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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
  devTools: boolean;
}

/** devTools: only in development; a packaged build cannot open them (nor has the menu that would). */
export function windowOptions(preloadDir: string, { devTools }: { devTools: boolean }) {
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
    devTools,
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

/**
 * A file:// URL inside the app's renderer folder. Parsed first, so `..` segments and escapes are
 * resolved before the comparison: any other file on the disk (a downloaded .html) is refused.
 */
function insideRenderer(url: string, rendererDir: string): boolean {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    return false;
  }
  return href.startsWith(`${pathToFileURL(rendererDir).href}/`);
}

/** Only the app's own page may be shown: the packaged renderer, or the dev server in `npm run dev`. */
export function isAllowedUrl(url: string, devServerUrl: string | undefined, rendererDir: string): boolean {
  if (devServerUrl) return url.startsWith(devServerUrl);
  return url.startsWith('file://') && insideRenderer(url, rendererDir);
}

/** Requests the window may make: its own files, devtools and data: URLs; never the network. */
export function isAllowedRequest(url: string, devServerUrl: string | undefined, rendererDir: string): boolean {
  if (url.startsWith('devtools://') || url.startsWith('data:')) return true;
  if (url.startsWith('file://')) return insideRenderer(url, rendererDir);
  return devServerUrl !== undefined && (url.startsWith(devServerUrl) || url.startsWith(devServerUrl.replace('http', 'ws')));
}

/** The IPC channel the preload's invoke() uses. */
export const IPC_CHANNEL = 'xpw:invoke';

/**
 * The window's own messages with its page (spelt again in the preload, which cannot import this
 * file): the page says what is unsaved (or null), the window asks it to save before it closes,
 * the page answers whether it saved.
 */
export const UNSAVED_CHANNEL = 'xpw:unsaved';
export const SAVE_BEFORE_CLOSE_CHANNEL = 'xpw:save-before-close';
export const SAVED_CHANNEL = 'xpw:saved';

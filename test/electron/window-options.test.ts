// The Electron window's security settings, asserted against the very options the main process
// passes to BrowserWindow (electron/main/index.ts imports windowOptions and the URL rules).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL, isAllowedRequest, isAllowedUrl, windowOptions } from '../../electron/main/window-options';

const mainSource = readFileSync(join(import.meta.dirname, '../../electron/main/index.ts'), 'utf8');
const preloadSource = readFileSync(join(import.meta.dirname, '../../electron/preload/index.ts'), 'utf8');

describe('Electron window', () => {
  it('runs the page isolated and sandboxed, without Node', () => {
    const { webPreferences } = windowOptions('/app/out/preload', { devTools: false });
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(webPreferences.preload).toMatch(/index\.cjs$/);
  });

  it('is created with exactly these options, and denies window.open, navigation, permissions and network', () => {
    expect(mainSource).toMatch(/new BrowserWindow\(windowOptions\(/);
    expect(mainSource).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(mainSource).toMatch(/will-navigate[\s\S]*isAllowedUrl[\s\S]*preventDefault/);
    expect(mainSource).toMatch(/setPermissionRequestHandler\([^)]*\) => callback\(false\)\)/);
    expect(mainSource).toMatch(/onBeforeRequest[\s\S]*isAllowedRequest/);
    expect(mainSource).toMatch(/requestSingleInstanceLock/);
  });

  it('allows only its own page and files', () => {
    const dir = '/app/out/renderer';
    expect(isAllowedUrl('file:///app/out/renderer/index.html', undefined, dir)).toBe(true);
    expect(isAllowedUrl('https://example.com/', undefined, dir)).toBe(false);
    expect(isAllowedUrl('http://localhost:5173/', 'http://localhost:5173/', dir)).toBe(true);
    expect(isAllowedRequest('https://example.com/x.js', undefined, dir)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:9/', undefined, dir)).toBe(false);
    expect(isAllowedRequest('file:///app/out/renderer/assets/index.js', undefined, dir)).toBe(true);
  });

  it('refuses every other file on the disk, however the URL is spelled', () => {
    const dir = '/app/out/renderer';
    for (const url of [
      'file:///home/user/Downloads/evil.html',
      'file:///app/out/renderer/../../../etc/passwd',
      'file:///app/out/renderer%2F..%2F..%2Fsecret.html',
      'file:///app/out/renderer-other/index.html',
      'file:///app/out/renderer',
      'file://attacker/share/page.html',
      'not a url',
    ]) {
      expect(isAllowedUrl(url, undefined, dir), url).toBe(false);
      expect(isAllowedRequest(url, undefined, dir), url).toBe(false);
    }
    // In development only the dev server (and its websocket) is the app.
    expect(isAllowedUrl('file:///app/out/renderer/index.html', 'http://localhost:5173/', dir)).toBe(false);
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173/', dir)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', undefined, dir)).toBe(true);
  });

  it('passes the renderer folder it loads the page from to every check, and denies the rest', () => {
    expect(mainSource).toMatch(/const rendererDir = join\(import\.meta\.dirname, '\.\.\/renderer'\)/);
    expect(mainSource).toMatch(/loadFile\(join\(rendererDir, 'index\.html'\)\)/);
    expect(mainSource.match(/isAllowed(Url|Request)\([^)]*\)/g)).toEqual([
      'isAllowedRequest(details.url, devServerUrl, rendererDir)',
      'isAllowedUrl(url, devServerUrl, rendererDir)',
      'isAllowedUrl(senderUrl, devServerUrl, rendererDir)',
    ]);
    expect(mainSource).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(mainSource).toMatch(/will-attach-webview', \(event\) => event\.preventDefault\(\)/);
    // The contract answers only the app's own page.
    expect(mainSource).toMatch(/if \(!isAllowedUrl\(senderUrl[^]*?FORBIDDEN/);
    // Nothing opens external programs or URLs.
    expect(mainSource).not.toMatch(/shell\.(openExternal|openPath)/);
  });

  it('starts through the restore offer and offers only the open/save choosers', () => {
    const pickers = readFileSync(join(import.meta.dirname, '../../electron/main/pickers.ts'), 'utf8');
    const recovery = readFileSync(join(import.meta.dirname, '../../electron/main/startup-recovery.ts'), 'utf8');
    expect(mainSource).toMatch(/startWithRecovery\(defaultDataDir\(\)\)/);
    expect(mainSource).toMatch(/pick: pickPath\(/);
    expect(pickers).not.toMatch(/shell|openExternal|BrowserWindow\(/);
    expect(pickers).toMatch(/showOpenDialogSync/);
    // The recovery dialog's default button is 終了する: restoring needs an explicit choice.
    expect(recovery).toMatch(/defaultId: buttons\.length - 1/);
  });

  it('exposes only invoke() over the one IPC channel', () => {
    expect(preloadSource).toContain(`'${IPC_CHANNEL}'`);
    expect(preloadSource.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(preloadSource).toMatch(/invoke: \(channel: string, input: unknown\)/);
  });
});

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
    const { webPreferences } = windowOptions('/app/out/preload');
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
    expect(isAllowedUrl('file:///C:/app/out/renderer/index.html', undefined)).toBe(true);
    expect(isAllowedUrl('https://example.com/', undefined)).toBe(false);
    expect(isAllowedUrl('http://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedRequest('https://example.com/x.js', undefined)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:9/', undefined)).toBe(false);
    expect(isAllowedRequest('file:///app/out/renderer/assets/index.js', undefined)).toBe(true);
  });

  it('exposes only invoke() over the one IPC channel', () => {
    expect(preloadSource).toContain(`'${IPC_CHANNEL}'`);
    expect(preloadSource.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(preloadSource).toMatch(/invoke: \(channel: string, input: unknown\)/);
  });
});

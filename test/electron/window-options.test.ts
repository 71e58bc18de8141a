// The URL rules and window options of the Electron shell as functions. That the main process
// really uses them (window created with these options, every navigation, request and IPC call
// checked) is asserted by running the built main process: main-process.test.ts.
import { describe, expect, it } from 'vitest';
import { isAllowedRequest, isAllowedUrl, windowOptions } from '../../electron/main/window-options';
import { LOCKED_DOWN_WEB_PREFERENCES } from '../helpers/locked-down-window';

describe('Electron window', () => {
  it('runs the page isolated and sandboxed, without Node; DevTools only when asked (development)', () => {
    const { webPreferences } = windowOptions('/app/out/preload', { devTools: false });
    expect(webPreferences).toMatchObject({ ...LOCKED_DOWN_WEB_PREFERENCES, devTools: false });
    expect(webPreferences.preload).toMatch(/index\.cjs$/);
    expect(windowOptions('/app/out/preload', { devTools: true }).webPreferences.devTools).toBe(true);
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
});

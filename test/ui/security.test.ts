// The UI's hardening, in a real Chromium: no request leaves the app's own origin while every
// screen and dialog is used (request interception aborts and records any that would), and the
// Content Security Policy blocks injected inline script and inline event handlers and reports
// the violation — on the preview server (HTTP header) and in the built page the Electron app
// loads from file:// (meta tag), whose policy must say the same as the server's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/web/security';
import { tempDir } from '../helpers/temp';
import { useSamplePage } from '../helpers/ui-session';

process.env.XPW_DATA_DIR = tempDir('xpw-profile-');
const session = useSamplePage();
const BUILT = join(import.meta.dirname, '..', '..', 'out', 'renderer', 'index.html');

interface Injection {
  scriptRan: boolean;
  handlerRan: boolean;
  violations: string[];
}

/** Injects an inline <script> and an inline onerror handler, as an XSS would, and reports what happened. */
function inject(page: Page): Promise<Injection> {
  return page.evaluate(async () => {
    const w = window as unknown as { __scriptRan?: boolean; __handlerRan?: boolean };
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    const script = document.createElement('script');
    script.textContent = 'window.__scriptRan = true;';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__handlerRan = true;');
    img.src = 'data:image/png;base64,bm90IGFuIGltYWdl'; // allowed by img-src; not an image, so onerror fires
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 300));
    return { scriptRan: w.__scriptRan === true, handlerRan: w.__handlerRan === true, violations };
  });
}

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d] as const),
  );

describe('network', () => {
  it('makes no request outside its own origin on any screen', async () => {
    const { page, preview } = session;
    const foreign: string[] = [];
    let own = 0;
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${preview.origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
        own++;
        await route.continue();
      } else {
        foreign.push(url);
        await route.abort('blockedbyclient');
      }
    });
    await page.reload();
    await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
    for (const tab of await page.getByRole('tab').all()) {
      await tab.click();
      await page.waitForLoadState('networkidle');
    }
    await page.getByRole('tab', { name: 'バックアップ' }).click();
    await page.getByRole('button', { name: '今すぐバックアップ' }).click();
    await page.getByText('バックアップを作成し、検証しました').waitFor();
    await page.getByRole('button', { name: '設定' }).click();
    await page.getByRole('dialog', { name: '設定' }).getByRole('button', { name: 'キャンセル' }).click();
    await page.getByRole('tab', { name: 'ランク付け' }).click();
    await page.getByRole('button', { name: '資料の出力…' }).click();
    const exportDialog = page.getByRole('dialog', { name: '資料の出力' });
    await exportDialog.getByRole('region', { name: '印刷プレビュー' }).getByText('Aレベルの課題の分析結果一覧').waitFor();
    await exportDialog.getByRole('button', { name: '閉じる' }).click();
    await page.waitForLoadState('networkidle');
    await page.unroute('**/*');
    expect(foreign).toEqual([]);
    expect(own).toBeGreaterThan(20);
  });
});

describe('Content Security Policy', () => {
  it('blocks injected inline script and handlers on the preview, and reports it', async () => {
    const { page } = session;
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    const result = await inject(page);
    expect(result.scriptRan).toBe(false);
    expect(result.handlerRan).toBe(false);
    expect(result.violations).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src-elem inline/), expect.stringMatching(/^script-src-attr inline/)]));
    expect(messages.join('\n')).toMatch(/Content Security Policy/);
  });

  it('runs the same injection on a page without a policy (the check itself works)', async () => {
    const page = await session.browser.newPage();
    await page.goto('data:text/html,<p>no policy</p>');
    expect(await inject(page)).toMatchObject({ scriptRan: true, handlerRan: true, violations: [] });
    await page.close();
  });

  it('blocks it in the page the Electron app loads from file://, whose policy matches the server', async () => {
    const html = readFileSync(BUILT, 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    // The same policy as the preview's header, except frame-ancestors (not allowed in a meta tag).
    const server = directives(CONTENT_SECURITY_POLICY);
    server.delete('frame-ancestors');
    expect(directives(meta!)).toEqual(server);
    expect(meta).not.toMatch(/unsafe-inline|unsafe-eval/);

    const page = await session.browser.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(BUILT).href);
    const result = await inject(page);
    expect(result.scriptRan).toBe(false);
    expect(result.handlerRan).toBe(false);
    expect(result.violations.some((v) => v.startsWith('script-src-elem'))).toBe(true);
    await page.close();
  });
});

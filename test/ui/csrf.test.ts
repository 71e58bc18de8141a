// Cross-site requests from other local pages (issue 11 item 3): a page served from 127.0.0.1 on
// another port is "same-site" and the browser sends it our cookie, so /api must not trust
// cookies. With the app open in the same browser, such a page tries everything it can send
// without CORS — fetch no-cors with a text body, a form post, a beacon — and a CORS fetch with
// the header; nothing reaches the contract. The app's own page keeps working.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { useSamplePage } from '../helpers/ui-session';

process.env.XPW_DATA_DIR = tempDir('xpw-profile-');
const session = useSamplePage();
let attacker: Server | undefined;
afterAll(() => new Promise<void>((r) => (attacker ? attacker.close(() => r()) : r())));

const attackPage = (target: string) => `<!doctype html><meta charset="utf-8"><body>
<form id="f" method="POST" action="${target}/api/settings.set" enctype="text/plain" target="sink">
<input name='{"displayName":"フォーム攻撃","x":"' value='"}'></form><iframe name="sink"></iframe>
<script>
(async () => {
  const body = JSON.stringify({ displayName: '攻撃者' });
  const tries = [
    fetch('${target}/api/settings.set', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body }),
    fetch('${target}/api/settings.set', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body }),
    fetch('${target}/api/settings.set', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json', 'X-XPW-Token': 'guess' }, body }),
  ];
  navigator.sendBeacon('${target}/api/settings.set', new Blob([body], { type: 'text/plain' }));
  document.getElementById('f').submit();
  await Promise.allSettled(tries);
  await new Promise((r) => setTimeout(r, 800));
  document.title = 'done';
})();
</script></body>`;

describe('cross-site requests to the preview', () => {
  it('a page on another local port cannot write through the contract, even with the app open', async () => {
    const { page, preview } = session;
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(attackPage(preview.origin));
    });
    await new Promise<void>((r) => attacker!.listen(0, '127.0.0.1', () => r()));
    const evil = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    // The same tab as the app: the browser holds the app's cookie.
    expect((await page.context().cookies(preview.origin)).length).toBeGreaterThan(0);
    await page.goto(evil);
    await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 20_000 });
    await page.goto(preview.url);
    const read = await fetch(`${preview.origin}/api/settings.get`, {
      method: 'POST',
      headers: { 'X-XPW-Token': preview.token, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const view = (await read.json()) as { ok: boolean; data: { displayName: string } };
    expect(view.ok).toBe(true);
    expect(view.data.displayName).not.toMatch(/攻撃/);
  });

  it("the app's own page still reads and writes (token in a header)", async () => {
    const { page } = session;
    const reply = await page.evaluate(async () => {
      const token = sessionStorage.getItem('xpw-token') ?? '';
      const res = await fetch('/api/settings.set', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-XPW-Token': token }, body: JSON.stringify({ displayName: '事務局' }) });
      return (await res.json()) as { ok: boolean; data: { displayName: string } };
    });
    expect(reply).toMatchObject({ ok: true, data: { displayName: '事務局' } });
  });

  it('a cookie alone does not open /api, and the cookie is not the token', async () => {
    const { page, preview } = session;
    const cookies = await page.context().cookies(preview.origin);
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c.value).not.toBe(preview.token);
    const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${preview.origin}/api/rounds.list`, { method: 'POST', headers: { Cookie: header, 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
  });

  it('refuses /api without a JSON content type, from another site, or for another Host', async () => {
    const { preview } = session;
    const post = (headers: Record<string, string>) =>
      fetch(`${preview.origin}/api/rounds.list`, { method: 'POST', headers: { 'X-XPW-Token': preview.token, 'Content-Type': 'application/json', ...headers }, body: '{}' });
    expect((await post({ 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post({ 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await post({ Origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await post({})).status).toBe(200);
  });
});

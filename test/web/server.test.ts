// The browser preview's HTTP side: token, loopback only, security headers, the contract.
import { describe, expect, it, afterAll } from 'vitest';
import { startPreview } from '../helpers/preview';
import { sampleDb, tempDbPath } from '../helpers/temp';

const file = tempDbPath();
(await sampleDb(file)).close();
const preview = await startPreview(file);
afterAll(() => preview.stop());

const api = (channel: string, body: unknown, headers: Record<string, string> = { 'X-XPW-Token': preview.token }) =>
  fetch(`${preview.origin}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('browser preview server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(preview.url).hostname).toBe('127.0.0.1');
  });

  it('refuses requests without the token', async () => {
    expect((await fetch(`${preview.origin}/`)).status).toBe(403);
    expect((await api('summary.get', { roundId: 1 }, {})).status).toBe(403);
    expect((await api('summary.get', { roundId: 1 }, { 'X-XPW-Token': 'wrong' })).status).toBe(403);
  });

  it('serves the page with the token, sets an HttpOnly cookie and a strict CSP', async () => {
    const res = await fetch(preview.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/xpw_page_\d+=.*HttpOnly; SameSite=Strict/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await res.text()).toContain('<div id="root">');
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    // The cookie opens the page's own files, never /api (that takes the token in a header).
    expect((await fetch(`${preview.origin}/assets/none.js`, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await api('rounds.list', {}, { Cookie: cookie })).status).toBe(403);
  });

  it('serves the contract', async () => {
    const reply = await (await api('summary.get', { roundId: 1, levels: ['A'] })).json();
    expect(reply).toMatchObject({ ok: true, data: [{ level: 'A', total: 132 }] });
  });

  it('answers invalid JSON and invalid payloads with Japanese errors', async () => {
    const bad = await fetch(`${preview.origin}/api/summary.get`, { method: 'POST', headers: { 'X-XPW-Token': preview.token, 'Content-Type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('JSONとして読めません');
    const invalid = await (await api('issues.get', { issueId: 'x' })).json();
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await fetch(`${preview.origin}/..%2F..%2Fpackage.json`, { headers: { 'X-XPW-Token': preview.token } });
    const text = await res.text();
    expect(text).not.toContain('"dependencies"');
  });
});

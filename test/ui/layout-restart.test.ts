// The grid's layout survives a restart of the browser preview (issue 14 §2): the preview's port,
// and so the browser storage's origin, changes at every start, so the layout is kept per user in
// the database's settings (this PC's own, never synced). Real Chromium, two real preview servers
// one after the other on the same database file, each page in a fresh browser context.
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startPreview, type RunningPreview } from '../helpers/preview';
import { sampleDb, tempDbPath } from '../helpers/temp';

let file: string;
let browser: Browser;
const previews: RunningPreview[] = [];

beforeAll(async () => {
  file = tempDbPath();
  (await sampleDb(file)).close();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const p of previews) await p.stop();
});

async function open(): Promise<{ page: Page; preview: RunningPreview }> {
  const preview = await startPreview(file);
  previews.push(preview);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto(preview.url);
  await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
  return { page, preview };
}

const titleWidth = async (page: Page) => (await page.getByRole('columnheader', { name: /課題名/ }).boundingBox())!.width;
const paneWidth = async (page: Page) => (await page.getByRole('complementary', { name: '課題の詳細' }).boundingBox())!.width;

describe('layout preferences across preview starts', () => {
  it('keeps a column width and the pane width after the preview restarts on another port', async () => {
    const first = await open();
    const { page } = first;
    const title = page.getByRole('columnheader', { name: /課題名/ });
    const before = await titleWidth(page);
    const paneBefore = await paneWidth(page);

    const saved = page.waitForResponse((r) => r.url().includes('/api/layout.set'));
    const hb = (await title.locator('.col-resizer').boundingBox())!;
    await page.mouse.move(hb.x + 3, hb.y + 10);
    await page.mouse.down();
    await page.mouse.move(hb.x + 603, hb.y + 10, { steps: 5 });
    await page.mouse.up();
    const splitter = page.getByRole('separator', { name: /一覧と本文の境目/ });
    await splitter.focus();
    await page.keyboard.press('ArrowLeft'); // the pane 40 px wider
    await (await saved).finished();
    // The drag and the key are written together once the layout stops changing.
    await page.waitForFunction(async () => {
      const res = await fetch('/api/layout.get', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-XPW-Token': sessionStorage.getItem('xpw-token') ?? '' }, body: '{}' });
      const layout = ((await res.json()) as { data: { paneWidth: number } | null }).data;
      return layout !== null && layout.paneWidth > 0;
    });
    const wider = await titleWidth(page);
    const widerPane = await paneWidth(page);
    expect(wider).toBeGreaterThan(before + 300);
    expect(widerPane).toBeGreaterThan(paneBefore + 30);
    await page.context().close();
    await first.preview.stop();

    // The same database, a new start: another port, so another storage origin with nothing in it.
    const second = await open();
    expect(second.preview.origin).not.toBe(first.preview.origin);
    await second.page.waitForFunction((w) => {
      const h = [...document.querySelectorAll('[role=columnheader]')].find((e) => e.textContent?.includes('課題名'));
      return h !== undefined && Math.abs(h.getBoundingClientRect().width - w) < 2;
    }, wider);
    expect(Math.abs((await paneWidth(second.page)) - widerPane)).toBeLessThan(2);
    await second.page.context().close();
    await second.preview.stop();

    // Kept as this PC's setting, per user, in the database file.
    const db = new Database(file, { readonly: true });
    const stored = JSON.parse(db.prepare("SELECT value FROM settings WHERE key = 'layout.grid'").pluck().get() as string) as Record<string, { sizing: Record<string, number> }>;
    db.close();
    expect(Object.values(stored)).toEqual([expect.objectContaining({ sizing: expect.objectContaining({ title: expect.any(Number) }) })]);
  });
});

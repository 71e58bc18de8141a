// A rank key shows the new rank at once, before the write answers (issue 14's benchmark: key →
// painted); the saved row then replaces it, and a write the database refuses puts the row back
// and says why. Ctrl+Z right after a key undoes that key's change.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { latestRound } from '../../db/queries/rounds';
import { lockRound, unlockRound } from '../../db/write/rounds';
import { launchChromium } from '../helpers/browser';
import { startPreview, type RunningPreview } from '../helpers/preview';
import { sampleDb, tempDbPath } from '../helpers/temp';

let preview: RunningPreview;
let browser: Browser;
let page: Page;
let file: string;

beforeAll(async () => {
  file = tempDbPath();
  (await sampleDb(file)).close();
  preview = await startPreview(file);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(preview.url);
  await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const grid = () => page.getByRole('grid', { name: '変革課題の一覧' });
const selected = () => page.locator('[role=row][aria-selected=true]');
const rankText = async () => ((await selected().locator('.col-rank').textContent()) ?? '').trim();
const until = async (f: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await f()); i++) await page.waitForTimeout(50);
  expect(await f()).toBe(true);
};

describe('keyboard rank edit', () => {
  it('shows the rank at once, then the saved row (更新者), and Ctrl+Z right after the key undoes it', async () => {
    await grid().focus();
    const before = await rankText();
    const key = before === '1' ? '2' : '1';
    await page.keyboard.press(key);
    await page.keyboard.press('Control+z');
    await until(async () => ((await page.locator('.statusbar .status-text').textContent()) ?? '').includes(`元に戻しました:`));
    // That key's change, not an earlier one: its rank → the one before.
    expect(await page.locator('.statusbar .status-text').textContent()).toContain(`ランク ${key} → ${before}`);
    expect(await rankText()).toBe(before);
    await page.keyboard.press('Control+y');
    await until(async () => (await rankText()) === key);
    await until(async () => ((await selected().locator('.col-updatedBy').textContent()) ?? '').trim() !== '');
  });

  it('puts the row back and says why when the database refuses the write (a round locked meanwhile)', async () => {
    const db = await openDatabase(file);
    const roundId = latestRound(db.sqlite)!.id;
    lockRound(db.sqlite, roundId, '別のPC');
    try {
      await grid().focus();
      await page.keyboard.press('ArrowDown');
      await until(async () => (await selected().getAttribute('aria-rowindex')) === '3');
      const before = await rankText();
      const key = before === '3' ? '2' : '3';
      await page.keyboard.press(key);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 10_000 });
      expect(await alert.textContent()).toMatch(/ロック/);
      await until(async () => (await rankText()) === before);
      // Nothing was written: the audit log has no rank change after the lock.
      const after = db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'evaluation.rank' AND id > (SELECT max(id) FROM audit_log WHERE action = 'round.lock')").pluck().get();
      expect(after).toBe(0);
    } finally {
      unlockRound(db.sqlite, roundId, 'テスト終了', 'テスト');
      db.close();
    }
  });
});

// The real UI in a real Chromium against `npm run web`'s server on a temporary sample database.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startPreview, type RunningPreview } from '../helpers/preview';
import { sampleDb, tempDbPath } from '../helpers/temp';

let preview: RunningPreview;
let browser: Browser;
let page: Page;
const foreignRequests: string[] = [];

beforeAll(async () => {
  const file = tempDbPath();
  (await sampleDb(file)).close();
  preview = await startPreview(file);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('request', (r) => {
    if (!r.url().startsWith(preview.origin) && !r.url().startsWith('data:')) foreignRequests.push(r.url());
  });
  await page.goto(preview.url);
  await firstRows();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const grid = () => page.getByRole('grid', { name: '変革課題の一覧' });
const count = () => page.locator('output.count');
const selectedRank = () => page.locator('[role=row][aria-selected=true] .col-rank');
const summaryCell = (row: string, col: number) => page.getByRole('region', { name: '集計' }).getByRole('row', { name: row }).getByRole('cell').nth(col);
const firstRows = () => page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();

async function expectText(locator: ReturnType<Page['locator']>, text: string | RegExp) {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}

describe('ranking grid', () => {
  it('shows the 132 A-level issues and the published summary', async () => {
    await expectText(count(), '133 件');
    await page.getByLabel('レベル').selectOption('A');
    await expectText(count(), '132 件');
    expect(await grid().getAttribute('aria-rowcount')).toBe('133');
    await expectText(summaryCell('A 現行業務の改善', 0), '132');
    expect(await summaryCell('A 現行業務の改善', 1).textContent()).toBe('13');
    expect(await summaryCell('A 現行業務の改善', 2).textContent()).toBe('118');
    expect(await summaryCell('A 現行業務の改善', 3).textContent()).toBe('1');
  });

  it('filters by 局名 and the summary follows', async () => {
    await page.getByLabel('局区').selectOption({ label: '会計 (会計室)' });
    await expectText(count(), '3 件');
    await expectText(summaryCell('A 現行業務の改善', 0), /^3$/);
    const orgs = await page.locator('[role=row] .col-organization').allTextContents();
    expect(new Set(orgs)).toEqual(new Set(['会計']));
  });

  it('sets a rank with the keyboard; it survives a reload and the summary follows', async () => {
    await grid().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expectText(page.locator('.issue-key'), '会計-A-1');
    await page.keyboard.press('3');
    await expectText(selectedRank(), '3');
    await expectText(summaryCell('A 現行業務の改善', 1), '1');
    await expectText(page.getByRole('region', { name: '変更履歴' }), 'ランク: 2 → 3');
    expect(await page.getByRole('radio', { name: 'ランク3' }).getAttribute('aria-checked')).toBe('true');

    await page.reload();
    await firstRows();
    await expectText(count(), '133 件');
    await expectText(page.locator('[role=row][aria-rowindex="2"] .col-rank'), '3');
    await expectText(summaryCell('A 現行業務の改善', 1), '14');
  });

  it('undoes and redoes with Ctrl+Z / Ctrl+Y', async () => {
    await grid().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('1');
    await expectText(selectedRank(), '1');
    await page.keyboard.press('Control+z');
    await expectText(selectedRank(), '3');
    await page.keyboard.press('Control+y');
    await expectText(selectedRank(), '1');
    await page.keyboard.press('Control+z');
    await expectText(selectedRank(), '3');
  });

  it('edits the comment with Enter, like Excel, and keeps it', async () => {
    await grid().focus();
    await page.keyboard.press('Enter');
    const comment = page.getByRole('textbox', { name: '所見' });
    expect(await comment.evaluate((el) => el === document.activeElement)).toBe(true);
    await comment.fill('財務会計システムの改修は完了。稼働を確認した。');
    await page.keyboard.press('Enter');
    expect(await grid().evaluate((el) => el === document.activeElement)).toBe(true);
    await expectText(page.locator('[role=row][aria-selected=true] .col-comment'), '稼働を確認した');
    await page.reload();
    await firstRows();
    await expectText(page.locator('[role=row][aria-rowindex="2"] .col-comment'), '財務会計システムの改修は完了');
  });

  it('searches with Ctrl+F, 2-character queries included', async () => {
    await grid().focus();
    await page.keyboard.press('Control+f');
    const search = page.getByRole('searchbox', { name: '検索' });
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    // What to expect: every title containing 窓口, counted from the data the page is showing.
    const all = await page.evaluate(async () => {
      const headers = { 'Content-Type': 'application/json', 'X-XPW-Token': sessionStorage.getItem('xpw-token') ?? '' };
      const res = await fetch('/api/issues.list', { method: 'POST', headers, body: JSON.stringify({ roundId: 1, offset: 0, limit: 1000 }) });
      return ((await res.json()) as { data: { rows: { title: string }[] } }).data.rows.map((r) => r.title);
    });
    const expected = all.filter((t) => t.includes('窓口')).length;
    expect(expected).toBeGreaterThan(3);
    await page.keyboard.type('窓口');
    await expectText(count(), `${expected} 件`);
    const titles = await page.locator('[role=row] .col-title').allTextContents();
    expect(titles.length).toBe(expected);
    for (const t of titles) expect(t).toContain('窓口');
    await search.fill('');
    await expectText(count(), '133 件');
  });

  it('sorts by a column header in Japanese order', async () => {
    await page.getByRole('columnheader', { name: /課題名/ }).click();
    await expectText(page.getByRole('columnheader', { name: /課題名/ }), '▲');
    expect(await page.getByRole('columnheader', { name: /課題名/ }).getAttribute('aria-sort')).toBe('ascending');
    const titles = await page.locator('[role=row] .col-title').allTextContents();
    expect(titles.slice(0, 10)).toEqual([...titles.slice(0, 10)].sort(new Intl.Collator('ja').compare));
    await page.getByRole('columnheader', { name: /課題名/ }).click();
    await page.getByRole('columnheader', { name: /課題名/ }).click();
    expect(await page.getByRole('columnheader', { name: /課題名/ }).getAttribute('aria-sort')).toBe('none');
  });

  it('shows the fields ①–⑤ of the B example beside its rank controls, any version', async () => {
    await page.getByLabel('レベル').selectOption('B');
    await expectText(count(), '1 件');
    await page.locator('[role=row][aria-rowindex="2"]').click();
    await expectText(page.locator('.issue-key'), '財変-B-4');
    const panel = page.getByRole('complementary', { name: '課題の詳細' });
    await expectText(panel, '施設の削減時期を耐用年限の到来時期に設定しているため');
    await expectText(panel, '⑤ 取組みの進捗状況、取組結果');
    await panel.getByLabel('版').selectOption({ label: 'R6.8 (令和6年8月21日時点)' });
    await expectText(panel, '公共施設の集約・廃止に際しては機能移転や施設統廃合に時間を要し');
    await expectText(panel.locator('.field').nth(4), '(記載なし)');
    await page.getByLabel('レベル').selectOption('');
  });

  it('makes no request outside its own origin, and its CSP blocks inline script', async () => {
    expect(foreignRequests).toEqual([]);
    const ran = await page.evaluate(async () => {
      const violated = new Promise<boolean>((resolve) => {
        document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
        setTimeout(() => resolve(false), 2000);
      });
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      return { violated: await violated, ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true };
    });
    expect(ran).toEqual({ violated: true, ran: false });
  });
});

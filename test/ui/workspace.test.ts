// The ranking workspace at Excel grade (issue 14 §1–3), in a real Chromium at 1366×768 against
// the preview server on a sample database: reading beside the grid, multi-select and bulk
// changes, the clipboard, columns, the menu, file drop, search marks, Esc, sort and undo.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startPreview, type RunningPreview } from '../helpers/preview';
import { sampleDb, tempDbPath } from '../helpers/temp';

let preview: RunningPreview;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const LAPTOP = { width: 1366, height: 768 };

beforeAll(async () => {
  const file = tempDbPath();
  (await sampleDb(file)).close();
  preview = await startPreview(file);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: LAPTOP, locale: 'ja-JP' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: preview.origin });
  page = await context.newPage();
  await page.goto(preview.url);
  await firstRows();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const grid = () => page.getByRole('grid', { name: '変革課題の一覧' });
const count = () => page.locator('output.count');
const status = () => page.locator('.statusbar .status-text');
const panel = () => page.getByRole('complementary', { name: '課題の詳細' });
const row = (index: number) => page.locator(`[role=row][aria-rowindex="${index + 2}"]`);
const firstRows = () => page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
const selectedRows = () => page.locator('.grid-body [role=row][aria-selected=true]');
const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

async function expectText(locator: Locator, text: string | RegExp) {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}

/** The API as the page uses it (same origin, the token in its header, JSON). */
async function api<T>(channel: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([c, i]) => {
      const headers = { 'Content-Type': 'application/json', 'X-XPW-Token': sessionStorage.getItem('xpw-token') ?? '' };
      const res = await fetch(`/api/${c}`, { method: 'POST', headers, body: JSON.stringify(i) });
      return ((await res.json()) as { data: unknown }).data;
    },
    [channel, input] as const,
  ) as Promise<T>;
}
const rankOf = async (key: string): Promise<string | null> => {
  const { issueId } = await api<{ issueId: number }>('issues.resolveKey', { key });
  return (await api<{ rank: string | null }>('issues.get', { issueId, roundId: 1 })).rank;
};
const auditCount = async () => (await api<{ count: number }>('audit.count', {})).count;

async function reset() {
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '条件をクリア' }).click();
  await expectText(count(), '133 件');
  await row(0).click();
}

/** Inside the viewport, and not covered by the page's scrolling. */
async function inView(l: Locator): Promise<boolean> {
  return l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth && r.height > 0;
  });
}

describe('reading beside the grid (1366×768 and 1920×1080)', () => {
  for (const size of [LAPTOP, { width: 1920, height: 1080 }]) {
    it(`shows ①–⑤ of the selected issue beside the grid without page scroll at ${size.width}×${size.height}`, async () => {
      await page.setViewportSize(size);
      await page.getByLabel('レベル').selectOption('B');
      await expectText(count(), '1 件');
      await row(0).click();
      await expectText(panel().locator('.issue-key'), '財変-B-4');
      // ② starts inside the window, beside the grid (the pane is to the right of it).
      const second = panel().locator('.field').nth(1);
      await expectText(second, '② 課題の内容');
      expect(await inView(second.locator('dt'))).toBe(true);
      expect(await inView(second.locator('dd'))).toBe(true);
      const gridBox = (await grid().boundingBox())!;
      const paneBox = (await panel().boundingBox())!;
      expect(paneBox.x).toBeGreaterThanOrEqual(gridBox.x + gridBox.width);
      expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
      await page.getByLabel('レベル').selectOption('');
      await expectText(count(), '133 件');
    });
  }

  it('fits the useful columns without a horizontal scrollbar and shows at least 20 rows at 1366×768', async () => {
    await page.setViewportSize(LAPTOP);
    await page.waitForTimeout(200);
    const m = await grid().evaluate((g) => {
      const gb = g.getBoundingClientRect();
      const header = g.querySelector('.grid-header')!.getBoundingClientRect();
      const rows = [...g.querySelectorAll('.grid-body [role=row]')].filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= header.bottom - 1 && b.bottom <= gb.bottom + 1;
      }).length;
      return { scrolls: g.scrollWidth > g.clientWidth, rows, headers: [...g.querySelectorAll('[role=columnheader]')].map((h) => h.textContent?.trim()) };
    });
    expect(m.scrolls).toBe(false);
    expect(m.rows).toBeGreaterThanOrEqual(20);
    expect(m.headers.map((h) => h?.replace(/[▲▼ ]/g, ''))).toEqual(['局名', '番号', 'レベル', '課題名', 'ランク', '所見', '指摘', '更新者', '更新日時']);
    // 更新日時 is short (R8.12.1 09:30) with the full 和暦 date on hover.
    const cell = row(0).locator('.col-updatedAt');
    expect(await cell.textContent()).toMatch(/^R\d+\.\d+\.\d+ \d\d:\d\d$/);
    expect(await cell.getAttribute('title')).toMatch(/^令和\d+年\d+月\d+日 \d\d:\d\d$/);
  });

  it('shows run-together bullets (・) as list items in the pane, and stores the text unchanged', async () => {
    await page.getByLabel('レベル').selectOption('B');
    await row(0).click();
    const background = panel().locator('.field').nth(2);
    await expectText(background, '③ 課題の背景');
    const items = await background.locator('li').allTextContents();
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items).toContain('公民連携などの新たな取組み');
    expect(items).toContain('利便性・魅力・質の向上といった点から施設のあり方の検討');
    const { issueId } = await api<{ issueId: number }>('issues.resolveKey', { key: '財変-B-4' });
    const stored = await api<{ versions: { background: string }[] }>('issues.get', { issueId, roundId: 1 });
    expect(stored.versions.at(-1)!.background).toContain('・ 公民連携などの新たな取組み ・ 財政運営');
    // A middle dot inside a word is not a bullet.
    await page.getByLabel('レベル').selectOption('A');
    await page.locator('[role=row]', { hasText: 'AI・RPA・ローコードツール' }).click();
    await expectText(panel().locator('.field').first(), 'AI・RPA・ローコードツール');
    expect(await panel().locator('.field').first().locator('li').count()).toBe(0);
    await reset();
  });

  it('drags the border to widen the pane, and remembers it after a reload', async () => {
    const before = (await panel().boundingBox())!.width;
    const splitter = page.getByRole('separator', { name: /一覧と本文の境目/ });
    const box = (await splitter.boundingBox())!;
    await page.mouse.move(box.x + 3, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x - 150, box.y + 200, { steps: 5 });
    await page.mouse.up();
    const wider = (await panel().boundingBox())!.width;
    expect(wider).toBeGreaterThan(before + 120);
    await page.reload();
    await firstRows();
    expect(Math.abs((await panel().boundingBox())!.width - wider)).toBeLessThan(2);
    // The keyboard too: → narrows, Home puts it back.
    await splitter.focus();
    await page.keyboard.press('Home');
    expect(Math.abs((await panel().boundingBox())!.width - before)).toBeLessThan(2);
  });
});

describe('surprises fixed', () => {
  it('Esc in the 所見 editor cancels: nothing is saved', async () => {
    await row(1).click();
    await expectText(panel().locator('.issue-key'), '会計-A-2');
    const audits = await auditCount();
    await page.keyboard.press('Enter');
    const comment = page.getByRole('textbox', { name: '所見' });
    await comment.fill('保存してはいけない下書き');
    await page.keyboard.press('Escape');
    expect(await isFocused(grid())).toBe(true);
    expect(await comment.inputValue()).toBe('');
    await page.waitForTimeout(300);
    expect(await row(1).locator('.col-comment').textContent()).toBe('');
    expect(await auditCount()).toBe(audits);
    await page.reload();
    await firstRows();
    expect(await row(1).locator('.col-comment').textContent()).toBe('');
  });

  it('Esc in the search box returns to the grid and keeps the filter', async () => {
    await grid().focus();
    await page.keyboard.press('Control+f');
    await page.keyboard.type('窓口');
    await expectText(count(), /^\d+ 件$/);
    await page.waitForFunction(() => document.querySelector('output.count')?.textContent !== '133 件');
    const filtered = await count().textContent();
    await page.keyboard.press('Escape');
    expect(await isFocused(grid())).toBe(true);
    expect(await page.getByRole('searchbox', { name: '検索' }).inputValue()).toBe('窓口');
    await page.waitForTimeout(300);
    expect(await count().textContent()).toBe(filtered);
    await reset();
  });

  it('sorting keeps the selected issue selected and in view', async () => {
    await row(0).click();
    await grid().focus();
    for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowDown');
    const selected = page.locator('.grid-body [role=row][aria-selected=true]');
    const key = `${await selected.locator('.col-organization').textContent()}-A-${await selected.locator('.col-number').textContent()}`;
    await expectText(panel().locator('.issue-key'), key);
    const title = await selected.locator('.col-title').textContent();
    await page.getByRole('columnheader', { name: /課題名/ }).click();
    await expectText(page.getByRole('columnheader', { name: /課題名/ }), '▲');
    // Another place in the new order, the same issue.
    await page.waitForFunction((t) => {
      const active = document.querySelector('.grid-body [role=row].active');
      return active?.getAttribute('aria-rowindex') !== '16' && active?.querySelector('.col-title')?.textContent === t;
    }, title);
    const active = page.locator('.grid-body [role=row].active');
    expect(await inView(active)).toBe(true);
    await expectText(panel().locator('.issue-key'), key);
    // And back to the default order: still the same issue.
    await page.getByRole('columnheader', { name: /課題名/ }).click();
    await page.getByRole('columnheader', { name: /課題名/ }).click();
    await page.waitForFunction((t) => {
      const active = document.querySelector('.grid-body [role=row].active');
      return active?.getAttribute('aria-rowindex') === '16' && active?.querySelector('.col-title')?.textContent === t;
    }, title);
  });

  it('Ctrl+Z says what was undone and brings it into view; with nothing to undo it says so', async () => {
    await page.reload();
    await firstRows();
    await page.keyboard.press('Control+z');
    await expectText(status(), '元に戻す操作はありません');
    await page.keyboard.press('Control+y');
    await expectText(status(), 'やり直す操作はありません');
    await row(0).click();
    const before = await rankOf('会計-A-1');
    await page.keyboard.press('1');
    await expectText(row(0).locator('.col-rank'), '1');
    await page.keyboard.press('Control+End');
    await expectText(panel().locator('.issue-key'), /^[^会]/);
    expect((await row(0).count()) === 0 || !(await inView(row(0)))).toBe(true);
    await page.keyboard.press('Control+z');
    await expectText(status(), `元に戻しました: 会計-A-1 のランク 1 → ${before}`);
    await expectText(panel().locator('.issue-key'), '会計-A-1');
    await row(0).waitFor();
    expect(await inView(row(0))).toBe(true);
    expect(await row(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Control+y');
    await expectText(status(), `やり直しました: 会計-A-1 のランク ${before} → 1`);
    await page.keyboard.press('Control+z');
    await expectText(row(0).locator('.col-rank'), before!);
  });
});

describe('Excel habits', () => {
  it('selects several rows (Shift/Ctrl+click, Shift+↓, Ctrl+A) and ranks them all as one undoable change', async () => {
    await reset();
    await row(1).click();
    await row(3).click({ modifiers: ['Shift'] });
    expect(await selectedRows().count()).toBe(3);
    await row(5).click({ modifiers: ['Control'] });
    expect(await selectedRows().count()).toBe(4);
    await page.keyboard.press('Shift+ArrowDown');
    expect(await selectedRows().count()).toBe(2); // Shift+↓ extends from the anchor (row 5): rows 5–6
    await row(1).click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    expect(await selectedRows().count()).toBe(3);
    const audits = await auditCount();
    await page.keyboard.press('3');
    await expectText(status(), '3 件のランクを変更しました');
    for (const i of [1, 2, 3]) await expectText(row(i).locator('.col-rank'), '3');
    expect(await auditCount()).toBe(audits + 1);
    // Each changed issue's own 変更履歴 shows the bulk change: its before → after, who, when.
    const history = panel().getByRole('region', { name: '変更履歴' }).locator('li').first();
    await expectText(history, /ランクの一括変更 \(3 件\): 2 → 3/);
    const { actor } = await api<{ actor: string }>('app.info', {});
    expect(await history.textContent()).toMatch(new RegExp(`^令和\\d+年\\d+月\\d+日 \\d+:\\d\\d ${actor} ランクの一括変更`));
    await row(1).click({ modifiers: ['Control'] }); // the cursor on another changed row, the selection kept
    await expectText(panel().locator('.issue-key'), '会計-A-2');
    await expectText(history, /ランクの一括変更 \(3 件\): 2 → 3/);
    await row(1).click({ modifiers: ['Control'] });
    await page.keyboard.press('Control+z');
    await expectText(status(), /元に戻しました: 3 件のランク/);
    for (const i of [1, 2, 3]) await expectText(row(i).locator('.col-rank'), '2');
    await grid().focus();
    await page.keyboard.press('Control+a');
    await expectText(page.locator('.selection-count'), '133 件を選択中');
    await page.keyboard.press('Escape');
    expect(await selectedRows().count()).toBe(1);
  });

  it('gives one 所見 to the selected rows (Enter) as one change', async () => {
    await row(4).click();
    await row(5).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /選択した 2 件に所見を入力/ });
    await dialog.getByRole('textbox').fill('まとめて確認済み');
    await dialog.getByRole('button', { name: '2 件に入力する' }).click();
    await expectText(row(4).locator('.col-comment'), 'まとめて確認済み');
    await expectText(row(5).locator('.col-comment'), 'まとめて確認済み');
    await grid().focus();
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('[aria-rowindex="6"] .col-comment')?.textContent === '');
  });

  it('copies the selected rows as tab-separated text and an HTML table', async () => {
    await row(0).click();
    await row(2).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+c');
    await expectText(status(), '3 行をコピーしました');
    const clip = await page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      const html = await (await items[0]!.getType('text/html')).text();
      return { text: await navigator.clipboard.readText(), html };
    });
    const lines = clip.text.split('\r\n').map((l) => l.split('\t'));
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.slice(0, 3))).toEqual([
      ['会計', '1', 'A'],
      ['会計', '2', 'A'],
      ['会計', '3', 'A'],
    ]);
    expect(clip.html).toMatch(/<table>.*<td[^>]*>会計<\/td>.*<\/table>/s);
    // With the cell cursor on a column (→), only that column's cells.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+c');
    const titles = (await page.evaluate(() => navigator.clipboard.readText())).split('\r\n');
    expect(titles[0]).toBe('財務会計システムの機能アップ 〈DX推進〉');
    expect(titles).toHaveLength(3);
    await page.keyboard.press('Escape');
  });

  it('pastes a column of ranks from Excel into the selected rows after a confirmation; one Ctrl+Z undoes it', async () => {
    await row(6).click();
    await row(8).click({ modifiers: ['Shift'] });
    const audits = await auditCount();
    await page.evaluate(() => navigator.clipboard.writeText('3\r\n１\r\nランク3\r\n'));
    await grid().focus();
    await page.keyboard.press('Control+v');
    const dialog = page.getByRole('dialog', { name: '貼り付けの確認' });
    await expectText(dialog, '3 件のランクを変更します');
    expect(await dialog.getByRole('radio', { name: 'ランク' }).isChecked()).toBe(true);
    const changes = await dialog.locator('tbody tr').allTextContents();
    expect(changes).toHaveLength(3);
    expect(changes[1]).toMatch(/^デジ-A-2.*21$/);
    await dialog.getByRole('button', { name: '3 件を変更する' }).click();
    await expectText(row(6).locator('.col-rank'), '3');
    await expectText(row(7).locator('.col-rank'), '1');
    await expectText(row(8).locator('.col-rank'), '3');
    expect(await auditCount()).toBe(audits + 1);
    await page.keyboard.press('Control+z');
    for (const i of [6, 7, 8]) await expectText(row(i).locator('.col-rank'), '2');
  });

  it('pastes 所見 downwards from one selected row, and refuses values that are not ranks', async () => {
    await row(10).click();
    await page.evaluate(() => navigator.clipboard.writeText('"一行目\r\n二行目"\r\n次の所見'));
    await grid().focus();
    await page.keyboard.press('Control+v');
    const dialog = page.getByRole('dialog', { name: '貼り付けの確認' });
    await expectText(dialog, '2 件の所見を変更します');
    await dialog.getByRole('radio', { name: 'ランク' }).check();
    await expectText(dialog.getByRole('alert'), 'はランク基準にありません');
    expect(await dialog.getByRole('button', { name: /件を変更する/ }).isDisabled()).toBe(true);
    await dialog.getByRole('radio', { name: '所見' }).check();
    await dialog.getByRole('button', { name: '2 件を変更する' }).click();
    await expectText(row(11).locator('.col-comment'), '次の所見');
    expect(await row(10).locator('.col-comment').getAttribute('title')).toBe('一行目\n二行目');
  });

  it('shows the whole text of a cut-off cell under the cell cursor (← →), as on hover', async () => {
    const long = '所見が長く一覧の幅に収まらない場合でも、セルにカーソルを置けば全文を読めることを確かめるための文章です。';
    const { issueId } = await api<{ issueId: number }>('issues.resolveKey', { key: '政策-A-1' });
    await api('evaluations.setComment', { issueId, roundId: 1, comment: long });
    await page.reload();
    await firstRows();
    await page.locator('[role=row]', { hasText: 'ふるさと納税の寄附受入額の増加' }).click();
    const cell = page.locator('.grid-row.active .col-comment');
    expect(await cell.getAttribute('title')).toBe(long);
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await expectText(page.getByRole('tooltip'), long);
    await page.keyboard.press('Escape');
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
  });

  it('resizes, hides, reorders and wraps columns, keeps 局名/番号 in view sideways, and remembers it all', async () => {
    const title = page.getByRole('columnheader', { name: /課題名/ });
    const before = (await title.boundingBox())!.width;
    const handle = title.locator('.col-resizer');
    const hb = (await handle.boundingBox())!;
    await page.mouse.move(hb.x + 3, hb.y + 10);
    await page.mouse.down();
    await page.mouse.move(hb.x + 600, hb.y + 10, { steps: 5 });
    await page.mouse.up();
    expect((await title.boundingBox())!.width).toBeGreaterThan(before + 300);
    // Sideways: 局名 stays at the left edge.
    await grid().evaluate((g) => (g.scrollLeft = 400));
    await page.waitForTimeout(100);
    const gridLeft = (await grid().boundingBox())!.x;
    expect(Math.abs((await row(0).locator('.col-organization').boundingBox())!.x - gridLeft)).toBeLessThan(2);
    expect((await row(0).locator('.col-number').boundingBox())!.x).toBeLessThan(gridLeft + 70);

    await page.getByRole('button', { name: '列の設定…' }).click();
    const settings = page.getByRole('dialog', { name: '列の設定' });
    await settings.getByRole('checkbox', { name: '更新者' }).uncheck();
    await settings.getByRole('button', { name: '所見を左へ' }).click();
    await settings.getByRole('checkbox', { name: /折り返して/ }).check();
    await settings.getByRole('button', { name: '閉じる' }).click();
    const headers = async () => (await grid().getByRole('columnheader').allTextContents()).map((h) => h.replace(/[▲▼ ]/g, ''));
    expect(await headers()).toEqual(['局名', '番号', 'レベル', '課題名', '所見', 'ランク', '指摘', '更新日時']);
    await page.reload();
    await firstRows();
    expect(await headers()).toEqual(['局名', '番号', 'レベル', '課題名', '所見', 'ランク', '指摘', '更新日時']);
    expect((await title.boundingBox())!.width).toBeGreaterThan(before + 300);
    expect(await grid().getAttribute('class')).toContain('wrap');
    // Back to the default layout.
    await page.getByRole('button', { name: '列の設定…' }).click();
    await settings.getByRole('button', { name: '元の配置に戻す' }).click();
    await settings.getByRole('button', { name: '閉じる' }).click();
    expect(await headers()).toEqual(['局名', '番号', 'レベル', '課題名', 'ランク', '所見', '指摘', '更新者', '更新日時']);
  });

  it('offers the same actions on right-click (and Shift+F10)', async () => {
    await row(12).click({ button: 'right' });
    const menu = page.getByRole('menu', { name: '課題の操作' });
    await menu.waitFor();
    expect(await isFocused(menu.getByRole('menuitem').first())).toBe(true);
    await menu.getByRole('menuitem', { name: 'ランク1にする' }).click();
    await expectText(row(12).locator('.col-rank'), '1');
    await grid().focus();
    await page.keyboard.press('Shift+F10');
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await isFocused(grid())).toBe(true);
    await page.keyboard.press('Control+z');
    await expectText(row(12).locator('.col-rank'), '2');
  });

  it('opens the import dialog with a file dropped on the window', async () => {
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['局名,番号,課題名\r\n会計,1,財務会計システムの機能アップ\r\n'], '追加分.csv', { type: 'text/csv' }));
      const target = document.querySelector('.grid')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    const dialog = page.getByRole('dialog', { name: '一覧の取り込み' });
    await expectText(dialog, '選んだファイル: 追加分.csv');
    await expectText(dialog, '変更なし');
    await dialog.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('searches 所見, issue keys and 局区 names, and marks the matches in the grid and the pane', async () => {
    const search = page.getByRole('searchbox', { name: '検索' });
    await search.fill('会計-A-3');
    await expectText(count(), '1 件');
    await search.fill('次の所見');
    await expectText(count(), '1 件');
    await expectText(page.locator('.grid-body mark'), '次の所見');
    await search.fill('公共施設');
    await page.locator('[role=row]', { hasText: '公共施設マネジメント' }).click();
    await expectText(panel().locator('.issue-key'), '財変-B-4');
    expect(await panel().locator('mark', { hasText: '公共施設' }).count()).toBeGreaterThan(3);
    expect(await page.locator('.grid-body mark', { hasText: '公共施設' }).count()).toBeGreaterThan(0);
    await search.fill('会計室');
    await expectText(count(), '3 件');
    await search.fill('');
  });
});

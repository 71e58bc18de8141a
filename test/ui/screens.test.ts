// Behaviour that used to surprise (issue 14 §3), in a real Chromium on a sample with two rounds:
// messages belong to their screen, D without two versions says so in place, unsaved 記載ルール are
// asked about, the print preview's 増減 row is a real table row, ランク変動 opens issues and the
// comparison dialog steps through its list.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addSecondRound } from '../helpers/second-round';
import { useSamplePage } from '../helpers/ui-session';

const s = useSamplePage({ width: 1440, height: 900 }, (db) => void addSecondRound(db));
const tab = (name: string) => s.page.getByRole('tab', { name, exact: true });
const alerts = () => s.page.getByRole('alert');
const grid = () => s.page.getByRole('grid', { name: '変革課題の一覧' });
const rulesTable = () => s.page.getByRole('table', { name: '記載ルールの一覧' });
const leaveDialog = () => s.page.getByRole('dialog', { name: '保存されていない変更があります' });

async function waitText(locator: Locator, text: string | RegExp) {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}

describe('messages belong to their screen', () => {
  it('a 記載ルール error is not shown on other screens and goes once the rules are saved', async () => {
    const { page } = s;
    await tab('記載ルール').click();
    await rulesTable().waitFor();
    const rows = await rulesTable().locator('tbody tr').count();
    await page.getByRole('button', { name: 'ルールを追加' }).click();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await alerts().first().waitFor();
    expect(await alerts().first().textContent()).toContain(`ルール${rows + 1}の「指摘の文言」が空です`);
    // Another screen: the message is not about it.
    await tab('監査ログ').click();
    await leaveDialog().getByRole('button', { name: '保存せずに移動' }).click();
    await page.getByRole('tab', { name: '監査ログ', selected: true }).waitFor();
    expect(await alerts().count()).toBe(0);
    // Back: the screen starts afresh, without the old message.
    await tab('記載ルール').click();
    await rulesTable().waitFor();
    expect(await alerts().count()).toBe(0);
    expect(await rulesTable().locator('tbody tr').count()).toBe(rows);
    // Cause gone: an empty 指摘の文言 fails, a filled one saves and the message disappears.
    await page.getByRole('button', { name: 'ルールを追加' }).click();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await alerts().first().waitFor();
    await page.getByLabel(`ルール${rows + 1}の文言`).fill('テスト用の指摘です');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await waitText(page.getByRole('status'), `${rows + 1}件のルールを保存しました`);
    expect(await alerts().count()).toBe(0);
  });
});

describe('記載ルール with unsaved edits', () => {
  it('asks before another tab is opened: stay, save and go, or go without saving', async () => {
    const { page } = s;
    const last = await rulesTable().locator('tbody tr').count();
    const message = page.getByLabel(`ルール${last}の文言`);
    await message.fill('変更後の文言 (保存する)');
    await tab('ランク変動').click();
    await leaveDialog().waitFor();
    expect(await leaveDialog().textContent()).toContain('記載ルールの変更がまだ保存されていません');
    // Focus is in the dialog, on the safe choice.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('編集を続ける');
    await leaveDialog().getByRole('button', { name: '編集を続ける' }).click();
    await page.getByRole('tab', { name: '記載ルール', selected: true }).waitFor();
    expect(await message.inputValue()).toBe('変更後の文言 (保存する)');

    await tab('ランク変動').click();
    await leaveDialog().getByRole('button', { name: '保存して移動' }).click();
    await page.getByRole('tab', { name: 'ランク変動', selected: true }).waitFor();
    await tab('記載ルール').click();
    expect(await page.getByLabel(`ルール${last}の文言`).inputValue()).toBe('変更後の文言 (保存する)');

    await page.getByLabel(`ルール${last}の文言`).fill('捨てる変更');
    await tab('グラフ').click();
    await leaveDialog().getByRole('button', { name: '保存せずに移動' }).click();
    await page.getByRole('tab', { name: 'グラフ', selected: true }).waitFor();
    await tab('記載ルール').click();
    expect(await page.getByLabel(`ルール${last}の文言`).inputValue()).toBe('変更後の文言 (保存する)');
    // Nothing unsaved: no question.
    await tab('ランク付け').click();
    await grid().waitFor();
    expect(await leaveDialog().count()).toBe(0);
  });
});

describe('D on an issue without two versions', () => {
  it('says so in the status bar and opens no dialog', async () => {
    const { page } = s;
    await page.locator('[role=row][aria-rowindex="2"]').click();
    await page.locator('.issue-key').first().waitFor();
    const key = (await page.locator('.panel .issue-key').textContent())!.trim().split(/\s+/)[0]!;
    await grid().focus();
    await page.keyboard.press('d');
    await waitText(page.locator('.statusbar'), `${key} は版がまだありません`);
    expect(await page.locator('.statusbar').textContent()).toContain('版の比較はできません');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('issue-grid');
    // The message was about the grid: another screen does not show it.
    await tab('グラフ').click();
    await page.getByRole('tab', { name: 'グラフ', selected: true }).waitFor();
    expect(await page.locator('.statusbar').textContent()).not.toContain('版の比較はできません');
    await tab('ランク付け').click();
    await grid().waitFor();
  });
});

describe('the comparison dialog steps through the grid', () => {
  it('moves to the previous and next issue, saying in place when one has no two versions', async () => {
    const { page } = s;
    const zaihen = await page.getByLabel('局区').locator('option', { hasText: /^財変 / }).getAttribute('value');
    await page.getByLabel('局区').selectOption(zaihen!);
    await page.locator('output.count').filter({ hasText: '6 件' }).waitFor();
    await page.getByRole('row', { name: /公共施設マネジメント実行計画の見直し/ }).click();
    await page.locator('.panel .issue-key').filter({ hasText: '財変-B-4' }).waitFor();
    await grid().focus();
    await page.keyboard.press('d');
    const dialog = page.getByRole('dialog', { name: '版の比較' });
    await dialog.locator('ins').first().waitFor();
    const position = (await dialog.getByRole('group', { name: '課題の移動' }).textContent())!;
    expect(position).toMatch(/一覧の (\d+) \/ 6 件目/);
    // The previous row is an A issue: one version or none, said inside the dialog.
    await dialog.getByRole('button', { name: '◀ 前の課題' }).click();
    await waitText(dialog.getByRole('status'), '比較できる版が2つありません');
    expect(await dialog.locator('ins').count()).toBe(0);
    // PageDown goes back to the B issue, and the grid follows the dialog.
    await dialog.getByRole('button', { name: '閉じる (Esc)' }).focus();
    await page.keyboard.press('PageDown');
    await dialog.locator('ins').first().waitFor();
    expect(await dialog.getByRole('heading').first().textContent()).toContain('財変-B-4');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('[role=row][aria-selected=true]').textContent()).toContain('公共施設マネジメント');
    await page.getByLabel('局区').selectOption('');
  });
});

describe('ランク変動', () => {
  it('opens an issue from the list and steps to the next and previous one', async () => {
    const { page } = s;
    await tab('ランク変動').click();
    const list = page.getByRole('table', { name: 'ランクが変わった課題の一覧' });
    await list.locator('tbody tr').first().waitFor();
    const keys = await list.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(keys.length).toBe(5); // 3 up, 2 down (test/helpers/second-round.ts)
    await list.getByRole('button', { name: keys[0] }).click();
    const dialog = page.getByRole('dialog');
    await waitText(dialog.getByRole('heading').first(), keys[0]!);
    await dialog.getByRole('region', { name: 'ランクの推移' }).waitFor();
    expect(await dialog.getByRole('region', { name: 'ランクの推移' }).textContent()).toContain('R7.5');
    expect(await dialog.getByRole('button', { name: '◀ 前の課題' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: '次の課題 ▶' }).click();
    await waitText(dialog.getByRole('heading').first(), keys[1]!);
    expect(await dialog.getByRole('group', { name: '課題の移動' }).textContent()).toContain('2 / 5 件目');
    await page.keyboard.press('PageUp');
    await waitText(dialog.getByRole('heading').first(), keys[0]!);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Focus back on the button that opened it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(keys[0]);
  });
});

describe('the export preview', () => {
  it('prints the 総括表’s 増減 row as a row of the table, cell under cell', async () => {
    const { page } = s;
    await tab('ランク付け').click();
    await page.getByRole('button', { name: '資料の出力…' }).click();
    const preview = page.getByRole('dialog', { name: '資料の出力' }).getByRole('region', { name: '印刷プレビュー' });
    const delta = preview.locator('table.print-summary tr.delta');
    await delta.waitFor();
    expect(await delta.textContent()).toContain('増減 (前回 R6.11 比)');
    const layout = await preview.locator('table.print-summary').evaluate((table) => {
      const rows = [...table.querySelectorAll('tr')];
      const head = rows[0]!;
      const d = table.querySelector('tr.delta')!;
      const lefts = (tr: Element) => [...tr.children].map((c) => Math.round(c.getBoundingClientRect().left));
      return { display: getComputedStyle(d).display, cellDisplay: getComputedStyle(d.children[1]!).display, head: lefts(head), delta: lefts(d), width: [head, d].map((r) => Math.round(r.getBoundingClientRect().width)) };
    });
    expect(layout.display).toBe('table-row');
    expect(layout.cellDisplay).toBe('table-cell');
    expect(layout.delta).toEqual(layout.head);
    expect(layout.width[1]).toBe(layout.width[0]);
    await page.keyboard.press('Escape');
  });
});

describe('closing the preview with unsaved 記載ルール', () => {
  it('the browser asks before the tab closes or reloads (beforeunload); nothing unsaved, nothing asked', async () => {
    // A tab of its own (a page of the shared session closes its whole context).
    const context = await s.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(s.preview.url);
    await page.getByRole('tab', { name: '記載ルール', exact: true }).click();
    const rules = page.getByRole('table', { name: '記載ルールの一覧' });
    await rules.waitFor();
    const last = await rules.locator('tbody tr').count();
    const message = page.getByLabel(`ルール${last}の文言`);
    const before = await message.inputValue();
    await message.fill('閉じる前の変更');
    await page.getByText('未保存の変更があります').waitFor();

    const asked = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss(); // stay on the page
    expect(page.isClosed()).toBe(false);
    expect(await message.inputValue()).toBe('閉じる前の変更');

    // The edit put back: nothing unsaved, a reload asks nothing.
    await message.fill(before);
    await page.getByText('未保存の変更があります').waitFor({ state: 'detached' });
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.accept();
    });
    await page.reload();
    await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
    expect(dialogs).toBe(0);
    await context.close();
  });
});

describe('closing the desktop window with unsaved 記載ルール (the page side)', () => {
  it('tells the window what is unsaved and saves when the window asks, saying so when it cannot', async () => {
    // The preload's bridge played by the test: invoke over the preview's HTTP API, the close guard recorded.
    const context = await s.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(() => {
      const w = window as unknown as { xpw: unknown; unsaved: (string | null)[]; saveBeforeClose: (() => Promise<boolean>) | null };
      const token = new URLSearchParams(location.search).get('token') ?? '';
      w.unsaved = [];
      w.saveBeforeClose = null;
      w.xpw = {
        invoke: async (channel: string, input: unknown) =>
          (await fetch(`/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-XPW-Token': token }, body: JSON.stringify(input) })).json(),
        setUnsaved: (what: string | null) => w.unsaved.push(what),
        onSaveBeforeClose: (save: () => Promise<boolean>) => {
          w.saveBeforeClose = save;
          return () => (w.saveBeforeClose = null);
        },
      };
    });
    const page = await context.newPage();
    await page.goto(s.preview.url);
    const unsaved = () => page.evaluate(() => (window as unknown as { unsaved: (string | null)[] }).unsaved);
    const saveBeforeClose = () => page.evaluate(() => (window as unknown as { saveBeforeClose: () => Promise<boolean> }).saveBeforeClose());

    await page.getByRole('tab', { name: '記載ルール', exact: true }).click();
    const rules = page.getByRole('table', { name: '記載ルールの一覧' });
    await rules.waitFor();
    const last = await rules.locator('tbody tr').count();
    const message = page.getByLabel(`ルール${last}の文言`);
    await message.fill('');
    await page.getByText('未保存の変更があります').waitFor();
    expect(await unsaved()).toEqual(['記載ルールの変更']); // said once, however many keys are typed

    // The window's 保存して閉じる with an edit that cannot be saved: false, and the screen says why.
    expect(await saveBeforeClose()).toBe(false);
    await page.getByRole('alert').filter({ hasText: `ルール${last}の「指摘の文言」が空です` }).waitFor();
    expect((await unsaved()).at(-1)).toBe('記載ルールの変更');

    // Fixed: the save works, the window may close, and nothing is unsaved any more.
    await message.fill('閉じる前に保存した文言');
    expect(await saveBeforeClose()).toBe(true);
    await page.getByText('未保存の変更があります').waitFor({ state: 'detached' });
    expect((await unsaved()).at(-1)).toBeNull();
    const saved = await page.evaluate(() => (window as unknown as { xpw: { invoke(c: string, i: unknown): Promise<{ data: { rules: { message: string }[] } }> } }).xpw.invoke('rules.list', {}));
    expect(saved.data.rules.map((r) => r.message)).toContain('閉じる前に保存した文言');
    // Nothing unsaved: the window's save request is answered at once.
    expect(await saveBeforeClose()).toBe(true);
    await context.close();
  });
});

// Accessibility (issue 14 §5), in a real Chromium: axe-core (its own source injected into the page)
// finds nothing on any screen or dialog; the tabs, the rank buttons and the grid's headers work by
// keyboard; a skip link leads to the grid; dialogs take the focus and give it back; focus shows.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../helpers/axe';
import { addSecondRound } from '../helpers/second-round';
import { useSamplePage } from '../helpers/ui-session';

const s = useSamplePage({ width: 1366, height: 768 }, (db) => void addSecondRound(db));
const tab = (name: string) => s.page.getByRole('tab', { name, exact: true });
const grid = () => s.page.getByRole('grid', { name: '変革課題の一覧' });
const focused = () => s.page.evaluate(() => ({ text: document.activeElement?.textContent ?? '', role: document.activeElement?.getAttribute('role') ?? '', id: document.activeElement?.id ?? '' }));

async function expectNoViolations(what: string) {
  const v = await axeViolations(s.page);
  expect(v, `${what}:\n${describeViolations(v)}`).toEqual([]);
}

/** Each screen and what shows it has loaded. */
const SCREENS: [string, (page: typeof s.page) => Locator][] = [
  ['ランク付け', (p) => p.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first()],
  ['グラフ', (p) => p.getByRole('table', { name: /局区別のランク分布/ })],
  ['評価回', (p) => p.getByRole('table', { name: '評価回の一覧' })],
  ['ランク変動', (p) => p.getByRole('table', { name: 'ランクが変わった課題の一覧' }).locator('tbody tr').first()],
  ['バージョンアップ状況', (p) => p.locator('.versionup table tbody tr').first()],
  ['記載ルール', (p) => p.getByRole('table', { name: '記載ルールの一覧' })],
  ['照会', (p) => p.locator('.inquiry-view h2').first()],
  ['監査ログ', (p) => p.locator('.audit table tbody tr').first()],
  ['バックアップ', (p) => p.locator('main#main h2, main#main table').first()],
];

describe('axe-core', () => {
  it('finds no violation on any screen', async () => {
    for (const [name, ready] of SCREENS) {
      await tab(name).click();
      await ready(s.page).waitFor();
      await expectNoViolations(name);
    }
    await tab('ランク付け').click();
  });

  it('finds no violation in any dialog; each takes the focus and gives it back', async () => {
    const { page } = s;
    const dialogs: [string, () => Promise<void>, string][] = [
      ['取り込み…', () => page.getByRole('button', { name: '取り込み…' }).click(), '一覧の取り込み'],
      ['資料の出力…', () => page.getByRole('button', { name: '資料の出力…' }).click(), '資料の出力'],
      ['設定', () => page.getByRole('button', { name: '設定', exact: true }).click(), '設定'],
    ];
    for (const [opener, open, name] of dialogs) {
      await page.getByRole('button', { name: opener, exact: true }).focus();
      await open();
      const dialog = page.getByRole('dialog', { name });
      await dialog.waitFor();
      await page.waitForTimeout(300); // its content loads
      expect(await dialog.evaluate((d) => d.contains(document.activeElement)), `${name}: focus inside`).toBe(true);
      await expectNoViolations(name);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // Back to the grid (the dialogs of the ranking screen) or to the button that opened it.
      const f = await focused();
      expect(f.id === 'issue-grid' || f.text === opener, `${name}: focus back, got ${JSON.stringify(f)}`).toBe(true);
    }

    // The import dialog with a file's check shown (new / changed / rejected rows).
    await page.getByRole('button', { name: '取り込み…' }).click();
    const importing = page.getByRole('dialog', { name: '一覧の取り込み' });
    const csv = '\uFEFF局名,番号,課題名,所見\r\n会計,1,財務会計システムの機能アップ,確認済み\r\n会計,x,番号が数字でない行,\r\n';
    await importing.getByLabel('ファイル').setInputFiles({ name: '所見.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await importing.getByRole('region', { name: '取り込みの確認' }).getByRole('table').waitFor();
    await expectNoViolations('一覧の取り込み (確認画面)');
    await page.keyboard.press('Escape');
    await importing.waitFor({ state: 'detached' });
    // Closed by the browser first, removed by React a moment later: its 「レベル」 select is gone only then.
    await page.locator('dialog.import-dialog').waitFor({ state: 'detached' });

        // 版の比較 (with the 番号変更 / 新規 badges), from the grid.
    await page.getByLabel('レベル').selectOption('B');
    await page.locator('output.count').filter({ hasText: '1 件' }).waitFor();
    await page.locator('[role=row][aria-rowindex="2"]').click();
    await page.locator('.panel .issue-key').filter({ hasText: '財変-B-4' }).waitFor();
    await grid().focus();
    await page.keyboard.press('d');
    const compare = page.getByRole('dialog', { name: '版の比較' });
    await compare.locator('ins').first().waitFor();
    expect(await compare.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expectNoViolations('版の比較');
    await page.keyboard.press('Escape');
    await compare.waitFor({ state: 'detached' });
    expect((await focused()).id).toBe('issue-grid');
    await page.getByLabel('レベル').selectOption('');

    // An issue opened from ランク変動.
    await tab('ランク変動').click();
    const first = page.getByRole('table', { name: 'ランクが変わった課題の一覧' }).locator('tbody tr button').first();
    await first.click();
    const issue = page.getByRole('dialog');
    await issue.getByRole('region', { name: 'ランクの推移' }).waitFor();
    await expectNoViolations('課題 (ランク変動から)');
    await page.keyboard.press('Escape');
    await issue.waitFor({ state: 'detached' });

    // The question before unsaved 記載ルール are left.
    await tab('記載ルール').click();
    await page.getByLabel('ルール1の文言').fill('未保存の変更');
    await tab('監査ログ').click();
    const leave = page.getByRole('dialog', { name: '保存されていない変更があります' });
    await leave.waitFor();
    await expectNoViolations('保存されていない変更');
    await leave.getByRole('button', { name: '保存せずに移動' }).click();

    // A confirmation of the 評価回 screen.
    await tab('評価回').click();
    await page.getByRole('table', { name: '評価回の一覧' }).getByRole('button', { name: 'ロック' }).first().click();
    const lock = page.getByRole('dialog', { name: '評価回のロック' });
    await lock.waitFor();
    expect(await lock.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expectNoViolations('評価回のロック');
    await lock.getByRole('button', { name: 'キャンセル' }).click();

    // Restoring a backup: what it holds, beside the current data.
    await tab('バックアップ').click();
    await page.getByRole('button', { name: '復元…' }).first().click();
    const restore = page.getByRole('dialog', { name: 'バックアップから復元' });
    await restore.getByRole('checkbox').first().waitFor();
    expect(await restore.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expectNoViolations('バックアップから復元');
    await page.keyboard.press('Escape');
    await restore.waitFor({ state: 'detached' });
    await tab('ランク付け').click();
  });
});

describe('axe-core: team sync', () => {
  it('「共有フォルダから参加」 (設定 → 共有) has no violation, takes the focus and closes with Escape', async () => {
    const { page } = s;
    await page.getByRole('button', { name: '設定', exact: true }).click();
    const settings = page.getByRole('dialog', { name: '設定' });
    await settings.getByRole('button', { name: '共有フォルダから参加…' }).click();
    const join = page.getByRole('dialog', { name: '共有フォルダから参加' });
    await join.waitFor();
    expect(await join.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expectNoViolations('共有フォルダから参加');
    await page.keyboard.press('Escape');
    await join.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });
  });
});

describe('keyboard', () => {
  it('the top tabs are one Tab stop; arrows, Home and End move and open', async () => {
    const { page } = s;
    await tab('ランク付け').focus();
    expect(await page.getByRole('tab').evaluateAll((tabs) => tabs.filter((t) => t.getAttribute('tabindex') === '0').length)).toBe(1);
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: 'グラフ', selected: true }).waitFor();
    expect((await focused()).text).toBe('グラフ');
    await page.keyboard.press('End');
    await page.getByRole('tab', { name: 'バックアップ', selected: true }).waitFor();
    await page.keyboard.press('ArrowRight'); // wraps around
    await page.getByRole('tab', { name: 'ランク付け', selected: true }).waitFor();
    // Tab leaves the tab list for the next control, not the next tab.
    await page.keyboard.press('Tab');
    expect((await focused()).role).not.toBe('tab');
  });

  it('each tab controls a tab panel that is labelled by it; only the shown one is visible', async () => {
    const { page } = s;
    const wiring = () =>
      page.getByRole('tab').evaluateAll((tabs) =>
        tabs.map((t) => {
          const panel = document.getElementById(t.getAttribute('aria-controls') ?? '');
          return {
            tab: t.textContent,
            selected: t.getAttribute('aria-selected') === 'true',
            role: panel?.getAttribute('role') ?? null,
            labelledBy: panel?.getAttribute('aria-labelledby') === t.id,
            visible: panel ? panel.checkVisibility() : null,
          };
        }),
      );
    for (const name of ['ランク付け', '評価回']) {
      await tab(name).click();
      const panels = await wiring();
      expect(panels).toHaveLength(9);
      for (const p of panels) expect(p, p.tab ?? '').toEqual({ tab: p.tab, selected: p.tab === name, role: 'tabpanel', labelledBy: true, visible: p.tab === name });
    }
    // The panel shown holds the screen: the grid, or the 評価回 list.
    await page.getByRole('tabpanel', { name: '評価回' }).getByRole('table', { name: '評価回の一覧' }).waitFor();
    await tab('ランク付け').click();
    await page.getByRole('tabpanel', { name: 'ランク付け' }).getByRole('grid', { name: '変革課題の一覧' }).waitFor();
  });

  it('the skip link is the first Tab stop and leads to the grid', async () => {
    const { page } = s;
    await page.reload(); // a fresh page: Tab starts from its top
    await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '課題の一覧へ移動' });
    expect(await skip.evaluate((a) => a === document.activeElement)).toBe(true);
    expect(await skip.evaluate((a) => a.getBoundingClientRect().top >= 0)).toBe(true); // visible when focused
    await page.keyboard.press('Enter');
    expect((await focused()).id).toBe('issue-grid');
  });

  it('sortable headers are reached with Tab and sort with Enter', async () => {
    const { page } = s;
    await grid().focus();
    await page.keyboard.press('Tab');
    const header = page.getByRole('columnheader', { name: /局名/ });
    expect(await header.getByRole('button').evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('columnheader', { name: /局名/, includeHidden: false }).and(page.locator('[aria-sort=ascending]')).waitFor();
    // The focus stays on the header's button while the grid re-sorts.
    expect(await header.getByRole('button').evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('[role=columnheader][aria-sort=descending]').waitFor();
    await page.keyboard.press('Enter'); // third press: back to the document's order
    await page.locator('[role=columnheader][aria-sort=descending]').waitFor({ state: 'detached' });
  });

  it('the rank buttons are a radio group: one Tab stop, arrows choose', async () => {
    const { page } = s;
    await page.locator('[role=row][aria-rowindex="2"]').click();
    const group = page.getByRole('radiogroup', { name: 'ランク' });
    await group.waitFor();
    const checked = group.getByRole('radio', { checked: true });
    const before = (await checked.textContent())!;
    expect(await group.getByRole('radio').evaluateAll((r) => r.filter((x) => x.getAttribute('tabindex') === '0').length)).toBe(1);
    await checked.focus();
    await page.keyboard.press('ArrowRight');
    await group.getByRole('radio', { checked: true }).filter({ hasNotText: before }).waitFor();
    const after = (await group.getByRole('radio', { checked: true }).textContent())!;
    expect((await focused()).text).toBe(after);
    await page.keyboard.press('ArrowLeft');
    await group.getByRole('radio', { name: before, checked: true }).waitFor();
  });

  it('shows where the focus is on every kind of control', async () => {
    const { page } = s;
    const ring = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const st = getComputedStyle(el);
        return { outline: st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2, shadow: st.boxShadow !== 'none', what: el.outerHTML.slice(0, 60) };
      });
    const targets: Locator[] = [
      tab('ランク付け'),
      page.getByRole('columnheader', { name: /局名/ }).getByRole('button'),
      page.getByRole('button', { name: '取り込み…' }),
      page.getByLabel('レベル'),
      page.getByRole('radiogroup', { name: 'ランク' }).getByRole('radio').first(),
    ];
    for (const t of targets) {
      await t.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab'); // focus by keyboard, so :focus-visible applies
      const r = await ring();
      expect(r.outline || r.shadow, r.what).toBe(true);
    }
    await grid().focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect((await ring()).shadow).toBe(true); // the grid's own inset ring
    await tab('ランク変動').click();
    const link = page.getByRole('table', { name: 'ランクが変わった課題の一覧' }).locator('tbody button').first();
    await link.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const r = await ring();
    expect(r.outline, r.what).toBe(true);
  });
});

// Rounds and audit in the real UI (Chromium, the preview server, a sample database): create a
// round from the previous one (繰越), confirm, lock it (rank keys are refused in Japanese), unlock
// it with a reason, see the ranks that moved, and find all of it in the audit screen.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSamplePage } from '../helpers/ui-session';

const s = useSamplePage();

async function expectText(locator: Locator, text: string | RegExp) {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}
const tab = (name: string) => s.page.getByRole('tab', { name });
const roundRow = (label: string) => s.page.getByRole('table', { name: '評価回の一覧' }).getByRole('row', { name: new RegExp(`^${label.replace('.', '\\.')}`) });
const grid = () => s.page.getByRole('grid', { name: '変革課題の一覧' });
const firstRank = () => s.page.locator('[role=row][aria-rowindex="2"] .col-rank');

describe('rounds', () => {
  it('creates a round carrying the previous ranks over, marked 繰越', async () => {
    const { page } = s;
    await tab('評価回').click();
    await page.getByRole('button', { name: '＋ 新しい評価回' }).click();
    const form = page.getByRole('form', { name: '新しい評価回' });
    await form.getByLabel('時点').fill('2025-05');
    // Label and title follow the month, in the secretariat's naming.
    expect(await form.getByLabel('ラベル').inputValue()).toBe('R7.5');
    expect(await form.getByLabel('名称').inputValue()).toBe('令和7年5月時点');
    await form.getByLabel('X会議の日付 (任意)').fill('2025-06-20');
    expect(await form.getByRole('radio', { name: '前の評価回のランクを繰り越す' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: '作成' }).click();
    await expectText(page.getByRole('status'), '評価回 R7.5 を作成しました。132 件のランクを繰り越しました');
    await expectText(roundRow('R7.5'), '令和7年6月20日');
    expect(await roundRow('R7.5').getByRole('cell').nth(5).textContent()).toBe('132'); // 繰越 (未確認)
  });

  it('shows 繰越 in the grid; a rank key confirms one, the bar confirms the rest', async () => {
    const { page } = s;
    await roundRow('R7.5').getByRole('button', { name: '開く' }).click();
    await grid().waitFor();
    await page.getByRole('region', { name: '評価 (R7.5)' }).waitFor();
    await expectText(firstRank(), '繰越');
    await expectText(page.getByRole('note'), '確認されていないランクが 132 件');
    await grid().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('3');
    await expectText(page.getByRole('note'), '131 件');
    expect(await firstRank().textContent()).toBe('3');
    // 増減 against R6.11 in the summary: one more ランク3, one fewer ランク2.
    const summaryRow = page.getByRole('region', { name: '集計' }).getByRole('row', { name: /^A 現行業務の改善/ });
    await expectText(summaryRow.getByRole('cell').nth(1), /^14\+1$/);
    await expectText(summaryRow.getByRole('cell').nth(2), /^117−1$/);
    // The side panel: the rank in every round, with the move.
    await expectText(page.getByRole('region', { name: 'ランクの推移' }), 'R6.11');
    await expectText(page.getByRole('region', { name: 'ランクの推移' }).locator('.move-up'), '▲');

    await page.getByRole('button', { name: /表示中の繰越 131 件を確定/ }).click();
    await page.getByRole('dialog', { name: '繰越の一括確定' }).getByRole('button', { name: '確定する' }).click();
    await expectText(page.locator('.statusbar'), '繰越 131 件を確定しました');
    await page.locator('.carried-bar').waitFor({ state: 'detached' });
    expect(await page.locator('.carried-badge').count()).toBe(0);
  });

  it('locks the round: rank keys are refused with a Japanese message and nothing changes', async () => {
    const { page } = s;
    await tab('評価回').click();
    await roundRow('R7.5').getByRole('button', { name: 'ロック' }).click();
    await page.getByRole('dialog', { name: '評価回のロック' }).getByRole('button', { name: 'ロックする' }).click();
    await expectText(roundRow('R7.5'), 'ロック中');
    await roundRow('R7.5').getByRole('button', { name: '開く' }).click();
    await expectText(page.locator('.locked-bar'), '評価回 R7.5 はロックされています');
    await grid().focus();
    await page.keyboard.press('1');
    await expectText(page.getByRole('alert'), '評価回 R7.5 は公表済みでロックされています。ランクと所見は変更できません');
    expect(await firstRank().textContent()).toBe('3');
    expect(await page.getByRole('radio', { name: 'ランク1' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'エラーを閉じる' }).click();
  });

  it('unlocks only with a reason', async () => {
    const { page } = s;
    await tab('評価回').click();
    await roundRow('R7.5').getByRole('button', { name: 'ロック解除…' }).click();
    const dialog = page.getByRole('dialog', { name: 'ロックの解除' });
    const unlock = dialog.getByRole('button', { name: 'ロックを解除' });
    expect(await unlock.isDisabled()).toBe(true);
    await dialog.getByLabel('解除の理由 (必須)').fill('公表資料の誤記を訂正するため');
    await unlock.click();
    await expectText(page.getByRole('status'), '評価回 R7.5 のロックを解除しました');
    await expectText(roundRow('R7.5'), '編集可');
  });

  it('lists the issues whose rank moved, with counts', async () => {
    const { page } = s;
    await tab('ランク変動').click();
    await expectText(page.getByRole('status'), 'R6.11 → R7.5');
    await expectText(page.getByRole('status'), /上昇 1 件/);
    const rows = page.getByRole('table', { name: 'ランクが変わった課題の一覧' }).getByRole('row');
    await expectText(rows.nth(1), '会計-A-1');
    await expectText(rows.nth(1), '▲ 1 上昇');
  });
});

describe('the audit screen', () => {
  it('shows every change of this session and filters by kind, issue and person', async () => {
    const { page } = s;
    await tab('監査ログ').click();
    const table = page.getByRole('table', { name: '監査ログの一覧' });
    await expectText(table, 'ロック解除');
    await expectText(table.getByRole('row', { name: /ロック解除/ }), '理由: 公表資料の誤記を訂正するため');

    await page.getByRole('combobox', { name: '種類', exact: true }).selectOption({ label: '評価回' });
    await expectText(page.locator('output.count'), '該当 4 件'); // create, confirm all, lock, unlock
    const actions = await table.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(actions).toEqual(['ロック解除', 'ロック', '繰越の一括確定', '評価回の作成']);
    // The bulk confirmation can be undone from here.
    await expectText(table.getByRole('row', { name: /繰越の一括確定/ }), '取り消す…');

    await page.getByRole('button', { name: '条件をクリア' }).click();
    const issueKey = page.getByRole('textbox', { name: '課題', exact: true });
    await issueKey.fill('会計-A-1');
    await issueKey.press('Enter');
    await expectText(page.locator('output.count'), '該当 1 件');
    await expectText(table.getByRole('row').nth(1), '2 (繰越)');
    await issueKey.fill('存在しない-A-1');
    await issueKey.press('Enter');
    await expectText(page.getByRole('alert'), '課題「存在しない-A-1」が見つかりません');
    await page.getByRole('button', { name: 'エラーを閉じる' }).click();

    await page.getByRole('button', { name: '条件をクリア' }).click();
    await page.getByRole('combobox', { name: '更新者', exact: true }).selectOption('テスト担当');
    await expectText(page.locator('output.count'), '該当 1 件');
    await expectText(table.getByRole('row').nth(1), 'サンプルの作成');
  });

  it('exports the filtered log to .xlsx as a download', async () => {
    const { page } = s;
    await page.getByRole('button', { name: '条件をクリア' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excelに出力…' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^監査ログ_\d{8}\.xlsx$/);
  });
});

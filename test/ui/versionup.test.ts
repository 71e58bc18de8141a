// The version-up status list and the rules screen in a real Chromium.
import { describe, expect, it } from 'vitest';
import { useSamplePage } from '../helpers/ui-session';

const session = useSamplePage();

const counts = () => session.page.locator('.versionup-counts');

describe('version-up status', () => {
  it('counts versioned-up / not yet / unchanged for R6.8 → R6.11', async () => {
    await session.page.getByRole('tab', { name: 'バージョンアップ状況' }).click();
    await counts().filter({ hasText: 'バージョンアップ済 1 件' }).waitFor();
    expect(await counts().textContent()).toContain('未更新 0 件');
    const table = session.page.getByRole('table', { name: 'バージョンアップ状況の一覧' });
    const row = table.getByRole('row', { name: /財変-B-4/ });
    expect(await row.textContent()).toMatch(/②\d+% ③\d+% ④\d+% ⑤新規/);
    expect(await row.textContent()).toContain('④課題に対する取組');
    // Any level on request: the 132 A issues have no versions yet.
    await session.page.getByLabel('Aレベルも含める').check();
    await counts().filter({ hasText: '未更新 132 件' }).waitFor();
    await session.page.getByLabel('状態').selectOption('versionedUp');
    expect(await table.getByRole('row').count()).toBe(2);
  });

  it('opens the comparison from the list', async () => {
    await session.page.getByRole('button', { name: '公共施設マネジメント実行計画の見直し' }).click();
    const dialog = session.page.getByRole('dialog', { name: '版の比較' });
    await dialog.locator('ins').first().waitFor();
    await dialog.getByRole('button', { name: /閉じる/ }).click();
  });
});

describe('記載ルール', () => {
  it('edits and saves the rule set; an invalid value is refused with its line named', async () => {
    await session.page.getByRole('tab', { name: '記載ルール' }).click();
    await session.page.getByRole('button', { name: 'ルールを追加' }).click();
    const rows = session.page.getByRole('table', { name: '記載ルールの一覧' }).getByRole('row');
    const n = (await rows.count()) - 1;
    await session.page.getByLabel(`ルール${n}の種類`).selectOption({ label: '記載必須' });
    await session.page.getByLabel(`ルール${n}の項目`).selectOption({ label: '⑤取組みの進捗状況、取組結果' });
    await session.page.getByLabel(`ルール${n}の文言`).fill('⑤取組みの進捗状況を記載してください');
    await session.page.getByRole('button', { name: '保存' }).click();
    await session.page.getByText('11件のルールを保存しました').waitFor();
    // An invalid value is refused with the line named, and nothing changes.
    await session.page.getByLabel('最低文字数').first().fill('0');
    await session.page.getByRole('button', { name: '保存' }).click();
    await session.page.getByRole('alert').filter({ hasText: /ルール 5 行目: 設定値が正しくありません/ }).waitFor();
    await session.page.reload();
    await session.page.getByRole('tab', { name: '記載ルール' }).click();
    await session.page.getByLabel('ルール11の文言').waitFor();
    expect(await session.page.getByLabel('ルール11の文言').inputValue()).toBe('⑤取組みの進捗状況を記載してください');
    expect(await session.page.getByLabel('最低文字数').first().inputValue()).toBe('30');
  });
});

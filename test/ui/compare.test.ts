// The comparison of the B sample, opened from the grid, in a real Chromium.
import { describe, expect, it } from 'vitest';
import { useSamplePage } from '../helpers/ui-session';

const session = useSamplePage({ width: 1440, height: 1000 });

async function openComparison() {
  await session.page.getByLabel('レベル').selectOption('B');
  await session.page.locator('output.count').filter({ hasText: '1 件' }).waitFor();
  await session.page.locator('[role=row][aria-rowindex="2"]').click();
  await session.page.locator('.issue-key').filter({ hasText: '財変-B-4' }).waitFor();
  // The 記載チェック finding of R6.11 (no 数値目標 in ④) shows in the grid's 指摘 column.
  await session.page.locator('[role=row][aria-selected=true] .col-findings').filter({ hasText: '1' }).waitFor();
  await session.page.getByRole('grid', { name: '変革課題の一覧' }).focus();
  await session.page.keyboard.press('d');
  const dialog = session.page.getByRole('dialog', { name: '版の比較' });
  await dialog.locator('ins').first().waitFor();
  return dialog;
}

describe('version comparison', () => {
  it('opens from the grid with the document’s headings, the changed number and the marks', async () => {
    const dialog = await openComparison();
    await expect(dialog.getByRole('columnheader', { name: /X方針策定時 \(R6\.8時点\)/ }).count()).resolves.toBe(1);
    await expect(dialog.getByRole('columnheader', { name: /進捗把握 \(R6\.11時点\)/ }).count()).resolves.toBe(1);
    expect(await dialog.getByText('番号変更').count()).toBe(1);
    const inserted = (await dialog.locator('ins').allTextContents()).join('');
    expect(inserted).toContain('削減量は計画目標の20%に対し1%に留まっている');
    const deleted = (await dialog.locator('del').allTextContents()).join('');
    expect(deleted).toContain('当初計画より進捗が遅れている');
    const progress = dialog.getByRole('row', { name: /⑤ 取組みの進捗状況/ });
    expect(await progress.getByText('新規').count()).toBeGreaterThan(0);
    // Plain text without marks on request.
    await dialog.getByLabel('変更箇所の印を消す').check();
    expect(await dialog.locator('ins, del').count()).toBe(0);
  });

  it('keeps the secretariat’s note after a reload', async () => {
    let dialog = session.page.getByRole('dialog', { name: '版の比較' });
    const note = dialog.getByRole('textbox', { name: '事務局メモ (この比較について)' });
    expect(await note.inputValue()).toContain('「何を解決すべきなのか」が不明確');
    await note.fill('R6.11で削減実績(計画比1%)が明記され、測定可能になった。');
    await dialog.getByRole('button', { name: /閉じる/ }).focus(); // leaving the box saves it
    await dialog.getByText('メモを保存しました').waitFor();
    await session.page.reload();
    dialog = await openComparison();
    expect(await dialog.getByRole('textbox', { name: '事務局メモ (この比較について)' }).inputValue()).toBe('R6.11で削減実績(計画比1%)が明記され、測定可能になった。');
  });
});

// Importing a list through the dialog in a real Chromium: choose a CP932 CSV, check the
// preview, commit, see the grid change; then undo the import and see it back as it was.
import { describe, expect, it } from 'vitest';
import { cp932, csvText } from '../import/fixtures';
import { useSamplePage } from '../helpers/ui-session';

const session = useSamplePage();
const dialog = () => session.page.getByRole('dialog', { name: '一覧の取り込み' });
/** 会計-A-1 is the grid's first row in the default order. */
const firstComment = () => session.page.locator('[role=row][aria-rowindex="2"] .col-comment').textContent();

describe('import dialog', () => {
  it('previews, commits and undoes a CP932 CSV', async () => {
    const { page } = session;
    expect(await page.locator('[role=row][aria-rowindex="2"]').textContent()).toContain('財務会計システムの機能アップ');
    await page.getByRole('button', { name: '取り込み…' }).click();
    const csv = cp932(
      csvText([
        ['局名', '番号', '課題名', 'ランク', '所見'],
        ['会計', 1, '財務会計システムの機能アップ 〈DX推進〉', 3, '稼働済み。髙﨑〜'],
        ['会計', 2, '会計事務へのデジタルツール（RPA）の活用 〈DX推進〉', 7, ''],
        ['小倉北区', 1, '窓口サービスの向上のための業務改善', 2, ''],
      ]),
    );
    await dialog().getByLabel('ファイル').setInputFiles({ name: 'ランク.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const checks = dialog().getByRole('region', { name: '取り込みの確認' });
    await checks.getByRole('tab', { name: '取り込めない 1' }).waitFor();
    await page.screenshot({ path: `${process.env.XPW_SHOTS ?? '/tmp'}/import-dialog.png` });
    expect(await checks.getByRole('table').textContent()).toContain('3行目「ランク」: ランク「7」は評価回 R6.11 の基準にありません');
    await checks.getByRole('tab', { name: '変更 1' }).click();
    expect(await checks.getByRole('table').textContent()).toContain('稼働済み。髙﨑～');
    expect(await checks.getByRole('tab', { name: '変更なし 1' }).count()).toBe(1); // 小倉北区 = 小北, same rank
    await dialog().getByRole('button', { name: /取り込む \(新規 0・変更 1\)/ }).click();
    await dialog().getByRole('status').getByText('取り込みました').waitFor();
    await dialog().getByRole('button', { name: '閉じる' }).click();
    await expect.poll(firstComment).toContain('稼働済み。髙﨑～');

    await page.getByRole('button', { name: '取り込み…' }).click();
    const history = dialog().getByRole('list', { name: '取り込みの記録' });
    await history.getByText('ランク.csv').waitFor();
    // Dates in 和暦, as everywhere on screen (not 2026-12-01).
    expect(await history.locator('li').first().textContent()).toMatch(/（?\(令和\d+年\d+月\d+日 \d{2}:\d{2}\)/);
    expect(await history.locator('li').first().textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    page.once('dialog', (d) => void d.accept());
    await history.getByRole('button', { name: '取り消す' }).first().click();
    await dialog().getByRole('status').getByText('取り消しました').waitFor();
    await dialog().getByRole('button', { name: '閉じる' }).click();
    await expect.poll(firstComment).not.toContain('稼働済み');
  });

  it('names a file that is not a spreadsheet', async () => {
    const { page } = session;
    await page.getByRole('button', { name: '取り込み…' }).click();
    await dialog().getByLabel('ファイル').setInputFiles({ name: 'photo.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0]) });
    await dialog().getByRole('alert').getByText('PNG画像です').waitFor();
    await dialog().getByRole('button', { name: '閉じる' }).click();
  });
});

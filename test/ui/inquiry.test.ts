// The 照会 tab in a real Chromium: create an inquiry (the forms arrive as one .zip), fill one
// bureau's workbook as the bureau would, collect it, and see the board and the new version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cell, formSheet, openForm, rowOf, saveForm } from '../inquiry/helpers';
import { tempDir } from '../helpers/temp';
import { useSamplePage } from '../helpers/ui-session';
import { readZip } from '../helpers/zip';

const session = useSamplePage();
const dir = tempDir();

describe('inquiry tab', () => {
  it('sends the forms, collects a return and shows who has answered', async () => {
    const { page } = session;
    await page.getByRole('tab', { name: '照会' }).click();
    const form = page.getByRole('region', { name: '新しい照会' });
    await form.getByLabel('版のラベル').fill('R7.2');
    await form.getByLabel('件名').fill('X方針バージョンアップ照会');
    const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: /様式を作成して保存/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^照会_R7\.2_\d+局区\.zip$/);
    const zipPath = join(dir, 'forms.zip');
    await download.saveAs(zipPath);
    const zip = readZip(readFileSync(zipPath));
    const name = zip.names.find((n) => n.includes('財変'))!;
    expect(name).toBe('照会_R7.2_財変.xlsx');

    const board = page.getByRole('table', { name: '回答状況' });
    await board.getByRole('row', { name: /財変/ }).getByText('未回答').waitFor();

    // The bureau fills in ⑤ and rewrites ② of its B issue.
    const wb = await openForm(zip.bytes(name));
    const row = rowOf(formSheet(wb), '財変-B-4');
    cell(row, 'content').value = '・公共施設の価値を最大化するため、施設ごとのあり方を見直す。';
    cell(row, 'progress').value = '・全施設の点検を完了した。\n・結果を公表した。';
    const filled = await saveForm(wb);

    const returns = page.getByRole('region', { name: '回答の取り込み' });
    // Every bureau's form at once: the preview shows how far it is and 中止 stops it (nothing written).
    const all = zip.names.map((n) => ({ name: n, mimeType: 'application/octet-stream', buffer: Buffer.from(zip.bytes(n)) }));
    await returns.getByLabel(/回答のブック/).setInputFiles(all);
    const bar = returns.getByRole('status', { name: '回答の確認' });
    await expect.poll(() => bar.textContent(), { timeout: 60_000 }).toMatch(new RegExp(`読み込み中… \\(\\d+ / ${all.length} ファイル「照会_R7\\.2_.+\\.xlsx」\\)`));
    await bar.getByRole('button', { name: '中止' }).click();
    await returns.getByText('中止しました。別のファイルを選べます').waitFor();
    expect(await returns.getByRole('table', { name: '回答ファイル' }).count()).toBe(0);
    await board.getByRole('row', { name: /財変/ }).getByText('未回答').waitFor();

    await returns.getByLabel(/回答のブック/).setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(filled) });
    await returns.getByRole('table', { name: '回答ファイル' }).getByText(/変更 1・/).waitFor();
    await page.screenshot({ path: `${process.env.XPW_SHOTS ?? dir}/inquiry.png` });
    await returns.getByRole('button', { name: '回答を取り込む' }).click();
    await returns.getByRole('status').getByText('新しい版 1 件').waitFor();
    await board.getByRole('row', { name: /財変/ }).getByText(/回答済み/).waitFor();
  });
});

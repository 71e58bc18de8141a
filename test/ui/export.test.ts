// The export dialog in a real Chromium: print preview, progress, the download, and the last
// choices remembered. Files are read back, and no request leaves the app's own origin.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readPdf, squash } from '../helpers/poppler';
import { tempDir } from '../helpers/temp';
import { useSamplePage } from '../helpers/ui-session';
import { readZip } from '../helpers/zip';

const session = useSamplePage();
const dir = tempDir();
const dialog = () => session.page.getByRole('dialog', { name: '資料の出力' });

async function saveDownload(name: string): Promise<{ file: string; suggested: string }> {
  const [download] = await Promise.all([session.page.waitForEvent('download'), dialog().getByRole('button', { name: '保存…' }).click()]);
  const file = join(dir, name);
  await download.saveAs(file);
  return { file, suggested: download.suggestedFilename() };
}

describe('export dialog', () => {
  const foreign: string[] = [];

  it('previews the progress report and downloads it as PDF', async () => {
    const { page } = session;
    const origin = new URL(page.url()).origin;
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
    });
    await page.getByRole('button', { name: '資料の出力…' }).click();
    const preview = dialog().getByRole('region', { name: '印刷プレビュー' });
    await preview.getByText('Aレベルの課題の分析結果一覧').waitFor();
    expect(await preview.textContent()).toContain('A 現行業務の改善');
    // The print stylesheet applies in the preview (column widths are classes: the CSP forbids inline styles).
    const width = (name: string) => preview.getByRole('columnheader', { name, exact: true }).evaluate((e) => e.getBoundingClientRect().width);
    expect(await width('課題名')).toBeGreaterThan(4 * (await width('局名')));
    await page.screenshot({ path: join(process.env.XPW_SHOTS ?? dir, 'export-dialog.png') });
    await dialog().getByLabel('PDF', { exact: true }).check();
    const { file, suggested } = await saveDownload('report.pdf');
    expect(suggested).toBe('進捗状況報告_R6.11.pdf');
    const pdf = readPdf(file);
    expect(pdf.pages).toBeGreaterThanOrEqual(3);
    expect(squash(pdf.text)).toContain('財務会計システムの機能アップ');
    await dialog().getByRole('status').getByText('ダウンロードしました').waitFor();
  });

  it('exports the filtered grid as CP932 CSV and remembers the choice', async () => {
    const { page } = session;
    await dialog().getByLabel(/一覧 \(表示中の絞り込み\)/).check();
    await dialog().getByLabel('CSV', { exact: true }).check();
    await dialog().getByLabel('文字コード').selectOption('cp932');
    await dialog().getByRole('region', { name: '印刷プレビュー' }).getByText('評価回 R6.11').waitFor();
    const { file, suggested } = await saveDownload('grid.csv');
    expect(suggested).toBe('ランク付け一覧_R6.11.csv');
    const lines = iconv.decode(readFileSync(file), 'cp932').trim().split('\r\n');
    expect(lines).toHaveLength(1 + 132 + 1); // header, 132 A issues, the B example
    await dialog().getByRole('button', { name: '閉じる' }).click();
    await page.getByRole('button', { name: '資料の出力…' }).click();
    await expect.poll(() => dialog().getByLabel('CSV', { exact: true }).isChecked()).toBe(true);
    expect(await dialog().getByLabel(/一覧 \(表示中の絞り込み\)/).isChecked()).toBe(true);
    await dialog().getByRole('button', { name: '閉じる' }).click();
  });

  it('exports comparison sheets with tracked changes as Word', async () => {
    const { page } = session;
    await page.getByRole('button', { name: '資料の出力…' }).click();
    await dialog().getByLabel(/比較表 \(B・C\)/).check();
    const preview = dialog().getByRole('region', { name: '印刷プレビュー' });
    await preview.getByText('X方針策定時 (R6.8時点)').waitFor();
    expect(await preview.locator('ins').count()).toBeGreaterThan(0);
    expect(await preview.textContent()).toContain('事務局メモ');
    await dialog().getByLabel('Word (.docx)').check();
    await dialog().getByLabel(/変更履歴.*として記録する/).check();
    const { file, suggested } = await saveDownload('compare.docx');
    expect(suggested).toBe('比較表_R6.8-R6.11_変更履歴.docx');
    const xml = readZip(readFileSync(file)).text('word/document.xml');
    expect(xml.match(/<w:ins /g)?.length ?? 0).toBeGreaterThan(0);
    expect(xml.match(/<w:del /g)?.length ?? 0).toBeGreaterThan(0);
    await dialog().getByRole('button', { name: '閉じる' }).click();
  });

  it('made no request outside its own origin', () => {
    expect(foreign).toEqual([]);
  });
});

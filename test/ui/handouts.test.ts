// The handouts' dialogs in a real Chromium: the export dialog's warning about unconfirmed carried
// ranks (繰越) with its confirm button and the refuse choice; the 会議資料一式・公表 dialog making
// the X会議 pack (PDF) and the publication (.zip) for the website.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { readZip } from '../helpers/zip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRound } from '../../db/write/rounds';
import { listRounds } from '../../db/queries/rounds';
import { launchChromium } from '../helpers/browser';
import { readPdf, squash } from '../helpers/poppler';
import { startPreview, type RunningPreview } from '../helpers/preview';
import { sampleDb, tempDbPath, tempDir } from '../helpers/temp';

let page: Page;
let browser: Browser;
let preview: RunningPreview;
const dir = tempDir();

beforeAll(async () => {
  const file = tempDbPath();
  const db = await sampleDb(file);
  const r611 = listRounds(db.sqlite)[0]!;
  // A newer round whose ranks are all carried over and not confirmed yet.
  createRound(db.sqlite, { label: 'R7.5', title: '令和7年5月時点', asOf: '2025-05', meetingDate: '2025-06-20', scaleId: r611.scaleId, carryFromRoundId: r611.id }, 'テスト');
  db.close();
  preview = await startPreview(file);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(preview.url);
  await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('繰越 in the export dialog', () => {
  it('warns with the count, refuses when asked, and confirms them on request', async () => {
    await page.getByRole('button', { name: '資料の出力…' }).click();
    const dialog = page.getByRole('dialog', { name: '資料の出力' });
    const notice = dialog.getByRole('group', { name: '繰越の確認' });
    await notice.getByText('132件', { exact: true }).waitFor();
    await notice.getByLabel('確定するまで出力しない').check();
    await expect.poll(() => dialog.getByRole('button', { name: '保存…' }).isDisabled()).toBe(true);
    await notice.getByLabel(/明記して出力する/).check();
    await expect.poll(() => dialog.getByRole('button', { name: '保存…' }).isDisabled()).toBe(false);
    await notice.getByRole('button', { name: 'この132件を確定する' }).click();
    await notice.waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: '閉じる' }).click();
  });
});

describe('会議資料一式・公表', () => {
  const dialog = () => page.getByRole('dialog', { name: '会議資料一式・公表' });
  const save = async (name: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), dialog().getByRole('button', { name: /保存…/ }).click()]);
    const file = join(dir, name);
    await download.saveAs(file);
    return { file, suggested: download.suggestedFilename() };
  };

  it('makes the X会議 pack: cover, 資料1 … and continuous page numbers', async () => {
    await page.getByRole('button', { name: '会議資料一式・公表…' }).click();
    await dialog().getByLabel('会議の名前 (表紙)').fill('第5回X会議');
    await dialog().getByLabel('比較表 (B・C)').uncheck();
    const { file, suggested } = await save('pack.pdf');
    expect(suggested).toBe('第5回X会議_資料_R7.5.pdf');
    const pdf = readPdf(file);
    const pages = pdf.text.split('\f');
    expect(squash(pages[0]!)).toContain('第5回X会議');
    expect(squash(pages[0]!)).toContain('令和7年6月20日');
    expect(squash(pages[1]!)).toContain('資料1');
    expect(pages.at(-2)).toContain(`${pdf.pages - 1} / ${pdf.pages - 1}`);
  }, 60_000);

  it('publishes a .zip for the website, warning that the round is not locked', async () => {
    await dialog().getByLabel(/市HPへの公表用/).check();
    await dialog().getByRole('alert').getByText(/ロック \(公表確定\) されていません/).waitFor();
    const { file, suggested } = await save('pub.zip');
    expect(suggested).toBe('公表_R7.5.zip');
    const zip = readZip(readFileSync(file));
    const index = zip.text('公表_R7.5/index.html');
    expect(index).toContain('<html lang="ja">');
    expect(zip.names).toContain('公表_R7.5/x-policy-progress.csv');
    await dialog().getByRole('button', { name: '閉じる' }).click();
  }, 60_000);
});

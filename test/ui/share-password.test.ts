// 設定 → 共有 on a PC joined to a real PostgreSQL server, in the browser preview: where the
// password is kept (the preview: this session's memory only; the app: sealed by the OS — see
// test/share/pg-password.test.ts), a new one tried against the server before it is kept, a wrong
// one refused, and forgetting it (then syncing asks for it).
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShare, joinShare } from '../../electron/services/sync/share';
import { axeViolations, describeViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { setupXpwDatabase, startPg, type PgServer } from '../helpers/postgres';
import { startPreview, type RunningPreview } from '../helpers/preview';
import { sampleDb, tempDir } from '../helpers/temp';

let server: PgServer;
let preview: RunningPreview;
let browser: Browser;
let page: Page;
let password: string;

beforeAll(async () => {
  delete process.env.XPW_PG_PASSWORD;
  delete process.env.PGPASSWORD;
  server = await startPg();
  const x = await setupXpwDatabase(server, 'xpw_ui_pw');
  password = x.client.password;
  const withPassword = x.client.url.replace(`//${x.client.user}@`, `//${x.client.user}:${password}@`);
  const dir = tempDir('xpw-ui-pw-');
  const lead = await sampleDb(join(dir, 'lead.sqlite'));
  await createShare(lead.sqlite, withPassword, { name: '市役所', user: '佐藤', pc: 'PC-A' });
  lead.close();
  await joinShare(withPassword, join(dir, 'mine.sqlite'), { pc: 'PC-B' });
  preview = await startPreview(join(dir, 'mine.sqlite'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(preview.url);
  await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
  server?.destroy();
});

describe('the server password in 設定 → 共有', () => {
  it('asks for it when none is kept, tries a new one before keeping it, and forgets it', async () => {
    // The preview started without the password: its background pass cannot log in, and the header says where to give it.
    await page
      .locator('.sync-status summary')
      .filter({ hasText: /PostgreSQLサーバー \(postgresql:\/\/xpw_app@127\.0\.0\.1:\d+\/xpw_ui_pw\) にログインできません — ユーザー名かパスワードを確かめてください \(パスワードは 設定 → 共有 で入力・変更できます\) — 変更はこのPCに保存されています/ })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '設定', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '設定' });
    const group = dialog.getByRole('group', { name: 'サーバーのパスワード' });
    await group.getByText('保存されていません — 同期するには、下の欄に入力してください', { exact: false }).waitFor();
    // Syncing by hand says what is missing.
    await dialog.getByRole('button', { name: '今すぐ同期' }).click();
    await dialog.getByText(/のパスワードが保存されていません。設定 → 共有 でパスワードを入力してください/).waitFor();

    await group.getByLabel('パスワード', { exact: true }).fill('wrong');
    await group.getByRole('button', { name: '接続を確かめて保存' }).click();
    await group.getByRole('alert').getByText(/ログインできません — ユーザー名かパスワードを確かめてください/).waitFor({ timeout: 30_000 });
    await group.getByText('保存されていません', { exact: false }).waitFor();

    await group.getByLabel('パスワード', { exact: true }).fill(password);
    await group.getByLabel('パスワード', { exact: true }).press('Enter'); // tries it; the settings form stays open
    await group.getByText('サーバーに接続できました。パスワードを保存しました').waitFor({ timeout: 30_000 });
    await group.getByText('このプレビューの実行中だけ保持しています', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: '今すぐ同期' }).click();
    await dialog.getByText('同期しました').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(process.env.XPW_SHOTS ?? tempDir(), 'server-password.png') });
    const v = await axeViolations(page, 'dialog[open]');
    expect(v, describeViolations(v)).toEqual([]);

    await group.getByRole('button', { name: '保存したパスワードを削除' }).click();
    await group.getByText('パスワードを削除しました。同期するには、もう一度入力してください').waitFor();
    await group.getByText('保存されていません', { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

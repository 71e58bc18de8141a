// Joining a shared folder in the real UI, and a restore on a joined PC. Two previews on two
// databases and one temporary folder: the lead shares its database in 設定 → 共有; the colleague's preview starts
// on an empty profile (the database made from the sample), is offered 「共有フォルダから参加」, sees
// what the share holds and joins; a rank set by the lead appears there. Then the restore dialog on
// the joined PC says so before acting and offers both ways: rebuild from the share, or restore and
// leave the share.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { startPreview, type RunningPreview } from '../helpers/preview';
import { sampleDb, tempDir } from '../helpers/temp';

/** Screenshots of the new dialogs (XPW_SHOTS keeps them). */
const shots = process.env.XPW_SHOTS ?? tempDir();
let dir: string;
let folder: string;
const previews: RunningPreview[] = [];
let browser: Browser;
let lead: Page;
let mine: Page;

const grid = (p: Page) => p.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first();
const firstRank = (p: Page) => p.locator('[role=row][aria-rowindex="2"] .col-rank');
const waitText = (l: ReturnType<Page['locator']>, text: string | RegExp, timeout = 20_000) => l.filter({ hasText: text }).first().waitFor({ timeout });

async function noViolations(p: Page, context: string) {
  const v = await axeViolations(p, context);
  expect(v, describeViolations(v)).toEqual([]);
}

beforeAll(async () => {
  process.env.XPW_SYNC_INTERVAL_MS = '700';
  dir = tempDir('xpw-ui-join-');
  folder = join(dir, 'share');
  mkdirSync(folder);
  (await sampleDb(join(dir, 'lead.sqlite'))).close();
  const mineFile = join(dir, 'profile', 'xpw.sqlite');
  mkdirSync(join(dir, 'profile'));
  expect(existsSync(mineFile)).toBe(false); // an empty profile: the preview makes it from the sample
  // Two PCs: each preview names its own (XPW_PC_NAME, inherited at its start).
  process.env.XPW_PC_NAME = 'PC-A';
  previews.push(await startPreview(join(dir, 'lead.sqlite'), ['--allow-dir', dir]));
  process.env.XPW_PC_NAME = 'PC-B';
  previews.push(await startPreview(mineFile, ['--allow-dir', dir]));
  delete process.env.XPW_PC_NAME;
  browser = await launchChromium();
  [lead, mine] = (await Promise.all(
    previews.map(async (p) => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(p.url);
      await grid(page).waitFor();
      return page;
    }),
  )) as [Page, Page];
});

afterAll(async () => {
  await browser?.close();
  for (const p of previews) await p.stop();
  delete process.env.XPW_SYNC_INTERVAL_MS;
});

describe('「共有フォルダから参加」 in the app', () => {
  it('is offered at the first start, shows what the share holds, joins, and the lead’s rank arrives', async () => {
    // The lead makes the shared dataset in 設定 → 共有.
    await lead.getByRole('button', { name: '設定', exact: true }).click();
    const settings = lead.getByRole('dialog', { name: '設定' });
    const share = settings.getByRole('group', { name: '共有 (チームで作業)' });
    await share.getByLabel(/共有フォルダ \(またはサーバー/).fill(folder);
    await share.getByLabel('共有データの名前').fill('改革事務局');
    await share.getByRole('button', { name: '共有データを作成' }).click();
    await share.getByText('共有データを作成しました').waitFor({ timeout: 30_000 });
    await lead.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });

    const dialog = mine.getByRole('dialog', { name: '共有フォルダから参加' });
    await dialog.waitFor();
    await dialog.getByText('このPCのデータは、いま作られたサンプルだけです').waitFor();
    await noViolations(mine, 'dialog[open]');

    // What and where: a folder that is not a share.
    const empty = join(dir, 'profile');
    await dialog.getByLabel(/共有フォルダ \(またはサーバー/).fill(empty);
    await dialog.getByRole('button', { name: '共有データを確かめる' }).click();
    await dialog.getByRole('alert').getByText(`このフォルダは共有フォルダではありません (共有データの説明 xpw-dataset.json がありません): ${empty}`).waitFor();
    expect(await dialog.getByRole('button', { name: '参加する' }).isDisabled()).toBe(true);

    await dialog.getByLabel(/共有フォルダ \(またはサーバー/).fill(folder);
    await dialog.getByRole('button', { name: '共有データを確かめる' }).click();
    const summary = dialog.getByRole('region', { name: '共有データの内容' });
    await summary.getByRole('row', { name: /共有データの名前/ }).getByText('改革事務局').waitFor();
    expect(await summary.getByRole('row', { name: /変革課題/ }).getByRole('cell').textContent()).toBe('133件 (局区 29)');
    await summary.getByRole('row', { name: /参加しているPC/ }).getByText('1台').waitFor();
    await noViolations(mine, 'dialog[open]');
    await mine.screenshot({ path: join(shots, 'join-dialog.png') });

    await dialog.getByRole('button', { name: '参加する' }).click();
    await dialog.getByText('共有データ「改革事務局」に参加しました。', { exact: false }).waitFor({ timeout: 30_000 });
    await dialog.getByText(/参加前のデータのバックアップ: .+-join\.sqlite/).waitFor();
    await Promise.all([mine.waitForEvent('load'), dialog.getByRole('button', { name: '読み込み直す' }).click()]);
    await grid(mine).waitFor();
    // Joined now: no offer after the reload, and the header says it syncs.
    await waitText(mine.locator('.sync-status summary'), /同期済み/);
    expect(await mine.getByRole('dialog', { name: '共有フォルダから参加' }).count()).toBe(0);

    // A rank set on the lead's PC appears here without a reload.
    const before = (await firstRank(mine).textContent())?.trim();
    const next = before === '3' ? '1' : '3';
    await grid(lead).click();
    await lead.keyboard.press(next);
    await waitText(firstRank(lead), next);
    await waitText(firstRank(mine), next);
  });

  it('restore on the joined PC: says so before acting; rebuilds from the share, or restores and leaves', async () => {
    await mine.getByRole('tab', { name: 'バックアップ' }).click();
    const table = mine.getByRole('region', { name: 'バックアップ' }).getByRole('table');
    const joinRow = table.getByRole('row').filter({ has: mine.getByRole('cell', { name: '共有から参加前', exact: true }) });
    await joinRow.waitFor();

    // (b) Rebuild this PC's copy from the share instead of restoring.
    await joinRow.getByRole('button', { name: '復元…' }).click();
    let dialog = mine.getByRole('dialog', { name: 'バックアップから復元' });
    const group = dialog.getByRole('group', { name: 'このPCは共有データに参加しています' });
    await group.getByText(/このPCは共有データ「改革事務局」\(.+share\) に参加しています/).waitFor();
    await noViolations(mine, 'dialog[open]');
    await mine.screenshot({ path: join(shots, 'restore-joined.png') });
    await group.getByLabel(/復元せず、共有データからこのPCの複製を作り直す/).check();
    await dialog.getByLabel('現在のデータを共有データの複製で置き換えます').check();
    // The share out of reach: said in Japanese, naming the folder; nothing replaced, the choice still open.
    renameSync(folder, `${folder}-away`);
    try {
      await dialog.getByRole('button', { name: '共有から作り直す' }).click();
      await dialog.getByRole('alert').getByText(`共有フォルダに接続できません (${folder}) — 場所と接続を確かめてください`).waitFor({ timeout: 30_000 });
    } finally {
      renameSync(`${folder}-away`, folder);
    }
    await dialog.getByRole('button', { name: '共有から作り直す' }).click();
    await dialog.getByText('共有データ「改革事務局」からこのPCの複製を作り直しました。', { exact: false }).waitFor({ timeout: 30_000 });
    await Promise.all([mine.waitForEvent('load'), dialog.getByRole('button', { name: '読み込み直す' }).click()]);
    await grid(mine).waitFor();
    await waitText(mine.locator('.sync-status summary'), /同期済み/);

    // (a) Restore and leave the share: this PC works alone with the restored data.
    await mine.getByRole('tab', { name: 'バックアップ' }).click();
    await joinRow.first().waitFor();
    await joinRow.first().getByRole('button', { name: '復元…' }).click();
    dialog = mine.getByRole('dialog', { name: 'バックアップから復元' });
    await dialog.getByRole('group', { name: 'このPCは共有データに参加しています' }).waitFor();
    expect(await dialog.getByLabel(/復元して、共有から外れる/).isChecked()).toBe(true);
    await dialog.getByLabel('現在のデータをこの内容で置き換え、このPCは共有から外れます').check();
    await dialog.getByRole('button', { name: '復元して共有から外れる' }).click();
    await dialog.getByText('このPCは共有から外れました', { exact: false }).waitFor({ timeout: 30_000 });
    await Promise.all([mine.waitForEvent('load'), dialog.getByRole('button', { name: '読み込み直す' }).click()]);
    await grid(mine).waitFor();
    // Alone now: 設定 → 共有 offers to join again.
    await mine.getByRole('button', { name: '設定', exact: true }).click();
    const settings = mine.getByRole('dialog', { name: '設定' });
    await settings.getByRole('group', { name: '共有 (チームで作業)' }).getByRole('button', { name: '共有フォルダから参加…' }).click();
    const join2 = mine.getByRole('dialog', { name: '共有フォルダから参加' });
    await join2.waitFor();
    await noViolations(mine, 'dialog[open]');
    await mine.keyboard.press('Escape');
    await join2.waitFor({ state: 'detached' });
  });
});

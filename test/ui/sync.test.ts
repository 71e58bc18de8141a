// Team sync in the real UI: two browser previews on two databases joined to one shared folder. A
// rank set in one appears in the other without a reload; the header says 未送信 while the share is
// unreachable and 同期済み after.
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { saveNote } from '../../db/write/notes';
import { createShare, joinShare } from '../../electron/services/sync/share';
import { axeViolations, describeViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { startPreview, type RunningPreview } from '../helpers/preview';
import { sampleDb, tempDir } from '../helpers/temp';

let folder: string;
let files: string[] = [];
const previews: RunningPreview[] = [];
let browser: Browser;
let a: Page;
let b: Page;

beforeAll(async () => {
  process.env.XPW_SYNC_INTERVAL_MS = '700'; // the previews' background sync (inherited by the child processes)
  const dir = tempDir('xpw-ui-sync-');
  folder = join(dir, 'share');
  mkdirSync(folder);
  const first = await sampleDb(join(dir, 'a.sqlite'));
  await createShare(first.sqlite, folder, { name: 'UIテスト', user: '佐藤', pc: 'PC-A' });
  first.close();
  await joinShare(folder, join(dir, 'b.sqlite'), { pc: 'PC-B' });
  files = [join(dir, 'a.sqlite'), join(dir, 'b.sqlite')];
  previews.push(await startPreview(files[0]!), await startPreview(files[1]!));
  browser = await launchChromium();
  [a, b] = await Promise.all(previews.map(async (p) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(p.url);
    await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
    return page;
  })) as [Page, Page];
});

afterAll(async () => {
  await browser?.close();
  for (const p of previews) await p.stop();
  delete process.env.XPW_SYNC_INTERVAL_MS;
});

const firstRank = (p: Page) => p.locator('[role=row][aria-rowindex="2"] .col-rank');
const status = (p: Page) => p.locator('.sync-status summary');
const waitText = (l: ReturnType<Page['locator']>, text: string | RegExp, timeout = 15_000) => l.filter({ hasText: text }).first().waitFor({ timeout });

async function setFirstRank(p: Page, rank: string) {
  await p.getByRole('grid', { name: '変革課題の一覧' }).focus();
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('ArrowUp');
  await p.keyboard.press(rank);
  await waitText(firstRank(p), rank);
}

describe('two previews on one shared folder', () => {
  it('a rank set in one appears in the other without a reload', async () => {
    await waitText(status(a), /同期済み/);
    const before = (await firstRank(b).textContent())?.trim();
    const next = before === '3' ? '1' : '3';
    await setFirstRank(a, next);
    await waitText(firstRank(b), next);
    await waitText(status(a), /同期済み/);
  });

  it('says 未送信 / cannot connect while the share is unreachable, and 同期済み after', async () => {
    renameSync(folder, `${folder}-away`);
    try {
      const now = (await firstRank(a).textContent())?.trim();
      await setFirstRank(a, now === '2' ? '1' : '2');
      await waitText(status(a), /共有フォルダに接続できません — 変更はこのPCに保存されています/);
      await waitText(status(a), /未送信 1件/);
    } finally {
      renameSync(`${folder}-away`, folder);
    }
    await waitText(status(a), /同期済み/);
  });

  it('a 事務局メモ changed on both PCs from the same text shows 要確認 and is resolved in the panel', async () => {
    for (const [i, text] of [[0, 'Aの見方'], [1, 'Bの見方']] as const) {
      const db = await openDatabase(files[i]!);
      const versions = db.sqlite.prepare('SELECT id FROM issue_versions WHERE issue_id = 133 ORDER BY id').pluck().all() as number[];
      saveNote(db.sqlite, { issueId: 133, fromVersionId: versions[0]!, toVersionId: versions[1]!, note: text, actor: i ? '鈴木' : '佐藤' });
      db.close();
    }
    await waitText(status(a), /要確認 1件/);
    await waitText(status(b), /要確認 1件/);
    await a.getByLabel('レベル').selectOption('B');
    await a.getByRole('grid', { name: '変革課題の一覧' }).focus();
    await a.keyboard.press('ArrowDown');
    await a.keyboard.press('ArrowUp');
    await a.locator('[role=row][aria-rowindex="2"] .sync-conflict-badge').waitFor({ timeout: 15_000 }); // marked in the grid
    const conflict = a.getByRole('group', { name: '要確認' });
    await conflict.waitFor({ timeout: 15_000 });
    // The sync UI passes axe too: the header status opened (who else, on which PC), the panel's
    // 要確認 with its choices and the last change's user and PC.
    await status(a).click();
    await a.locator('.sync-status[open] .sync-details').waitFor();
    await a.locator('.sync-details li').filter({ hasText: '鈴木 さん (PC-B)' }).first().waitFor({ timeout: 15_000 });
    const v = await axeViolations(a);
    expect(v, describeViolations(v)).toEqual([]);
    await status(a).click();
    await conflict.getByRole('button', { name: 'この内容にする' }).first().click();
    await conflict.waitFor({ state: 'detached', timeout: 15_000 });
    await a.locator('.sync-conflict').waitFor({ state: 'detached', timeout: 15_000 });
    await a.locator('.sync-conflict-badge').waitFor({ state: 'detached', timeout: 15_000 });
    await b.locator('.sync-conflict').waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('設定 → 共有 names the shared folder, syncs now and passes axe', async () => {
    await a.getByRole('button', { name: '設定', exact: true }).click();
    const dialog = a.getByRole('dialog', { name: '設定' });
    const share = dialog.getByRole('group', { name: '共有 (チームで作業)' });
    await share.getByText(folder, { exact: false }).first().waitFor();
    await share.getByRole('button', { name: '今すぐ同期' }).click();
    await share.getByText('同期しました').waitFor({ timeout: 15_000 });
    const v = await axeViolations(a, 'dialog[open]');
    expect(v, describeViolations(v)).toEqual([]);
    await a.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

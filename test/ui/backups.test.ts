// The backups screen and the settings dialog in a real Chromium on the preview server: the start
// copy listed, a copy now and its verification, a restore with its preview and confirmation that
// the reloaded screen shows, the settings saved (or refused in Japanese, the dialog kept open)
// and the export dialog starting from them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { useSamplePage } from '../helpers/ui-session';

// The preview child reads and writes its settings file here, never in the real profile.
process.env.XPW_DATA_DIR = tempDir('xpw-profile-');
const session = useSamplePage();
const shots = process.env.XPW_SHOTS ?? tempDir();

/** The contract, from the page itself (same origin, the token the page keeps for this tab in a header). */
async function api<T>(channel: string, input: unknown): Promise<T> {
  const reply = await session.page.evaluate(
    async ([c, i]) => {
      const headers = { 'Content-Type': 'application/json', 'X-XPW-Token': sessionStorage.getItem('xpw-token') ?? '' };
      return (await fetch(`/api/${c}`, { method: 'POST', headers, body: JSON.stringify(i) })).json();
    },
    [channel, input] as const,
  );
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data as T;
}

describe('backups screen', () => {
  it('lists the start copy, takes and verifies a copy now, and restores it after a preview and a confirmation', async () => {
    const { page } = session;
    await page.getByRole('tab', { name: 'バックアップ' }).click();
    const table = page.getByRole('region', { name: 'バックアップ' }).getByRole('table');
    // The preview's start took the day's first copy.
    await table.getByRole('cell', { name: '日次', exact: true }).waitFor();

    await page.getByRole('button', { name: '今すぐバックアップ' }).click();
    await page.getByText(/バックアップを作成し、検証しました \(.+\)。保存場所: /).waitFor();
    const manualRow = table.getByRole('row').filter({ has: page.getByRole('cell', { name: '手動', exact: true }) });
    await manualRow.getByRole('button', { name: '検証' }).click();
    await manualRow.getByText('✓ 正常です (データベースの全ページを検査し、異常はありません)').waitFor();

    // A change after the copy, which the restore takes back.
    const { issueId } = await api<{ issueId: number }>('issues.resolveKey', { key: '会計-A-1' });
    const before = (await api<{ rank: string }>('issues.get', { issueId, roundId: 1 })).rank;
    await api('evaluations.setRank', { issueId, roundId: 1, rank: before === '1' ? '3' : '1' });

    await manualRow.getByRole('button', { name: '復元…' }).click();
    const dialog = page.getByRole('dialog', { name: 'バックアップから復元' });
    await dialog.getByRole('columnheader', { name: '復元する内容' }).waitFor();
    // What the checks prove and what they do not.
    await dialog.getByRole('note').getByText(/検査は破損を見つけるためのもので、改変は防げません/).waitFor();
    const holds = dialog.getByRole('row', { name: /変革課題/ });
    expect(await holds.getByRole('cell').allTextContents()).toEqual(['133 件', '133 件']);
    await expect.poll(() => dialog.getByRole('row', { name: /評価回/ }).getByRole('cell').first().textContent()).toContain('R6.11 (評価済 132 / 132)');
    const restore = dialog.getByRole('button', { name: '復元する' });
    expect(await restore.isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, 'restore-dialog.png') });
    await dialog.getByLabel('現在のデータをこの内容で置き換えます').check();
    await restore.click();
    await dialog.getByText('復元しました。').waitFor();
    expect(await dialog.getByText(/復元前のデータのコピー: .+-restore\.sqlite/).count()).toBe(1);
    await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: '読み込み直す' }).click()]);
    await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
    expect((await api<{ rank: string }>('issues.get', { issueId, roundId: 1 })).rank).toBe(before);

    await page.getByRole('tab', { name: 'バックアップ' }).click();
    await table.getByRole('cell', { name: '復元前', exact: true }).waitFor();
    await page.screenshot({ path: join(shots, 'backups.png') });
  });

  it('refuses to restore from a typed path outside the folders the preview was given, in Japanese', async () => {
    const { page } = session;
    await page.getByLabel(/ファイルから復元/).fill(join(tempDir(), 'missing.sqlite'));
    await page.getByRole('button', { name: '内容を確認…' }).click();
    await page.getByRole('alert').getByText(/復元元のファイルに、画面から入力した場所は使えません/).waitFor();
    await page.getByRole('button', { name: 'エラーを閉じる' }).click();
  });
});

describe('settings dialog', () => {
  it('saves the name, the export defaults and the retention; refuses a relative backup folder in place', async () => {
    const { page } = session;
    const dialog = page.getByRole('dialog', { name: '設定' });
    await page.getByRole('button', { name: '設定' }).click();
    await dialog.getByLabel('表示名 (更新者として記録されます)').fill('事務局 山田');
    await dialog.getByLabel('フォント').selectOption('BIZ UD明朝');
    await dialog.getByLabel('用紙').selectOption('A4');
    await dialog.getByLabel('最新から残す件数').fill('20');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('更新者: 事務局 山田').waitFor();

    await page.getByRole('button', { name: '設定' }).click();
    expect(await dialog.getByLabel('最新から残す件数').inputValue()).toBe('20');
    await dialog.getByLabel(/^保存先/).fill('相対パス\\バックアップ');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByRole('alert').getByText(/バックアップの保存先は絶対パスで指定してください/).waitFor();
    await page.screenshot({ path: join(shots, 'settings-error.png') });
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Nothing of the refused save was kept.
    const settings = await api<{ backups: { folder: string | null; keepLast: number } }>('settings.get', {});
    expect(settings.backups).toMatchObject({ folder: null, keepLast: 20 });
    // The backups screen states the new rule.
    await page.getByRole('tab', { name: 'バックアップ' }).click();
    await page.getByText(/残すのは最新 20 件/).waitFor();
  });

  it('starts the export dialog from the chosen font and paper', async () => {
    const { page } = session;
    await page.getByRole('tab', { name: 'ランク付け' }).click();
    await page.getByRole('button', { name: '資料の出力…' }).click();
    const dialog = page.getByRole('dialog', { name: '資料の出力' });
    await dialog.getByRole('region', { name: '印刷プレビュー' }).getByText('Aレベルの課題の分析結果一覧').waitFor();
    expect(await dialog.getByLabel('フォント').inputValue()).toBe('BIZ UD明朝');
    expect(await dialog.getByRole('combobox', { name: /^用紙/ }).inputValue()).toBe('A4');
    await dialog.getByRole('button', { name: '閉じる' }).click();
  });
});

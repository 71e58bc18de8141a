// Importing a list through the dialog in a real Chromium: choose a CP932 CSV, check the
// preview, commit, see the grid change; then undo the import and see it back as it was. A large
// list shows the preview's progress and can be stopped; a row the database cannot give a level
// is named and its level asked before 取り込む.
import { describe, expect, it } from 'vitest';
import { cp932, csvText, utf8 } from '../import/fixtures';
import { useSamplePage } from '../helpers/ui-session';

const session = useSamplePage();

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

  it('shows the preview’s progress with 中止, then asks the level of the row it cannot match and imports it at that level', async () => {
    const { page } = session;
    await page.getByRole('button', { name: '取り込み…' }).click();
    const rows: (string | number)[][] = [['局名', '番号', 'レベル', '課題名', 'ランク']];
    for (let i = 0; i < 120_000; i++) rows.push(['会計', 1000 + i, 'A', `大きな一覧の課題${i}`, 2]);
    await dialog().getByLabel('ファイル').setInputFiles({ name: '大きな一覧.csv', mimeType: 'text/csv', buffer: Buffer.from(utf8(csvText(rows))) });
    const bar = dialog().getByRole('status', { name: 'ファイルの確認' });
    await expect.poll(() => bar.textContent(), { timeout: 60_000 }).toMatch(/(読み込み中…|照合中…) [1-9][\d,]* \/ 120,00\d 行/);
    expect(await bar.getByRole('progressbar').count()).toBe(1);
    await page.screenshot({ path: `${process.env.XPW_SHOTS ?? '/tmp'}/import-progress.png` });
    await bar.getByRole('button', { name: '中止' }).click();
    await dialog().getByText('中止しました。別のファイルを選べます').waitFor();
    expect(await bar.count()).toBe(0);
    expect(await dialog().getByRole('button', { name: /^取り込む/ }).isDisabled()).toBe(true);

    // Another file: 会計 1 matches its issue (its level is known), 会計 901 matches none.
    const list = csvText([
      ['局名', '番号', '課題名'],
      ['会計', 1, '財務会計システムの機能アップ 〈DX推進〉'],
      ['会計', 901, '窓口の新しい課題'],
    ]);
    await dialog().getByLabel('ファイル').setInputFiles({ name: 'レベルなし.csv', mimeType: 'text/csv', buffer: Buffer.from(utf8(list)) });
    const question = dialog().getByRole('group', { name: /レベルの指定/ });
    await question.waitFor();
    const asked = question.getByRole('table', { name: 'レベルを指定する行' }).locator('tbody tr');
    expect(await asked.count()).toBe(1);
    expect(await asked.first().textContent()).toMatch(/^3会計901窓口の新しい課題 \(新しい課題\)/);
    const waiting = dialog().getByRole('button', { name: 'レベルを選んでください (1 行)' });
    await waiting.waitFor();
    expect(await waiting.isDisabled()).toBe(true);
    await page.screenshot({ path: `${process.env.XPW_SHOTS ?? '/tmp'}/import-level.png` });
    await question.getByLabel('レベル (すべての行)').selectOption('B');
    const commit = dialog().getByRole('button', { name: '取り込む (新規 1・変更 0)' });
    await commit.waitFor();
    expect(await commit.isEnabled()).toBe(true);
    await commit.click();
    await dialog().getByRole('status').getByText('取り込みました').waitFor();
    await dialog().getByRole('button', { name: '閉じる' }).click();
    const { issueId } = await api<{ issueId: number }>('issues.resolveKey', { key: '会計-B-901' });
    const rounds = await api<{ id: number }[]>('rounds.list', {});
    expect(await api('issues.get', { issueId, roundId: rounds[0]!.id })).toMatchObject({ key: '会計-B-901', level: 'B', title: '窓口の新しい課題' });
  });
});

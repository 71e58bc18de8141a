// The chart view (issue 14 §4) in a real Chromium on a sample with two rounds: the stacked bars of
// the grid's round and filter with the same figures in the table beside them, a click on a bar
// filtering the grid, the movement between the rounds, a PNG and the print layout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addSecondRound } from '../helpers/second-round';
import { tempDir } from '../helpers/temp';
import { useSamplePage } from '../helpers/ui-session';

const s = useSamplePage({ width: 1440, height: 900 }, (db) => void addSecondRound(db));
const tab = (name: string) => s.page.getByRole('tab', { name, exact: true });
const distTable = () => s.page.getByRole('region', { name: /局区別のランク分布 \(R7\.5\)の表/ }).getByRole('table');
const moveTable = () => s.page.getByRole('region', { name: /局区別のランクの変動 \(R6\.11 → R7\.5\)の表/ }).getByRole('table');
const count = () => s.page.locator('output.count');

describe('chart view', () => {
  it('shows the rank distribution per 局区 of the grid’s round and filter, with its table', async () => {
    const { page } = s;
    await page.getByLabel('レベル').selectOption('A');
    await count().filter({ hasText: '132 件' }).waitFor();
    await tab('グラフ').click();
    await distTable().locator('tbody tr').first().waitFor();
    const heading = page.getByRole('heading', { name: '局区別のランク分布 (R7.5)' });
    await heading.waitFor();
    expect(await page.locator('[data-print-id=distribution] .chart-head').textContent()).toContain('レベルA');
    // The table: 29 局区, totals adding up to the grid's count; the canvas is described for screen readers.
    const totals = await distTable().locator('tbody tr td:last-child').allTextContents();
    expect(totals).toHaveLength(29);
    expect(totals.reduce((sum, t) => sum + Number(t), 0)).toBe(132);
    expect(await distTable().getByRole('columnheader').allTextContents()).toEqual(['局区', 'ランク3', 'ランク2', 'ランク1', '計']);
    const canvas = page.locator('[data-print-id=distribution] canvas');
    expect(await canvas.getAttribute('role')).toBe('img');
    expect(await canvas.getAttribute('aria-label')).toContain('29 局区、132 件');
  });

  it('filters the grid by the bar clicked (its 局区 and rank)', async () => {
    const { page } = s;
    // The last row's ランク3 figure, and where its bar segment is drawn (the bottom-most pixels in
    // the ランク3 colour; the legend's swatch is at the top).
    const last = distTable().locator('tbody tr').last();
    const org = (await last.getByRole('rowheader').textContent())!;
    const rank3 = Number(await last.locator('td').first().textContent());
    expect(rank3).toBeGreaterThan(0);
    const canvas = page.locator('[data-print-id=distribution] canvas');
    const spot = await canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
      for (let y = height - 1; y >= 0; y--) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          if (data[i] === 0x00 && data[i + 1] === 0x72 && data[i + 2] === 0xb2) {
            const scale = c.getBoundingClientRect().width / width;
            return { x: (x + 3) * scale, y: (y - 3) * scale };
          }
        }
      }
      return null;
    });
    expect(spot).not.toBeNull();
    await canvas.click({ position: spot! });
    await page.getByRole('tab', { name: 'ランク付け', selected: true }).waitFor();
    await count().filter({ hasText: `${rank3} 件` }).waitFor();
    expect(await page.getByLabel('局区').locator('option:checked').textContent()).toMatch(new RegExp(`^${org} `));
    expect(await page.getByRole('combobox', { name: 'ランク', exact: true }).locator('option:checked').textContent()).toContain('3');
    const orgs = await page.locator('[role=row][aria-rowindex] .col-organization').allTextContents();
    expect(new Set(orgs)).toEqual(new Set([org]));
  });

  it('a number in the table opens the grid the same way, by keyboard too', async () => {
    const { page } = s;
    await page.getByLabel('局区').selectOption('');
    await page.getByRole('combobox', { name: 'ランク', exact: true }).selectOption('*');
    await tab('グラフ').click();
    const first = distTable().locator('tbody tr').first();
    const org = (await first.getByRole('rowheader').textContent())!;
    const total = (await first.locator('td').last().textContent())!;
    await first.locator('td').last().getByRole('button').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'ランク付け', selected: true }).waitFor();
    await count().filter({ hasText: `${total} 件` }).waitFor();
    expect(await page.getByLabel('局区').locator('option:checked').textContent()).toMatch(new RegExp(`^${org} `));
    await page.getByLabel('局区').selectOption('');
  });

  it('shows the movement between the two rounds per 局区', async () => {
    await tab('グラフ').click();
    await moveTable().locator('tbody tr').first().waitFor();
    const sum = async (col: number) => (await moveTable().locator(`tbody tr td:nth-child(${col})`).allTextContents()).reduce((a, t) => a + Number(t), 0);
    expect(await sum(2)).toBe(3); // 上昇 (test/helpers/second-round.ts)
    expect(await sum(3)).toBe(2); // 下降
    expect(await sum(6)).toBe(127); // 変化なし: 132 − 5
  });

  it('saves a chart as PNG and prints one chart with its table only', async () => {
    const { page } = s;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '局区別のランク分布 (R7.5)を画像 (PNG) で保存' }).click()]);
    expect(download.suggestedFilename()).toBe('ランク分布_R7.5.png');
    const file = join(tempDir(), 'chart.png');
    await download.saveAs(file);
    await download.saveAs(join(process.env.XPW_SHOTS ?? tempDir(), 'chart-distribution.png'));
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBeGreaterThan(400); // width
    expect(png.readUInt32BE(20)).toBeGreaterThan(400); // height: 29 bars
    // Printing: the chosen chart and its table; no tabs, buttons or the other chart.
    await page.evaluate(() => {
      document.documentElement.dataset.print = 'distribution';
    });
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.topbar').isVisible()).toBe(false);
      expect(await page.locator('[data-print-id=movement]').isVisible()).toBe(false);
      expect(await page.locator('.chart-tools').first().isVisible()).toBe(false);
      expect(await page.locator('[data-print-id=distribution] canvas').isVisible()).toBe(true);
      expect(await distTable().isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => {
        delete document.documentElement.dataset.print;
      });
    }
  });

  it('says in place, in the chart and in ランク変動, that a round cannot be compared with itself', async () => {
    const { page } = s;
    const sameRound = '同じ評価回どうしは比べられません。2つの異なる評価回を選んでください';
    await tab('グラフ').click();
    const movement = page.locator('[data-print-id=movement]');
    await movement.getByRole('combobox', { name: '比較元' }).selectOption({ index: 0 }); // the later round, as 比較先
    await movement.getByRole('status').filter({ hasText: sameRound }).waitFor();
    expect(await moveTable().count()).toBe(0);
    await movement.getByRole('combobox', { name: '比較元' }).selectOption({ index: 1 });
    await moveTable().waitFor();
    expect(await movement.getByRole('status').filter({ hasText: sameRound }).count()).toBe(0);

    await tab('ランク変動').click();
    await page.getByRole('combobox', { name: '比較先の評価回' }).selectOption({ index: 1 }); // the earlier round, as 比較元
    await page.getByRole('status').filter({ hasText: sameRound }).waitFor();
    expect(await page.getByRole('table', { name: 'ランクが変わった課題の一覧' }).locator('tbody tr').count()).toBe(0);
  });
});

// バージョン情報 in a real Chromium on the preview server: reachable from the header, it shows
// the version of package.json, the data version, the build date in 和暦, and the licences of the
// libraries of both the page's bundle (React) and the main process (better-sqlite3), each
// licence text opening in place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../db/open';
import { tempDir } from '../helpers/temp';
import { useSamplePage } from '../helpers/ui-session';

process.env.XPW_DATA_DIR = tempDir('xpw-profile-');
const session = useSamplePage();
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

describe('バージョン情報', () => {
  it('opens from the header with version, data version, build date and licences', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'バージョン情報' }).click();
    const dialog = page.getByRole('dialog', { name: 'バージョン情報' });
    await dialog.getByText(`X方針ワークベンチ ${version}`).waitFor();
    await expect(dialog.getByText(`${schemaVersion()} (これより新しいデータ版のファイルは開きません)`).count()).resolves.toBe(1);
    await expect(dialog.locator('dd').nth(2).textContent()).resolves.toMatch(/^令和\d+年\d+月\d+日 \d\d:\d\d$/);
    const list = dialog.getByRole('list', { name: 'ライブラリとライセンス' });
    const react = list.locator('li').filter({ has: page.locator('.about-name', { hasText: /^react$/ }) });
    await expect(react.locator('.about-license').textContent()).resolves.toBe('MIT');
    await react.locator('summary').click();
    await expect(react.locator('pre').textContent()).resolves.toMatch(/Permission is hereby granted/);
    await expect(list.locator('.about-name', { hasText: /^better-sqlite3$/ }).count()).resolves.toBe(1);
    await expect(list.locator('.about-name', { hasText: /^playwright-core$/ }).count()).resolves.toBe(0);
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await expect(dialog.isVisible()).resolves.toBe(false);
  });
});

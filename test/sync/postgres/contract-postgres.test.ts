// 設定 → 共有 with a PostgreSQL server through the contract: the password typed once goes to the
// app's sealed store (the host's savePgPassword, safeStorage in Electron), the stored location has
// no password, and later passes log in with the saved one. In the browser preview (no host store)
// the password lives in memory only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../electron/contract/channels';
import { dispatch } from '../../../electron/contract/dispatch';
import { setComment } from '../../../db/write/evaluations';
import { setPgPasswordSource } from '../../../electron/services/sync/postgres/open-transport';
import { fileSecretStore } from '../../../electron/services/sync/postgres/secret-store';
import { setupXpwDatabase, startPg, type PgServer } from '../../helpers/postgres';
import { sampleDb, tempDir } from '../../helpers/temp';
import { testCipher } from '../../helpers/test-cipher';

let server: PgServer;
const aes = testCipher();

beforeAll(async () => {
  delete process.env.XPW_PG_PASSWORD;
  delete process.env.PGPASSWORD;
  server = await startPg();
}, 60_000);
afterAll(() => {
  setPgPasswordSource(null);
  server?.destroy();
});

describe('設定 → 共有 with a PostgreSQL server', () => {
  it('the app: the password goes to the sealed store; the location has none; the next pass logs in with it', async () => {
    const x = await setupXpwDatabase(server, 'xpw_app_ui');
    const file = join(tempDir(), 'pg-secrets.json');
    const store = fileSecretStore(file, aes);
    setPgPasswordSource((url) => store.password(url));
    const db = await sampleDb();
    const host = { deliver: () => Promise.reject(new Error('unused')), savePgPassword: (url: string, pw: string) => store.savePassword(url, pw) };
    const ctx = { db, host };
    const created = (await dispatch(ctx, 'sync.create', { dir: x.client.url, name: '市役所', password: x.client.password })) as Reply<'sync.create'>;
    if (!created.ok) throw new Error(created.error.message);
    expect(created.data).toMatchObject({ joined: true, location: x.client.url });
    expect(readFileSync(file, 'utf8')).not.toContain(x.client.password);
    expect(db.sqlite.prepare('SELECT value FROM sync_state').pluck().all().join('\n')).not.toContain(x.client.password);
    setComment(db.sqlite, { issueId: 1, roundId: 1, comment: '画面から共有', actor: '佐藤' });
    const now = (await dispatch(ctx, 'sync.now', {})) as Reply<'sync.now'>;
    if (!now.ok) throw new Error(now.error.message);
    expect(now.data).toMatchObject({ pending: 0, error: null });
  });

  it('the preview: without a host store the password is kept in memory for this process', async () => {
    setPgPasswordSource(null);
    const x = await setupXpwDatabase(server, 'xpw_preview_ui', 'xpw_app');
    const db = await sampleDb();
    const ctx = { db };
    const wrong = (await dispatch(ctx, 'sync.create', { dir: x.client.url, password: 'wrong' })) as Reply<'sync.create'>;
    expect(wrong).toMatchObject({ ok: false, error: { message: expect.stringMatching(/ログインできません/) } });
    const created = (await dispatch(ctx, 'sync.create', { dir: x.client.url, password: x.client.password })) as Reply<'sync.create'>;
    if (!created.ok) throw new Error(created.error.message);
    expect(created.data).toMatchObject({ joined: true, location: x.client.url });
  });
});

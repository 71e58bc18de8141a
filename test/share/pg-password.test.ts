// A PC joined to a PostgreSQL server from the app, and its saved password: where it is kept, a
// change tried against the real server before it is saved, and forgetting it (then syncing asks
// for it). The app's sealed store (safeStorage in Electron) is played by the same file store with
// an AES key, as in test/sync/postgres/contract-postgres.test.ts; the worker's memory is the real one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus, Reply } from '../../electron/contract/channels';
import { dispatch } from '../../electron/contract/dispatch';
import { exportJobs } from '../../electron/contract/handlers';
import { setRank } from '../../db/write/evaluations';
import { createShare } from '../../electron/services/sync/share';
import { fileSecretStore } from '../../electron/services/sync/postgres/secret-store';
import { setupXpwDatabase, startPg, type PgServer } from '../helpers/postgres';
import { sampleDb, tempDir } from '../helpers/temp';
import { testCipher } from '../helpers/test-cipher';

let server: PgServer;
const aes = testCipher();

beforeAll(async () => {
  delete process.env.XPW_PG_PASSWORD;
  delete process.env.PGPASSWORD;
  delete process.env.XPW_PG_PASSWORD_FILE;
  server = await startPg();
}, 60_000);
afterAll(() => server?.destroy());

describe('PostgreSQL: join from the app, then change or forget the saved password', () => {
  it('joins with a password (sealed only after the server took it), changes it after a login test, forgets it', async () => {
    const x = await setupXpwDatabase(server, 'xpw_pw_ui');
    const withPassword = x.client.url.replace('//', `//${x.client.user}:${x.client.password}@`).replace(`${x.client.user}@`, '');
    const lead = await sampleDb();
    setRank(lead.sqlite, { issueId: 1, roundId: 1, rank: '1', actor: '佐藤' });
    await createShare(lead.sqlite, withPassword, { name: '市役所', user: '佐藤', pc: 'PC-A' });
    lead.close();

    const file = join(tempDir(), 'pg-secrets.json');
    const store = fileSecretStore(file, aes);
    const db = await sampleDb();
    const host = {
      deliver: () => Promise.reject(new Error('unused')),
      savePgPassword: (url: string, pw: string) => store.savePassword(url, pw),
      forgetPgPassword: (url: string) => store.forget(url),
    };
    const ctx = { db, host, firstStart: true };
    const call = async (channel: Parameters<typeof dispatch>[1], input: unknown) => (await dispatch(ctx, channel, input)) as Reply<'share.current'>;
    const ok = async <T>(channel: Parameters<typeof dispatch>[1], input: unknown): Promise<T> => {
      const r = await call(channel, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.data as T;
    };

    // A wrong password: said plainly when the share is read, nothing saved.
    expect(await call('share.inspect', { location: x.client.url, password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/ログインできません — ユーザー名かパスワードを確かめてください/) } });
    expect(store.password(x.client.url)).toBeUndefined();
    expect(await ok('share.inspect', { location: x.client.url, password: x.client.password })).toMatchObject({ server: true, name: '市役所', issues: 133, pcs: 1, problem: null });
    const { jobId } = await ok<{ jobId: string }>('share.joinStart', { location: x.client.url, password: x.client.password });
    await exportJobs.idle();
    const status = await ok<JobStatus>('export.status', { jobId });
    expect(status, JSON.stringify(status.error)).toMatchObject({ state: 'done' });
    expect(db.sqlite.prepare('SELECT rank FROM evaluations WHERE issue_id = 1 AND round_id = 1').pluck().get()).toBe('1');
    expect(store.password(x.client.url)).toBe(x.client.password);
    expect(readFileSync(file, 'utf8')).not.toContain(x.client.password);
    expect(db.sqlite.prepare('SELECT value FROM sync_state').pluck().all().join('\n')).not.toContain(x.client.password);
    expect(await ok('share.current', {})).toEqual({ joined: true, location: x.client.url, name: '市役所', server: true, password: 'sealed', canSeal: true });

    // A change is tried against the server first: a wrong one is refused and the saved one stays.
    expect(await call('share.setPassword', { password: 'typo' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/ログインできません/) } });
    expect(store.password(x.client.url)).toBe(x.client.password);
    // The DBA changes the login's password; the app is given the new one.
    const { psqlAsSuperuser } = await import('../helpers/postgres');
    psqlAsSuperuser(server, `ALTER ROLE ${x.client.user} PASSWORD 'neu-pw-3';`);
    expect(await ok('share.setPassword', { password: 'neu-pw-3' })).toMatchObject({ password: 'sealed' });
    expect(store.password(x.client.url)).toBe('neu-pw-3');
    expect(await ok('sync.now', {})).toMatchObject({ error: null });

    // Forgotten: gone from the store and from this process; syncing asks for it.
    expect(await ok('share.forgetPassword', {})).toMatchObject({ password: null });
    expect(store.password(x.client.url)).toBeUndefined();
    expect(await call('sync.now', {})).toMatchObject({ ok: false, error: { message: `サーバー (${x.client.url}) のパスワードが保存されていません。設定 → 共有 でパスワードを入力してください (変更はこのPCに保存されています)` } });
    expect(await ok('share.setPassword', { password: 'neu-pw-3' })).toMatchObject({ password: 'sealed' });
    expect(await ok('sync.now', {})).toMatchObject({ error: null });
    psqlAsSuperuser(server, `ALTER ROLE ${x.client.user} PASSWORD '${x.client.password}';`); // roles are cluster-wide
    db.close();
  });

  it('a PC that cannot seal it (no OS encryption): joined all the same, kept for this session, and said so', async () => {
    const x = await setupXpwDatabase(server, 'xpw_pw_noseal');
    const lead = await sampleDb();
    await createShare(lead.sqlite, x.client.url.replace(`//${x.client.user}@`, `//${x.client.user}:${x.client.password}@`), { name: '暗号化なし', user: '佐藤', pc: 'PC-A' });
    lead.close();
    const db = await sampleDb();
    const host = {
      deliver: () => Promise.reject(new Error('unused')),
      savePgPassword: () => {
        throw new Error('このPCではパスワードを安全に保存できません (OSの暗号化が使えません)。');
      },
    };
    const ctx = { db, host };
    const { jobId } = ((await dispatch(ctx, 'share.joinStart', { location: x.client.url, password: x.client.password })) as Reply<'share.joinStart'> & { ok: true }).data;
    await exportJobs.idle();
    expect(await dispatch(ctx, 'export.status', { jobId })).toMatchObject({
      ok: true,
      data: { state: 'done', value: { kind: 'joined', joined: { warning: expect.stringMatching(/^参加しました。ただしパスワードを保存できませんでした \(このPCではパスワードを安全に保存できません/) } } },
    });
    expect(await dispatch(ctx, 'share.current', {})).toMatchObject({ ok: true, data: { joined: true, password: 'memory', canSeal: true } });
    expect(await dispatch(ctx, 'sync.now', {})).toMatchObject({ ok: true, data: { error: null } });
    db.close();
  });

  it('the preview (no sealed store): the password is kept for this session only', async () => {
    const x = await setupXpwDatabase(server, 'xpw_pw_preview');
    const withPassword = x.client.url.replace(`//${x.client.user}@`, `//${x.client.user}:${x.client.password}@`);
    const lead = await sampleDb();
    await createShare(lead.sqlite, withPassword, { name: 'プレビュー', user: '佐藤', pc: 'PC-A' });
    lead.close();
    const db = await sampleDb();
    const ctx = { db, host: { deliver: () => Promise.reject(new Error('unused')) } };
    const { jobId } = ((await dispatch(ctx, 'share.joinStart', { location: x.client.url, password: x.client.password })) as Reply<'share.joinStart'> & { ok: true }).data;
    await exportJobs.idle();
    expect(await dispatch(ctx, 'export.status', { jobId })).toMatchObject({ ok: true, data: { state: 'done' } });
    expect(await dispatch(ctx, 'share.current', {})).toMatchObject({ ok: true, data: { server: true, password: 'memory', canSeal: false } });
    expect(await dispatch(ctx, 'share.forgetPassword', {})).toMatchObject({ ok: true, data: { password: null } });
    db.close();
  });
});

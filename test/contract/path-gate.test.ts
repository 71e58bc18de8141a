// File paths named by the page (issue 11 item 6). In the app they come only as handles of the
// main process's own dialogs; the browser preview takes typed paths only under its --allow-dir
// folders; both take the app's own backup folders. A refused path gets the same answer whether
// or not it exists, and nothing is read, copied or written.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Channel, Reply } from '../../electron/contract/channels';
import { dispatch } from '../../electron/contract/dispatch';
import { createPathGate } from '../../electron/contract/path-gate';
import { takeBackup } from '../../electron/services/backups/take-backup';
import { ContractWorkers } from '../../electron/worker/contract-workers';
import { startPreview } from '../helpers/preview';
import { sampleDb, tempDbPath, tempDir } from '../helpers/temp';

process.env.XPW_DATA_DIR = tempDir('xpw-profile-');
const db = await sampleDb();
const elsewhere = tempDir('xpw-elsewhere-');
const chosen: string[] = [];
// As in the app: a chooser, and a gate without allowed folders.
const appHost = { deliver: () => Promise.reject(new Error('no exports here')), pick: () => chosen[0] ?? null, paths: createPathGate() };
const call = async <C extends Channel>(channel: C, input: unknown, host: object | undefined = appHost) => (await dispatch({ db, host: host as never }, channel, input)) as Reply<C>;

describe('paths in the app: handles from its own dialogs only', () => {
  it('refuses typed paths anywhere else, with one answer whether or not the file exists', async () => {
    const existing = await takeBackup(db, 'manual');
    const copyElsewhere = join(elsewhere, 'copy.sqlite');
    await db.sqlite.backup(copyElsewhere);
    const missing = join(elsewhere, 'missing.sqlite');
    const there = await call('backups.verify', { path: copyElsewhere });
    const absent = await call('backups.verify', { path: missing });
    for (const r of [there, absent]) expect(r).toMatchObject({ ok: false, error: { code: 'INVALID', message: expect.stringMatching(/画面から入力した場所は使えません/) } });
    const strip = (r: Reply<'backups.verify'>) => (r.ok ? '' : r.error.message.replace(copyElsewhere, 'X').replace(missing, 'X'));
    expect(strip(there)).toBe(strip(absent));
    await expect(call('backups.prepareRestore', { path: copyElsewhere })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID' } });
    await expect(call('backups.create', { folder: elsewhere })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID' } });
    expect(readdirSync(elsewhere).sort()).toEqual(['copy.sqlite']);
    // The app's own backups stay usable from the list.
    expect(await call('backups.verify', { path: existing })).toMatchObject({ ok: true, data: { ok: true } });
    // Also without any host (a caller that forgot to pass one): no typed path outside the backup folders.
    expect(await call('backups.verify', { path: copyElsewhere }, undefined)).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    // The job-based verification and restore preview: refused as the call's answer, no job started.
    for (const channel of ['backups.verifyStart', 'backups.prepareRestoreStart'] as const) {
      for (const path of [copyElsewhere, missing]) {
        expect(await call(channel, { path })).toMatchObject({ ok: false, error: { code: 'INVALID', message: expect.stringMatching(/画面から入力した場所は使えません/) } });
      }
    }
    expect(await call('backups.verifyStart', { path: existing })).toMatchObject({ ok: true, data: { jobId: expect.any(String) } });
  });

  it('takes a chosen folder by its handle, for backups and for 設定; an unknown handle is refused', async () => {
    const share = tempDir('xpw-share-');
    chosen[0] = share;
    const picked = await call('backups.pick', { what: 'folder' });
    if (!picked.ok || !picked.data.handle) throw new Error('no handle');
    expect(await call('backups.create', { folder: picked.data.handle })).toMatchObject({ ok: true, data: { path: expect.stringContaining(share) } });
    const policy = { keepLast: 10, keepDays: 30, maxTotalMb: 2048 };
    expect(await call('settings.set', { backups: { ...policy, folder: share } })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/バックアップの保存先に、画面から入力した場所は使えません/) } });
    expect(await call('settings.set', { dataDir: share })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/データの保存場所に、画面から入力した場所は使えません/) } });
    expect(await call('settings.set', { backups: { ...policy, folder: picked.data.handle } })).toMatchObject({ ok: true, data: { backups: { folder: share } } });
    expect(await call('backups.verify', { path: 'handle:00000000-0000-0000-0000-000000000000' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/もう一度選んでください/) } });
  });
});

describe('paths through the contract workers (as the app runs them)', () => {
  it('a handle from the chooser is known where it is sent back (backups, 設定); typed paths are refused', async () => {
    const file = tempDbPath();
    (await sampleDb(file)).close();
    const share = tempDir('xpw-share-');
    const host = { deliver: () => Promise.reject(new Error('no exports here')), pick: () => Promise.resolve(share) };
    const workers = await ContractWorkers.start({ baseDir: tempDir(), file, plain: true, host, log: () => undefined });
    try {
      const w = async <C extends Channel>(channel: C, input: unknown) => (await workers.call(channel, input)) as Reply<C>;
      const picked = await w('backups.pick', { what: 'folder' });
      if (!picked.ok || !picked.data.handle) throw new Error('no handle');
      const policy = { keepLast: 10, keepDays: 30, maxTotalMb: 2048 };
      expect(await w('settings.set', { backups: { ...policy, folder: share } })).toMatchObject({ ok: false, error: { code: 'INVALID' } });
      expect(await w('settings.set', { backups: { ...policy, folder: picked.data.handle } })).toMatchObject({ ok: true, data: { backups: { folder: share } } });
      expect(await w('backups.create', { folder: picked.data.handle })).toMatchObject({ ok: true, data: { path: expect.stringContaining(share) } });
      const outside = join(tempDir('xpw-outside-'), 'x.sqlite');
      expect(await w('backups.verifyStart', { path: outside })).toMatchObject({ ok: false, error: { code: 'INVALID' } });
      expect(await w('backups.prepareRestoreStart', { path: outside })).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    } finally {
      await workers.close();
    }
  });
});

describe('paths in the browser preview: only under --allow-dir', () => {
  const allowed = tempDir('xpw-allowed-');
  const file = tempDbPath();
  let stop: (() => Promise<void>) | undefined;
  afterAll(() => stop?.());

  it('accepts a typed folder under --allow-dir and refuses one outside', async () => {
    (await sampleDb(file)).close();
    const preview = await startPreview(file, ['--allow-dir', allowed]);
    stop = preview.stop;
    const post = async (channel: string, body: unknown) =>
      (await fetch(`${preview.origin}/api/${channel}`, { method: 'POST', headers: { 'X-XPW-Token': preview.token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
    const inside = join(allowed, 'sub');
    mkdirSync(inside);
    expect(await post('backups.create', { folder: inside })).toMatchObject({ ok: true });
    expect(readdirSync(inside)).toHaveLength(1);
    const outside = tempDir('xpw-outside-');
    expect(await post('backups.create', { folder: outside })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/--allow-dir で指定したフォルダ/) } });
    expect(await post('backups.create', { folder: join(allowed, '..', 'escape') })).toMatchObject({ ok: false });
    expect(existsSync(join(allowed, '..', 'escape'))).toBe(false);
    expect(readdirSync(outside)).toEqual([]);
    // The job-based channels run in the long lane's worker: the --allow-dir folders reach it.
    const copy = join(inside, 'copy.sqlite');
    const there = await post('backups.verifyStart', { path: join(outside, 'copy.sqlite') });
    expect(there).toMatchObject({ ok: false, error: { message: expect.stringMatching(/--allow-dir で指定したフォルダ/) } });
    expect(await post('backups.prepareRestoreStart', { path: join(outside, 'copy.sqlite') })).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    expect(await post('backups.verifyStart', { path: copy })).toMatchObject({ ok: true, data: { jobId: expect.any(String) } });
  });
});

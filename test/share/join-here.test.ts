// Joining a shared folder from the app through the contract (first start and 設定 → 共有), and
// rebuilding a joined PC's copy from the share (the restore dialog's other choice): what the share
// holds is shown first, errors say what and where, the local data is kept as a verified backup.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobStatus, Reply } from '../../electron/contract/channels';
import { dispatch } from '../../electron/contract/dispatch';
import { exportJobs } from '../../electron/contract/handlers';
import { createPathGate } from '../../electron/contract/path-gate';
import { openDatabase, type Db } from '../../db/open';
import { setRank } from '../../db/write/evaluations';
import { writeSetting } from '../../db/write/settings';
import { syncOnce } from '../../electron/services/sync/engine';
import { dataVersion } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { createShare } from '../../electron/services/sync/share';
import { sampleDb, tempDir } from '../helpers/temp';
import { describeAudit } from '../../common/audit-text';

const rank = (db: Db, issueId: number) => db.sqlite.prepare('SELECT rank FROM evaluations WHERE issue_id = ? AND round_id = 1').pluck().get(issueId);

function contract(db: Db, allowed: string, firstStart = false) {
  const ctx = { db, firstStart, host: { deliver: () => Promise.reject(new Error('unused')), paths: createPathGate([allowed]) } };
  const call = async (channel: Parameters<typeof dispatch>[1], input: unknown) => (await dispatch(ctx, channel, input)) as Reply<'share.inspect'>;
  const ok = async <T>(channel: Parameters<typeof dispatch>[1], input: unknown): Promise<T> => {
    const reply = await call(channel, input);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.data as T;
  };
  /** Starts a job and waits for its end. */
  const job = async (channel: Parameters<typeof dispatch>[1], input: unknown): Promise<JobStatus> => {
    const { jobId } = await ok<{ jobId: string }>(channel, input);
    await exportJobs.idle();
    return ok<JobStatus>('export.status', { jobId });
  };
  return { call, ok, job };
}

describe('joining a shared folder from the app', () => {
  it('shows what the share holds, joins as a job keeping the local data as a backup, and syncs after', async () => {
    const allowed = tempDir();
    const folder = join(allowed, 'share');
    mkdirSync(folder);
    const lead = await sampleDb();
    setRank(lead.sqlite, { issueId: 1, roundId: 1, rank: '1', actor: '佐藤' });
    await createShare(lead.sqlite, folder, { name: '改革事務局', user: '佐藤', pc: 'PC-A' });

    // The colleague's first start: a database made from the sample (offered to join while
    // untouched), then with a change of its own.
    const mine = await sampleDb();
    const c = contract(mine, allowed, true);
    expect(await c.ok('share.offer', {})).toEqual({ offer: true });
    expect(await contract(mine, allowed, false).ok('share.offer', {})).toEqual({ offer: false }); // not made at this start
    writeSetting(mine.sqlite, 'displayName', '鈴木');
    setRank(mine.sqlite, { issueId: 2, roundId: 1, rank: '1', actor: '鈴木' });
    expect(await c.ok('share.offer', {})).toEqual({ offer: false }); // changed since: 設定 → 共有 still joins
    expect(await c.ok('share.current', {})).toMatchObject({ joined: false, location: null });

    // What and where, before anything is written.
    const notShare = join(allowed, 'empty');
    mkdirSync(notShare);
    expect(await c.call('share.inspect', { location: notShare })).toMatchObject({ ok: false, error: { message: `このフォルダは共有フォルダではありません (共有データの説明 xpw-dataset.json がありません): ${notShare}` } });
    expect(await c.call('share.inspect', { location: join(allowed, 'missing') })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/共有フォルダに接続できません .*missing.* — 場所と接続を確かめてください/) } });
    expect(await c.call('share.inspect', { location: join(tempDir(), 'x') })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/共有フォルダに、画面から入力した場所は使えません/) } });

    const summary = await c.ok('share.inspect', { location: folder });
    expect(summary).toMatchObject({ location: folder, server: false, name: '改革事務局', dataVersion: dataVersion(), issues: 133, organizations: 29, pcs: 1, problem: null });
    expect(summary).toHaveProperty('lastActivity', expect.stringMatching(/^\d{4}-/));

    const status = await c.job('share.joinStart', { location: folder });
    expect(status, JSON.stringify(status.error)).toMatchObject({ state: 'done', value: { kind: 'joined', joined: { share: { name: '改革事務局' } } } });
    const joined = status.value?.kind === 'joined' ? status.value.joined : null;
    // This PC now holds the share's data; its own change is in the verified safety copy.
    expect(rank(mine, 1)).toBe('1');
    expect(rank(mine, 2)).not.toBe('1');
    expect(joined!.safetyCopy).toMatch(/xpw-.*-join\.sqlite$/);
    const before = await openDatabase(joined!.safetyCopy);
    expect(rank(before, 2)).toBe('1');
    before.close();
    expect(mine.sqlite.prepare("SELECT value FROM settings WHERE key = 'displayName'").pluck().get()).toBe('"鈴木"');
    expect(mine.sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'share.join'").pluck().all()).toEqual(['鈴木']);
    // The audit log says it in words.
    const entry = mine.sqlite.prepare("SELECT action, entity, after FROM audit_log WHERE action = 'share.join'").get() as { action: string; entity: string; after: string };
    const words = describeAudit({ ...entry, before: null, after: JSON.parse(entry.after) as unknown }, Infinity);
    expect(words).toMatchObject({ action: '共有データへの参加 (このPCの複製を作成)', target: 'データベース' });
    expect(words.after).toContain(`共有先: ${folder}`);
    expect(words.after).toMatch(/事前のバックアップ: .*令和/);
    expect(await c.ok('share.current', {})).toMatchObject({ joined: true, location: folder, name: '改革事務局', server: false, password: null });
    expect(await c.ok('share.offer', {})).toEqual({ offer: false });
    expect(await c.call('share.joinStart', { location: folder })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Both ways after the join.
    setRank(mine.sqlite, { issueId: 3, roundId: 1, rank: '1', actor: '鈴木' });
    await syncOnce(mine.sqlite, new FolderTransport(folder));
    await syncOnce(lead.sqlite, new FolderTransport(folder));
    expect(rank(lead, 3)).toBe('1');
    setRank(lead.sqlite, { issueId: 4, roundId: 1, rank: '1', actor: '佐藤' });
    await syncOnce(lead.sqlite, new FolderTransport(folder));
    await syncOnce(mine.sqlite, new FolderTransport(folder));
    expect(rank(mine, 4)).toBe('1');
    lead.close();
    mine.close();
  });

  it('rebuilds a joined PC from the share: unsent changes go first, the old copy stays as a backup', async () => {
    const allowed = tempDir();
    const folder = join(allowed, 'share');
    mkdirSync(folder);
    const lead = await sampleDb();
    await createShare(lead.sqlite, folder, { name: '改革事務局', user: '佐藤', pc: 'PC-A' });
    const mine = await sampleDb();
    const c = contract(mine, allowed);
    expect(await c.job('share.joinStart', { location: folder })).toMatchObject({ state: 'done' });
    setRank(mine.sqlite, { issueId: 5, roundId: 1, rank: '1', actor: '鈴木' }); // not sent yet
    const status = await c.job('share.joinStart', { rebuild: true });
    expect(status, JSON.stringify(status.error)).toMatchObject({ state: 'done' });
    // The unsent change reached the share, so the next pass brings it back into the new copy.
    await syncOnce(mine.sqlite, new FolderTransport(folder));
    await syncOnce(lead.sqlite, new FolderTransport(folder));
    expect(rank(mine, 5)).toBe('1');
    expect(rank(lead, 5)).toBe('1');
    const value = status.value?.kind === 'joined' ? status.value.joined : null;
    expect(existsSync(value!.safetyCopy)).toBe(true);
    lead.close();
    mine.close();
  });

  it('says so when the share has no snapshot that passes its checksum', async () => {
    const allowed = tempDir();
    const folder = join(allowed, 'share');
    mkdirSync(folder);
    const lead = await sampleDb();
    await createShare(lead.sqlite, folder, { name: '壊れた複製', user: '佐藤', pc: 'PC-A' });
    lead.close();
    // A truncated snapshot (a copy cut short on the file server).
    for (const f of readdirSync(join(folder, 'snapshots'))) {
      const path = join(folder, 'snapshots', f);
      writeFileSync(path, readFileSync(path).subarray(0, 100));
    }
    const mine = await sampleDb();
    const c = contract(mine, allowed);
    const summary = await c.ok<{ problem: string; issues: number | null }>('share.inspect', { location: folder });
    expect(summary).toMatchObject({ issues: null, problem: `共有データに使えるスナップショットがありません (チェックサムの合うものがありません): フォルダ ${folder}。作成したPCで xpw share compact を実行してもらってください` });
    expect(await c.job('share.joinStart', { location: folder })).toMatchObject({ state: 'failed', error: { message: summary.problem } });
    mine.close();
  });

  it('refuses a share written by a newer app, saying to update, and leaves the database as it was', async () => {
    const allowed = tempDir();
    const folder = join(allowed, 'share');
    mkdirSync(folder);
    const lead = await sampleDb();
    await createShare(lead.sqlite, folder, { name: '新しい版', user: '佐藤', pc: 'PC-A' });
    lead.close();
    const metaFile = join(folder, 'xpw-dataset.json');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { dataVersion: number };
    writeFileSync(metaFile, JSON.stringify({ ...meta, dataVersion: dataVersion() + 1 }));
    const mine = await sampleDb();
    setRank(mine.sqlite, { issueId: 2, roundId: 1, rank: '1', actor: '鈴木' });
    const c = contract(mine, allowed);
    const summary = await c.ok<{ problem: string }>('share.inspect', { location: folder });
    expect(summary.problem).toBe(`共有データは新しい版のアプリで更新されています (データの版 ${dataVersion() + 1}、このアプリは ${dataVersion()} まで)。アプリを更新してから参加してください`);
    expect(await c.job('share.joinStart', { location: folder })).toMatchObject({ state: 'failed', error: { message: summary.problem } });
    expect(rank(mine, 2)).toBe('1');
    expect(await c.ok('share.current', {})).toMatchObject({ joined: false });
    mine.close();
  });
});

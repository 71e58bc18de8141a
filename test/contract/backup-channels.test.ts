// The backup channels end to end through dispatch(), as the app and the preview call them:
// list, copy (into the backup folder and into a chosen one), verify, prepare with a preview,
// restore (once per preparation), discard, the single-file export and its restore, the host's
// chooser; and random paths and tokens never crash, never write, always answer in Japanese.
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Channel, Output, Reply } from '../../electron/contract/channels';
import { dispatch } from '../../electron/contract/dispatch';
import type { Host } from '../../electron/contract/host';
import { createPathGate } from '../../electron/contract/path-gate';
import { writeFileSync } from 'node:fs';
import { verifyBackupFile } from '../../electron/services/backups/verify-backup';
import { sampleDb, tempDir } from '../helpers/temp';

const db = await sampleDb();
const outDir = tempDir();
const picked: string[] = [];
const host: Host = {
  deliver: (file) => {
    const path = join(outDir, file.fileName);
    writeFileSync(path, file.bytes);
    return Promise.resolve({ kind: 'saved', path });
  },
  pick: (what) => (what === 'folder' ? picked[0] ?? null : null),
  // As the preview started with --allow-dir <outDir>: the exports land there and may be restored.
  paths: createPathGate([outDir]),
};
const ctx = { db, host };
const call = async <C extends Channel>(channel: C, input: unknown) => (await dispatch(ctx, channel, input)) as Reply<C>;
const ok = async <C extends Channel>(channel: C, input: unknown): Promise<Output<C>> => {
  const reply = await call(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.data;
};
const issueId = (await ok('issues.resolveKey', { key: '会計-A-1' })).issueId;
const rank = async () => (await ok('issues.get', { issueId, roundId: 1 })).rank;

const fingerprint = () =>
  JSON.stringify([
    db.sqlite.prepare('SELECT * FROM evaluations ORDER BY id').all(),
    db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get(),
    db.sqlite.prepare('SELECT * FROM settings ORDER BY key').all(),
  ]);

describe('backups over the contract', () => {
  it('copies, lists, verifies, previews and restores — once per preparation', async () => {
    const before = await rank();
    const made = await ok('backups.create', {});
    expect(made.bytes).toBeGreaterThan(0);
    const list = await ok('backups.list', {});
    expect(list).toMatchObject({ canPick: true, folder: join(db.file, '..', 'backups'), entries: [{ path: made.path, reason: 'manual', reasonLabel: '手動' }] });
    expect(list.current).toMatchObject({ issues: 133, evaluations: 132 });
    expect(await ok('backups.verify', { path: made.path })).toMatchObject({ ok: true, message: expect.stringContaining('正常です') });

    await ok('evaluations.setRank', { issueId, roundId: 1, rank: before === '1' ? '3' : '1' });
    const prepared = await ok('backups.prepareRestore', { path: made.path });
    expect(prepared).toMatchObject({ source: made.path, kind: 'backup', summary: { issues: 133, rounds: [{ label: 'R6.11' }] } });
    const restored = await ok('backups.restore', { token: prepared.token });
    expect(await rank()).toBe(before);
    expect(existsSync(restored.safetyCopy)).toBe(true);
    expect((await ok('backups.list', {})).entries.map((e) => e.reason)).toContain('restore');
    // The preparation is used up: a second click does nothing but say so.
    expect(await call('backups.restore', { token: prepared.token })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/復元の準備が見つかりません/) } });
  });

  it('discards a preparation nobody restores', async () => {
    const made = await ok('backups.create', {});
    const prepared = await ok('backups.prepareRestore', { path: made.path });
    expect(await ok('backups.discard', { token: prepared.token })).toEqual({ discarded: true });
    expect(await call('backups.restore', { token: prepared.token })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('copies into a chosen folder (the file server), which the retention rule never prunes', async () => {
    const share = tempDir('xpw-share-');
    picked.push(share);
    const chosen = await ok('backups.pick', { what: 'folder' });
    expect(chosen).toEqual({ path: share, handle: expect.stringMatching(/^handle:[0-9a-f-]{36}$/) });
    // The page sends the handle of the chooser's answer; the typed path itself is refused.
    expect(await call('backups.create', { folder: share })).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    const made = await ok('backups.create', { folder: chosen.handle });
    expect(made.path.startsWith(share)).toBe(true);
    expect((await ok('backups.list', {})).entries.some((e) => e.path === made.path)).toBe(false);
    expect(verifyBackupFile(made.path)).toMatchObject({ ok: true });
  });

  it('exports everything to one file and restores from it', async () => {
    const exported = await ok('snapshot.export', {});
    expect(exported.fileName).toMatch(/^X方針ワークベンチ_全データ_\d{8}-\d{4}\.xpws$/);
    if (exported.delivery.kind !== 'saved') throw new Error(exported.delivery.kind);
    const path = exported.delivery.path;
    expect(await ok('backups.verify', { path })).toMatchObject({ ok: true, message: expect.stringContaining('全データの書き出し') });
    const before = await rank();
    await ok('evaluations.setRank', { issueId, roundId: 1, rank: before === '2' ? '3' : '2' });
    const prepared = await ok('backups.prepareRestore', { path });
    expect(prepared).toMatchObject({ kind: 'snapshot', summary: { issues: 133 } });
    // The preview says what the SHA-256 proves: damage, not tampering (issue 11 item 8).
    expect(prepared.integrityNote).toMatch(/SHA-256 は破損 .*を見つけるためのもので、改変は防げません/);
    await ok('backups.restore', { token: prepared.token });
    expect(await rank()).toBe(before);
  });

  it('answers random paths, folders and tokens in Japanese, never crashing and never writing', async () => {
    const pathLike = fc.oneof(
      fc.string(),
      fc.string().map((s) => join(tempDir(), s)),
      fc.constantFrom('/', '/dev/null', '\\\\server\\share\\x.sqlite', 'C:\\', '../../etc/passwd', 'x'.repeat(3000), db.file, `${db.file}-wal`),
    );
    const input = fc.oneof(
      fc.record({ path: pathLike }),
      fc.record({ folder: pathLike }),
      fc.record({ token: fc.oneof(fc.uuid(), fc.string()) }),
      fc.record({ what: fc.string() }),
      fc.anything(),
    );
    const channels: Channel[] = ['backups.verify', 'backups.prepareRestore', 'backups.restore', 'backups.discard', 'backups.pick', 'backups.create'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), input, async (channel, payload) => {
        const before = fingerprint();
        const reply = await dispatch(ctx, channel, payload);
        expect(typeof reply.ok).toBe('boolean');
        if (!reply.ok) {
          expect(reply.error.code).not.toBe('INTERNAL');
          expect(reply.error.message).toMatch(/[ぁ-んァ-ン一-龯]/);
        }
        // Only a restore (which needs a real preparation's token) may change the data.
        expect(fingerprint()).toBe(before);
      }),
      { numRuns: 300 },
    );
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

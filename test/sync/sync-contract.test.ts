// The team-sync channels of the contract: create a share from the settings screen, the header's
// status, the panel's "who changed it last", a 要確認 conflict resolved through the contract.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../electron/contract/channels';
import { dispatch } from '../../electron/contract/dispatch';
import { createPathGate } from '../../electron/contract/path-gate';
import { openDatabase } from '../../db/open';
import { setRank } from '../../db/write/evaluations';
import { saveNote } from '../../db/write/notes';
import { syncOnce } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { joinShare } from '../../electron/services/sync/share';
import { readSyncState } from '../../db/queries/sync';
import { sampleDb, tempDir } from '../helpers/temp';
import { editText } from './fixtures/structural-edits';

type Ctx = Parameters<typeof dispatch>[0];

/** A contract call that throws the Japanese message of a refused request. */
const caller =
  (ctx: Ctx) =>
  async (channel: Parameters<typeof dispatch>[1], input: unknown): Promise<unknown> => {
    const reply = (await dispatch(ctx, channel, input)) as Reply<'sync.status'>;
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.data as unknown;
  };

describe('team sync through the contract', () => {
  it('creates a share, reports status, shows who changed a rank last and resolves a conflict', async () => {
    const db = await sampleDb();
    // The share folder is a path from the page: it passes the path gate (here the preview's --allow-dir).
    const allowed = tempDir();
    const ctx = { db, host: { deliver: () => Promise.reject(new Error('unused')), paths: createPathGate([allowed]) } };
    const ok = caller(ctx);
    expect(await ok('sync.status', {})).toMatchObject({ joined: false, pending: 0 });
    const refused = (await dispatch(ctx, 'sync.create', { dir: join(allowed, 'missing') })) as Reply<'sync.create'>;
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/共有フォルダに接続できません/) } });
    const outside = join(tempDir(), 'share');
    mkdirSync(outside);
    const gated = (await dispatch(ctx, 'sync.create', { dir: outside })) as Reply<'sync.create'>;
    expect(gated).toMatchObject({ ok: false, error: { message: expect.stringMatching(/共有フォルダに、画面から入力した場所は使えません/) } });
    const folder = join(allowed, 'share');
    mkdirSync(folder);
    expect(await ok('sync.create', { dir: folder, name: '改革事務局' })).toMatchObject({ joined: true, location: folder });
    const other = join(tempDir(), 'b.sqlite');
    await joinShare(folder, other, { pc: 'PC-B' });
    const b = await openDatabase(other);
    setRank(b.sqlite, { issueId: 1, roundId: 1, rank: '1', actor: '鈴木' });
    const versions = b.sqlite.prepare('SELECT id FROM issue_versions WHERE issue_id = 133 ORDER BY id').pluck().all() as number[];
    saveNote(b.sqlite, { issueId: 133, fromVersionId: versions[0]!, toVersionId: versions[1]!, note: 'Bの見方', actor: '鈴木' });
    saveNote(db.sqlite, { issueId: 133, fromVersionId: versions[0]!, toVersionId: versions[1]!, note: 'Aの見方', actor: '佐藤' });
    expect(await ok('sync.status', {})).toMatchObject({ pending: 1 });
    await syncOnce(b.sqlite, new FolderTransport(folder));
    const view = (await ok('sync.now', {})) as { pending: number; conflictIssueIds: number[]; active: { user: string; pc: string }[]; error: string | null };
    expect(view).toMatchObject({ pending: 0, error: null, conflictIssueIds: [133] });
    expect(view.active).toEqual([expect.objectContaining({ user: '鈴木', pc: 'PC-B' })]);
    expect(await ok('sync.issue', { issueId: 1, roundId: 1 })).toMatchObject({ last: [{ field: 'rank', user: '鈴木', pc: 'PC-B' }] });
    const info = (await ok('sync.issue', { issueId: 133, roundId: 1 })) as { conflicts: { kind: 'note'; key: Record<string, string>; field: string }[] };
    expect(info.conflicts).toHaveLength(1);
    const c = info.conflicts[0]!;
    await ok('sync.resolve', { kind: c.kind, key: c.key, field: c.field, value: 'Bの見方' });
    expect(await ok('sync.status', {})).toMatchObject({ conflictIssueIds: [], pending: 1 });
    b.close();
    db.close();
  });

  it('two people on one terminal server (one PC name) see each other as active, and the screen reloads for the other', async () => {
    const db = await sampleDb();
    const folder = join(tempDir(), 'share');
    mkdirSync(folder);
    const ctx = { db, host: { deliver: () => Promise.reject(new Error('unused')), paths: createPathGate([folder]) } };
    const view = async () => (await caller(ctx)('sync.now', {})) as { revision: number; active: { user: string; pc: string }[]; error: string | null };
    await dispatch(ctx, 'sync.create', { dir: folder, name: '改革事務局' });
    const pc = readSyncState(db.sqlite, 'pc')!;
    const other = join(tempDir(), 'b.sqlite');
    await joinShare(folder, other, { pc });
    const b = await openDatabase(other);
    setRank(db.sqlite, { issueId: 2, roundId: 1, rank: '3', actor: '佐藤' });
    const before = await view();
    expect(before.active).toEqual([]);
    setRank(b.sqlite, { issueId: 1, roundId: 1, rank: '1', actor: '鈴木' });
    await syncOnce(b.sqlite, new FolderTransport(folder));
    const after = await view();
    expect(after.error).toBeNull();
    expect(after.active).toEqual([expect.objectContaining({ user: '鈴木', pc })]);
    expect(after.revision).toBeGreaterThan(before.revision);
    b.close();
    db.close();
  });

  it('a text ② changed on two PCs is 要確認 on the issue and resolved through the contract', async () => {
    const db = await sampleDb();
    const allowed = tempDir();
    const ctx = { db, host: { deliver: () => Promise.reject(new Error('unused')), paths: createPathGate([allowed]) } };
    const ok = caller(ctx);
    const folder = join(allowed, 'share');
    mkdirSync(folder);
    await ok('sync.create', { dir: folder, name: '改革事務局' });
    const other = join(tempDir(), 'b.sqlite');
    await joinShare(folder, other, { pc: 'PC-B' });
    const b = await openDatabase(other);
    editText(b.sqlite, { content: 'Bの書いた内容', actor: '鈴木' });
    editText(db.sqlite, { content: 'Aの書いた内容', actor: '佐藤' });
    await syncOnce(b.sqlite, new FolderTransport(folder));
    expect(await ok('sync.now', {})).toMatchObject({ conflictIssueIds: [133] });
    const info = (await ok('sync.issue', { issueId: 133, roundId: 1 })) as { conflicts: { kind: 'version'; key: Record<string, string>; field: string; heads: { value: unknown }[] }[] };
    expect(info.conflicts.map((c) => [c.kind, c.key.version, c.field, c.heads.map((h) => h.value).sort()])).toEqual([['version', 'R6.11', 'content', ['Aの書いた内容', 'Bの書いた内容']]]);
    const c = info.conflicts[0]!;
    await ok('sync.resolve', { kind: c.kind, key: c.key, field: c.field, value: 'Bの書いた内容' });
    expect(await ok('sync.status', {})).toMatchObject({ conflictIssueIds: [] });
    expect(db.sqlite.prepare("SELECT content FROM issue_versions WHERE issue_id = 133 AND label = 'R6.11'").pluck().get()).toBe('Bの書いた内容');
    b.close();
    db.close();
  });
});

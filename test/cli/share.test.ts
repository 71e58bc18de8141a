// `xpw share create|join|sync|status|compact`, the real binary on real files and a real folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { getIssueRow } from '../../db/queries/issues';
import { setRank } from '../../db/write/evaluations';
import { tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'xpw.mjs');
const xpw = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('xpw share', () => {
  it('creates a shared dataset, joins it from another file, syncs a rank across and reports status', async () => {
    const dir = tempDir();
    const share = join(dir, 'share');
    mkdirSync(share);
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    expect(xpw('init', '--db', a, '--sample').status).toBe(0);
    const created = xpw('share', 'create', '--db', a, '--dir', share, '--name', '改革事務局');
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('共有データを作成しました');
    const again = xpw('share', 'create', '--db', a, '--dir', share);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/既に共有データがあります/);
    const joined = xpw('share', 'join', '--dir', share, '--db', b);
    expect(joined.status).toBe(0);
    expect(joined.stdout).toMatch(/参加しました.*SHA-256/);

    const db = await openDatabase(a);
    setRank(db.sqlite, { issueId: 1, roundId: 1, rank: '1', actor: '佐藤' });
    db.close();
    expect(xpw('share', 'status', '--db', a).stdout).toContain('未送信: 1 件');
    expect(xpw('share', 'sync', '--db', a).stdout).toContain('送信 1 件');
    expect(xpw('share', 'sync', '--db', b).stdout).toContain('受信 1 件');
    const other = await openDatabase(b);
    expect(getIssueRow(other.sqlite, 1, 1)!.rank).toBe('1');
    other.close();
    const status = JSON.parse(xpw('share', 'status', '--db', b, '--json').stdout) as { joined: boolean; pending: number; actors: { user: string }[] };
    expect(status).toMatchObject({ joined: true, pending: 0 });
    expect(status.actors.map((x) => x.user)).toContain('佐藤');
    const compact = xpw('share', 'compact', '--db', a);
    expect(compact.status).toBe(0);
    expect(compact.stdout).toMatch(/変更ファイル [1-9]\d* 件を共有フォルダの archive に移しました \(削除はしません\)/);
    expect(readdirSync(join(share, 'snapshots')).filter((n) => n.endsWith('.xpwsnap'))).toHaveLength(2);
    const unknown = xpw('share', 'frobnicate', '--db', a);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/create \/ join \/ sync \/ status \/ compact/);
  }, 60_000);
});

// The single-file export of everything and its import: lossless (export → import → export gives
// the same content byte for byte), storage classes kept, older schemas migrated, and a truncated,
// altered or newer file refused before anything is created.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../db/open';
import { setComment, setRank } from '../../db/write/evaluations';
import { listIssues, resolveIssueKey } from '../../db/queries/issues';
import { writeSetting } from '../../db/write/settings';
import { saveNote } from '../../db/write/notes';
import { runChecks } from '../../electron/services/check';
import { canonicalDump, decodeValue, encodeValue } from '../../electron/services/snapshot/canonical-dump';
import { importSnapshot } from '../../electron/services/snapshot/import-snapshot';
import { createAtVersion } from '../../electron/services/snapshot/schema-at-version';
import { readSnapshot, writeSnapshot } from '../../electron/services/snapshot/snapshot-file';
import { sampleDb, tempDir } from '../helpers/temp';

const meta = { appVersion: '0.1.0', createdBy: 'テスト担当' };

describe('single-file export', () => {
  it('round-trips losslessly: export → import → export gives identical content', async () => {
    const db = await sampleDb();
    const { sqlite } = db;
    // Text that trips careless encoders: NEC/IBM extensions, surrogate pairs, control characters, quotes.
    const issueId = resolveIssueKey(sqlite, '会計-A-1')!;
    setComment(sqlite, { issueId, roundId: 1, comment: '①髙橋 𠮷野家 "引用" \\ 改行\n\tタブ\u0000終', actor: '髙橋' });
    setRank(sqlite, { issueId, roundId: 1, rank: null, actor: '髙橋' });
    const b = resolveIssueKey(sqlite, '財変-B-4')!;
    const [from, to] = sqlite.prepare('SELECT id FROM issue_versions WHERE issue_id = ? ORDER BY id').pluck().all(b) as number[];
    saveNote(sqlite, { issueId: b, fromVersionId: from!, toVersionId: to!, note: '測定可能な記載になった', actor: '髙橋' });
    writeSetting(sqlite, 'displayName', '事務局 髙橋');
    // Deleted rows leave gaps in the ids and move AUTOINCREMENT counters: both must survive.
    sqlite.prepare('DELETE FROM writing_rules WHERE id = (SELECT max(id) FROM writing_rules)').run();

    const first = await writeSnapshot(sqlite, { ...meta, now: new Date('2024-12-20T00:00:00Z') });
    const dir = tempDir();
    const snap = join(dir, 'a.xpws');
    writeFileSync(snap, first);
    const target = join(dir, 'imported.sqlite');
    const imported = await importSnapshot(snap, target);
    expect(imported.header).toMatchObject({ format: 'xpw-snapshot', schemaVersion: schemaVersion(), createdBy: 'テスト担当' });
    expect(imported.summary).toMatchObject({ issues: 133, evaluations: 132 });

    const copy = await openDatabase(target);
    const second = await writeSnapshot(copy.sqlite, { ...meta, now: new Date('2025-01-06T00:00:00Z') });
    // The content lines (everything but the header with its date) are the same bytes.
    expect(readSnapshot(second).content).toBe(readSnapshot(first).content);
    expect(canonicalDump(copy.sqlite)).toBe(canonicalDump(sqlite));
    expect(gunzipSync(second).toString().split('\n').slice(1).join('\n')).toBe(gunzipSync(first).toString().split('\n').slice(1).join('\n'));
    // The next id continues where the source's would have.
    expect(copy.sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'writing_rules'").pluck().get()).toBe(
      sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'writing_rules'").pluck().get(),
    );
    // A working database: checks pass, the search index was rebuilt.
    expect(runChecks(copy.sqlite).ok).toBe(true);
    const found = (s: Database.Database) => listIssues(s, { roundId: 1, text: '施設', offset: 0, limit: 50 }).rows.map((r) => r.id);
    expect(found(copy.sqlite).length).toBeGreaterThan(0);
    expect(found(copy.sqlite)).toEqual(found(sqlite));
    copy.close();
    db.close();
  });

  it('keeps every storage class: integers beyond 2^53, reals, text, blobs, null', () => {
    const raw = new Database(':memory:');
    raw.exec('CREATE TABLE t (a, b INTEGER, c REAL, d TEXT, e BLOB)');
    const ins = raw.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
    ins.run(1n, 9007199254740993n, 1.0, '1', Buffer.from([0, 255, 1]));
    ins.run(1.5, -5n, -0.25, '', null);
    ins.run('x', null, 1e300, 'テキスト', Buffer.alloc(0));
    const rows = raw.prepare('SELECT * FROM t').raw(true).safeIntegers(true).all() as unknown[][];
    const encoded = JSON.parse(JSON.stringify(rows.map((r) => r.map(encodeValue))));
    raw.exec('CREATE TABLE u (a, b INTEGER, c REAL, d TEXT, e BLOB)');
    const insU = raw.prepare('INSERT INTO u VALUES (?, ?, ?, ?, ?)');
    for (const r of encoded) insU.run(...(r as Parameters<typeof decodeValue>[0][]).map(decodeValue));
    const types = (t: string) => raw.prepare(`SELECT typeof(a), typeof(b), typeof(c), typeof(d), typeof(e), quote(a), quote(b), quote(c), quote(d), quote(e) FROM ${t}`).raw(true).all();
    expect(types('u')).toEqual(types('t'));
  });

  it('loads a file written by an older version and migrates it', async () => {
    const dir = tempDir();
    const old = createAtVersion(join(dir, 'old.sqlite'), 1);
    old.exec(`
      INSERT INTO organizations (id, short_name, full_name, kind, display_order, full_name_assumed) VALUES (1, '会計', '会計室', '局', 1, 1);
      INSERT INTO scales (id, name) VALUES (1, '進捗ランク');
      INSERT INTO scale_ranks (scale_id, value, label, definition, sort_order) VALUES (1, '3', 'ランク3', '完了したもの', 3);
      INSERT INTO rounds (id, label, title, as_of, scale_id) VALUES (1, 'R6.11', '令和6年11月時点', '2024-11', 1);
      INSERT INTO issues (id, uid, organization_id, level, number, title, title_sort, created_at) VALUES (7, 'u7', 1, 'A', 1, '財務会計システムの機能アップ', 'x', '2024-11-01T00:00:00Z');
      INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, updated_by, updated_at) VALUES (7, 1, '3', '完了', '', '前任者', '2024-12-01T00:00:00Z');
    `);
    const snap = join(dir, 'old.xpws');
    writeFileSync(snap, await writeSnapshot(old, meta));
    old.close();
    expect(readSnapshot(readFileSync(snap)).header.schemaVersion).toBe(1);
    const target = join(dir, 'new.sqlite');
    await importSnapshot(snap, target);
    const db = await openDatabase(target);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(schemaVersion());
    expect(db.sqlite.prepare('SELECT rank, updated_by FROM evaluations WHERE issue_id = 7').get()).toEqual({ rank: '3', updated_by: '前任者' });
    // The rules a later migration ships are added, as for any database of that age.
    expect(db.sqlite.prepare('SELECT count(*) FROM writing_rules').pluck().get()).toBe(10);
    expect(runChecks(db.sqlite).ok).toBe(true);
    db.close();
  });

  it('refuses a truncated, altered or newer file, and an existing target, creating nothing', async () => {
    const db = await sampleDb();
    const bytes = await writeSnapshot(db.file, meta);
    db.close();
    const dir = tempDir();
    const text = gunzipSync(bytes).toString();
    const cases: [string, Buffer, RegExp][] = [
      ['truncated.xpws', bytes.subarray(0, bytes.length - 200), /途中で切れている|壊れています/],
      ['cut-lines.xpws', gzipSync(text.split('\n').slice(0, 40).join('\n') + '\n'), /終端|壊れています/],
      ['altered.xpws', gzipSync(text.replace('財務会計', '財務会X')), /一致しません/],
      ['newer.xpws', gzipSync(text.replace(`"schemaVersion":${schemaVersion()}`, `"schemaVersion":${schemaVersion() + 1}`)), /新しいバージョン/],
      ['not-ours.xpws', gzipSync('{"format":"other"}\n{"end":true}\n'), /X方針ワークベンチの書き出しファイルではありません/],
    ];
    for (const [name, content, message] of cases) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const target = join(dir, `${name}.sqlite`);
      await expect(importSnapshot(file, target), name).rejects.toMatchObject({ message: expect.stringMatching(message) });
      expect(existsSync(target), name).toBe(false);
      expect(existsSync(`${target}.importing`), name).toBe(false);
    }
    const good = join(dir, 'good.xpws');
    writeFileSync(good, bytes);
    const existing = join(dir, 'existing.sqlite');
    writeFileSync(existing, 'mine');
    await expect(importSnapshot(good, existing)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(existing, 'utf8')).toBe('mine');
  });
});

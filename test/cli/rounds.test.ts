// A cycle run from the command line alone (issue 10 g, h, i): rounds created, edited, locked and
// deleted, ranks and 所見 set, a legacy list imported into a new database with its round created
// on the way, levels taken from the issues already there — every change audited as the app does.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { publishedAList } from '../helpers/source-document';
import { tempDir } from '../helpers/temp';
import { csvText, utf8 } from '../import/fixtures';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'xpw.mjs');
const xpw = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
/** Who the audit names: no display name is set, so the OS user, as in the app. */
const me = userInfo().username;

/** Reads the database the CLI wrote, without the CLI. */
function read<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
const audit = (file: string) => read<{ action: string; actor: string; after: string | null }>(file, 'SELECT action, actor, after FROM audit_log ORDER BY id');

describe('xpw round and xpw rank', () => {
  const dir = tempDir();
  const file = join(dir, 'x.sqlite');
  expect(xpw('init', '--db', file, '--sample').status).toBe(0);

  it('lists the rounds with their counts', () => {
    const r = xpw('round', 'list', '--db', file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/R6\.11\t令和6年11月時点\t2024-11\t2024-12-20\t.*\t132\t0\t0\t—/);
  });

  it('creates a round carried over from R6.11, confirms the carried ranks, sets a rank and a 所見, locks and unlocks it', () => {
    const created = xpw('round', 'create', '--db', file, '--label', 'R7.5', '--as-of', '2025-05', '--carry-from', 'R6.11', '--meeting-date', '2025-06-20');
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toContain('評価回を作成しました: R7.5 (令和7年5月時点');
    expect(created.stdout).toContain('ランク 132 件を繰越');

    const lockEarly = xpw('round', 'lock', '--db', file, '--round', 'R7.5');
    expect(lockEarly.status).toBe(1);
    expect(lockEarly.stderr).toContain('確認されていない繰越のランクが 132 件');

    const rank = xpw('rank', 'set', '--db', file, '--round', 'R7.5', '--issue', '会計-A-1', '--rank', '3', '--comment', 'システム更新が完了');
    expect(rank.status, rank.stderr).toBe(0);
    expect(rank.stdout).toContain('会計-A-1 (評価回 R7.5): ランク 3・所見 を記録しました');
    const commentOnly = xpw('rank', 'set', '--db', file, '--round', 'R7.5', '--issue', '小倉北区-A-1', '--comment', '区役所の窓口で確認');
    expect(commentOnly.status, commentOnly.stderr).toBe(0);
    const badRank = xpw('rank', 'set', '--db', file, '--round', 'R7.5', '--issue', '会計-A-2', '--rank', '9');
    expect(badRank.stderr).toContain('ランク「9」は評価回 R7.5 のランク基準');

    const confirm = xpw('round', 'confirm-carried', '--db', file, '--round', 'R7.5');
    expect(confirm.status, confirm.stderr).toBe(0);
    expect(confirm.stdout).toContain('繰越 131 件を確定しました');
    expect(xpw('round', 'lock', '--db', file, '--round', 'R7.5').status).toBe(0);
    const locked = xpw('rank', 'set', '--db', file, '--round', 'R7.5', '--issue', '会計-A-2', '--rank', '1');
    expect(locked.status).toBe(1);
    expect(locked.stderr).toContain('ロック');
    expect(xpw('round', 'unlock', '--db', file, '--round', 'R7.5').stderr).toContain('理由');
    expect(xpw('round', 'unlock', '--db', file, '--round', 'R7.5', '--reason', '誤記の訂正').status).toBe(0);

    const [ev] = read<{ rank: string; comment: string; carried: number; updated_by: string }>(
      file,
      `SELECT e.rank, e.comment, e.carried, e.updated_by FROM evaluations e JOIN rounds r ON r.id = e.round_id
       JOIN issues i ON i.id = e.issue_id JOIN organizations o ON o.id = i.organization_id
       WHERE r.label = 'R7.5' AND o.short_name = '会計' AND i.level = 'A' AND i.number = 1`,
    );
    expect(ev).toEqual({ rank: '3', comment: 'システム更新が完了', carried: 0, updated_by: me });
    const actions = audit(file).map((a) => a.action);
    expect(actions).toEqual(['sample.load', 'round.create', 'evaluation.rank', 'evaluation.comment', 'evaluation.comment', 'evaluation.confirmAll', 'round.lock', 'round.unlock']);
    expect(audit(file).every((a) => a.actor === me)).toBe(true);
    expect(JSON.parse(audit(file).at(-1)!.after!)).toMatchObject({ reason: '誤記の訂正' });
  });

  it('edits a round, and deletes only an empty one', () => {
    expect(xpw('round', 'create', '--db', file, '--label', 'R8.5', '--as-of', '2026-05', '--scale-template', '未着手').status).toBe(0);
    const edit = xpw('round', 'edit', '--db', file, '--round', 'R8.5', '--title', '令和8年5月時点 (臨時)', '--meeting-date', '2026-06-01');
    expect(edit.status, edit.stderr).toBe(0);
    expect(edit.stdout).toContain('ランク基準「未着手・取組中・完了」');
    expect(xpw('rank', 'set', '--db', file, '--round', 'R8.5', '--issue', '会計-A-1', '--rank', '取組中').status).toBe(0);
    const refused = xpw('round', 'delete', '--db', file, '--round', 'R8.5');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('確定したランクまたは所見が 1 件');
    expect(xpw('round', 'create', '--db', file, '--label', 'R9.1', '--as-of', '2027-01').status).toBe(0);
    const deleted = xpw('round', 'delete', '--db', file, '--round', 'R9.1');
    expect(deleted.status, deleted.stderr).toBe(0);
    expect(read(file, "SELECT 1 FROM rounds WHERE label = 'R9.1'")).toEqual([]);
    expect(audit(file).slice(-6).map((a) => a.action)).toEqual(['scale.create', 'round.create', 'round.update', 'evaluation.rank', 'round.create', 'round.delete']);
  });

  it('names what it cannot find with the one message of the lookups', () => {
    expect(xpw('round', 'lock', '--db', file, '--round', 'R1.1').stderr.trim()).toBe('エラー: 評価回「R1.1」がありません (登録されている評価回: R8.5、R7.5、R6.11)');
    expect(xpw('rank', 'set', '--db', file, '--round', 'R7.5', '--issue', '会計-A-999', '--rank', '1').stderr.trim()).toBe('エラー: 課題「会計-A-999」が見つかりません (例: 会計-A-1)');
    expect(xpw('round', 'confirm-carried', '--db', file, '--round', 'R7.5', '--org', '小倉東区').stderr).toContain('エラー: 局区「小倉東区」がありません (');
    expect(xpw('round', 'frobnicate', '--db', file).stderr).toContain('round の後に list | create | edit | lock | unlock | confirm-carried | delete');
  });
});

describe('xpw import into a new database', () => {
  const published = publishedAList();

  it('creates the named round with --create-round, says so, and takes every level from the issues already there', () => {
    const dir = tempDir();
    const file = join(dir, 'new.sqlite');
    expect(xpw('init', '--db', file, '--sample').status).toBe(0);
    // The document's own A list: 局名 / 番号 / 課題名 / ランク, no レベル column.
    const csv = join(dir, 'a-list.csv');
    writeFileSync(csv, utf8(csvText([['局名', '番号', '課題名', 'ランク'], ...published.map((p) => [p.organization, p.number, p.title, p.rank === '3' ? '3' : '2'])]), true));

    const noRound = xpw('import', csv, '--db', file, '--round', 'R7.5');
    expect(noRound.status).toBe(1);
    expect(noRound.stderr).toContain('評価回「R7.5」がありません (登録されている評価回: R6.11)。作成してから取り込むには --create-round --as-of YYYY-MM を付けてください');

    const r = xpw('import', csv, '--db', file, '--round', 'R7.5', '--create-round', '--as-of', '2025-05', '--meeting-date', '2025-06-20', '--scale', '進捗ランク(1〜3)');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('評価回「R7.5」(令和7年5月時点、ランク基準「進捗ランク(1〜3)」) を作成しました');
    expect(r.stdout).toMatch(/取り込みました \(番号 1\): 新規 0 \/ 変更 132/);
    const ranks = read<{ level: string; n: number }>(file, "SELECT i.level, count(*) AS n FROM evaluations e JOIN rounds r ON r.id = e.round_id JOIN issues i ON i.id = e.issue_id WHERE r.label = 'R7.5' GROUP BY i.level");
    expect(ranks).toEqual([{ level: 'A', n: 132 }]);
    const actions = audit(file).map((a) => a.action);
    expect(actions.slice(0, 2)).toEqual(['sample.load', 'round.create']);
    expect(actions.filter((a) => a === 'import.evaluation')).toHaveLength(132);
  });

  it('offers --create-round where a new database has no round, and then imports into it', () => {
    const dir = tempDir();
    const file = join(dir, 'empty.sqlite');
    expect(xpw('init', '--db', file).status).toBe(0);
    const csv = join(dir, 'legacy.csv');
    writeFileSync(csv, utf8(csvText([['局名', 'レベル', '番号', '課題名', 'ランク'], ['会計', 'A', 1, '財務会計システムの機能アップ', 2], ['小北', 'A', 1, '窓口のデジタル化', 3]])));
    const refused = xpw('import', csv, '--db', file, '--map', '会計=新規,小北=新規');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('ランク・所見を取り込むには評価回を指定してください。この取り込みで作成するには --round R7.5 --create-round --as-of 2025-05');
    const done = xpw('import', csv, '--db', file, '--map', '会計=新規,小北=新規', '--round', 'R7.5', '--create-round', '--as-of', '2025-05', '--scale-template', '1');
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toContain('評価回「R7.5」(令和7年5月時点、ランク基準「進捗ランク (3段階)」) を作成しました');
    expect(done.stdout).toContain('新規 2');
    const summary = xpw('summary', '--db', file);
    expect(summary.stdout).toContain('A 現行業務の改善\t2\t1\t1\t0');
  });

  it('asks for the level only for new and ambiguous rows, naming them', () => {
    const dir = tempDir();
    const file = join(dir, 'x.sqlite');
    expect(xpw('init', '--db', file, '--sample').status).toBe(0);
    // A B issue with the same 局区, 番号 and 課題名 as 会計-A-2 makes that row ambiguous.
    const db = new Database(file);
    db.prepare("INSERT INTO issues (uid, organization_id, level, number, title, title_sort, created_at) SELECT 'dup', organization_id, 'B', number, title, title_sort, created_at FROM issues WHERE id = (SELECT i.id FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE o.short_name = '会計' AND i.level = 'A' AND i.number = 2)").run();
    db.close();
    const rows = published.slice(0, 5).map((p) => [p.organization, p.number, p.title]);
    const csv = join(dir, 'list.csv');
    writeFileSync(csv, utf8(csvText([['局名', '番号', '課題名'], ...rows, ['会計', 50, '新しい課題の名前']])));

    const asked = xpw('import', csv, '--db', file);
    expect(asked.status).toBe(1);
    expect(asked.stderr).toContain('局区・番号・課題名が一致する課題が1つに決まらない行が 2 行あります');
    expect(asked.stderr).toContain(`3行目 会計 2「${published[1]!.title}」 (一致する課題が複数)`);
    expect(asked.stderr).toContain('7行目 会計 50「新しい課題の名前」 (新しい課題)');
    expect(asked.stderr).not.toContain('2行目');
    expect(read(file, 'SELECT 1 FROM imports')).toEqual([]);

    const done = xpw('import', csv, '--db', file, '--level', 'B');
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toContain('新規 1');
    const levels = read<{ level: string; number: number }>(file, "SELECT level, number FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE o.short_name = '会計' AND number IN (1, 50) ORDER BY number");
    expect(levels).toEqual([{ level: 'A', number: 1 }, { level: 'B', number: 50 }]);
  });
});

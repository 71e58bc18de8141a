// 評価回 on a real sample database: create blank or carried over (繰越), confirm one or all, undo
// the bulk confirmation, edit, lock / unlock with a reason, delete only when empty — each
// audited, each refusal in Japanese with nothing written.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getAudit } from '../../db/queries/audit';
import { toRanges } from '../../db/queries/confirm-carried';
import { confirmCarried, undoConfirmCarried } from '../../db/write/confirm-carried';
import { setComment, setRank, undoChange } from '../../db/write/evaluations';
import { getIssueRow, listIssues, resolveIssueKey } from '../../db/queries/issues';
import { carriedCount, roundStats } from '../../db/queries/round-admin';
import { createRound, deleteRound, lockRound, unlockRound, updateRound } from '../../db/write/rounds';
import { getRound, latestRound, listRounds } from '../../db/queries/rounds';
import { summarize } from '../../db/queries/summary';
import { runChecks } from '../../electron/services/check';
import { backupDirFor } from '../../electron/services/data-paths';
import { confirmCarriedSafely, createRoundSafely, undoBulk } from '../../electron/services/rounds/bulk';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const { sqlite } = db;
const r611 = latestRound(sqlite)!;
const acct1 = resolveIssueKey(sqlite, '会計-A-1')!;
const acct2 = resolveIssueKey(sqlite, '会計-A-2')!;
const auditCount = () => sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
const snapshot = () =>
  JSON.stringify([
    sqlite.prepare('SELECT * FROM rounds ORDER BY id').all(),
    sqlite.prepare('SELECT * FROM evaluations ORDER BY id').all(),
    auditCount(),
  ]);
const lastAudit = () => getAudit(sqlite, sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number)!;
const fields = { title: '令和7年5月時点', asOf: '2025-05', meetingDate: '2025-06-20', scaleId: r611.scaleId };

/** Expects `fn` to throw `message` and to leave the database exactly as it was. */
function refuses(fn: () => unknown, message: RegExp): void {
  const before = snapshot();
  expect(fn).toThrow(message);
  expect(snapshot()).toBe(before);
}

describe('creating a round', () => {
  it('starts blank: no evaluations, audited with who and what', () => {
    const { round, carried } = createRound(sqlite, { ...fields, label: 'R7.1', title: '令和7年1月時点', asOf: '2025-01' }, '山田');
    expect(carried).toBe(0);
    expect(round).toMatchObject({ label: 'R7.1', scaleName: r611.scaleName, lockedAt: null, ranks: r611.ranks });
    expect(sqlite.prepare('SELECT count(*) FROM evaluations WHERE round_id = ?').pluck().get(round.id)).toBe(0);
    expect(lastAudit()).toMatchObject({ actor: '山田', action: 'round.create', roundId: round.id, after: { label: 'R7.1', carriedFrom: null, carried: 0 } });
    expect(deleteRound(sqlite, round.id, '山田')).toMatchObject({ label: 'R7.1', discarded: 0 });
  });

  it('carries every rank of the previous round over, marked 繰越, without the 所見', () => {
    setComment(sqlite, { issueId: acct1, roundId: r611.id, comment: 'R6.11の所見', actor: '山田' });
    const { round, carried } = createRound(sqlite, { ...fields, label: 'R7.5', carryFromRoundId: r611.id }, '山田');
    expect(carried).toBe(132);
    expect(getRound(sqlite, round.id)).toBeDefined();
    expect(listRounds(sqlite)[0]!.label).toBe('R7.5'); // newest first by as-of
    const row = getIssueRow(sqlite, acct1, round.id)!;
    expect(row).toMatchObject({ rank: getIssueRow(sqlite, acct1, r611.id)!.rank, carried: true, comment: '', updatedBy: '山田' });
    // The summary of the new round is the old one, all of it carried.
    const [a] = summarize(sqlite, { roundId: round.id, levels: ['A'] });
    expect(a).toMatchObject({ total: 132, byRank: { '3': 13, '2': 118, '1': 1 }, unranked: 0, carried: 132 });
    expect(roundStats(sqlite).find((s) => s.roundId === round.id)).toEqual({ roundId: round.id, ranked: 132, carried: 132, comments: 0 });
    expect(lastAudit()).toMatchObject({ action: 'round.create', after: { label: 'R7.5', carriedFrom: 'R6.11', carried: 132, asOf: '2025-05' } });
    // The grid can show only the carried rows.
    expect(listIssues(sqlite, { roundId: round.id, carried: true, offset: 0, limit: 5 }).total).toBe(132);
    expect(listIssues(sqlite, { roundId: r611.id, carried: true, offset: 0, limit: 5 }).total).toBe(0);
  });

  it('refuses a duplicate label, a bad date or an unknown scale, writing nothing', () => {
    refuses(() => createRound(sqlite, { ...fields, label: 'R7.5' }, '山田'), /ラベル「R7.5」の評価回はすでにあります/);
    refuses(() => createRound(sqlite, { ...fields, label: 'R7.9', asOf: '2025-13' }, '山田'), /時点「2025-13」が正しくありません/);
    refuses(() => createRound(sqlite, { ...fields, label: 'R7.9', meetingDate: '2025-02-30' }, '山田'), /X会議の日付「2025-02-30」/);
    refuses(() => createRound(sqlite, { ...fields, label: 'R7.9', scaleId: 999 }, '山田'), /ランク基準 \(id 999\) がありません/);
    refuses(() => createRound(sqlite, { ...fields, label: '  ' }, '山田'), /ラベル/);
  });

  it('refuses to carry ranks into a scale that does not have them', () => {
    const other = Number(sqlite.prepare("INSERT INTO scales (name) VALUES ('3段階 (文字)')").run().lastInsertRowid);
    const ins = sqlite.prepare('INSERT INTO scale_ranks (scale_id, value, label, definition, sort_order) VALUES (?, ?, ?, ?, ?)');
    ['完了', '取組中', '未着手'].forEach((v, i) => ins.run(other, v, v, '', 3 - i));
    refuses(
      () => createRound(sqlite, { ...fields, label: 'R7.9', scaleId: other, carryFromRoundId: r611.id }, '山田'),
      /繰越元 R6.11 のランク 「1」1件、「2」118件、「3」13件 は選んだランク基準にありません/,
    );
  });
});

describe('confirming carried ranks', () => {
  const r75 = () => listRounds(sqlite).find((r) => r.label === 'R7.5')!;

  it('confirms one rank by setting the same rank, audited as a confirmation; undo puts 繰越 back', () => {
    const rank = getIssueRow(sqlite, acct1, r75().id)!.rank;
    const res = setRank(sqlite, { issueId: acct1, roundId: r75().id, rank, actor: '佐藤' });
    expect(res.row).toMatchObject({ rank, carried: false, updatedBy: '佐藤' });
    expect(getAudit(sqlite, res.auditId!)).toMatchObject({ action: 'evaluation.confirm', before: { rank, carried: true }, after: { rank, carried: false } });
    const undo = undoChange(sqlite, res.auditId!, '佐藤');
    expect(undo.row).toMatchObject({ rank, carried: true });
    // Setting the same rank again on a confirmed row changes nothing and is not audited.
    setRank(sqlite, { issueId: acct1, roundId: r75().id, rank, actor: '佐藤' });
    expect(setRank(sqlite, { issueId: acct1, roundId: r75().id, rank, actor: '佐藤' }).auditId).toBeNull();
  });

  it('a different rank also confirms; a comment alone does not', () => {
    const res = setRank(sqlite, { issueId: acct2, roundId: r75().id, rank: '3', actor: '佐藤' });
    expect(res.row).toMatchObject({ rank: '3', carried: false });
    expect(getAudit(sqlite, res.auditId!)).toMatchObject({ action: 'evaluation.rank', after: { rank: '3', carried: false } });
    const acct3 = resolveIssueKey(sqlite, '会計-A-3')!;
    expect(setComment(sqlite, { issueId: acct3, roundId: r75().id, comment: '確認中', actor: '佐藤' }).row.carried).toBe(true);
  });

  it('confirms all carried ranks of a filter in bulk, audited once, and the undo is audited too', () => {
    const before = carriedCount(sqlite, r75().id);
    expect(before).toBe(130);
    const orgId = sqlite.prepare("SELECT id FROM organizations WHERE short_name = 'デジ'").pluck().get() as number;
    const inOrg = listIssues(sqlite, { roundId: r75().id, organizationIds: [orgId], carried: true, offset: 0, limit: 100 }).total!;
    const part = confirmCarried(sqlite, { roundId: r75().id, organizationIds: [orgId] }, '鈴木');
    expect(part.confirmed).toBe(inOrg);
    expect(carriedCount(sqlite, r75().id)).toBe(before - inOrg);

    const all = confirmCarried(sqlite, { roundId: r75().id }, '鈴木');
    expect(all.confirmed).toBe(before - inOrg);
    expect(carriedCount(sqlite, r75().id)).toBe(0);
    const entry = getAudit(sqlite, all.auditId!)!;
    expect(entry).toMatchObject({ action: 'evaluation.confirmAll', actor: '鈴木', roundId: r75().id, after: { confirmed: before - inOrg } });
    expect(confirmCarried(sqlite, { roundId: r75().id }, '鈴木')).toEqual({ confirmed: 0, auditId: null });

    // Someone changes one of the confirmed ranks; undo leaves that one alone.
    const acct3 = resolveIssueKey(sqlite, '会計-A-3')!;
    setRank(sqlite, { issueId: acct3, roundId: r75().id, rank: '1', actor: '佐藤' });
    const undo = undoConfirmCarried(sqlite, all.auditId!, '鈴木');
    expect(undo).toMatchObject({ restored: before - inOrg - 1, skipped: 1 });
    expect(carriedCount(sqlite, r75().id)).toBe(before - inOrg - 1);
    expect(getIssueRow(sqlite, acct3, r75().id)).toMatchObject({ rank: '1', carried: false });
    // Put back with the 更新者 from before the confirmation.
    const acct1Row = getIssueRow(sqlite, resolveIssueKey(sqlite, '会計-A-2')!, r75().id)!;
    expect(acct1Row.updatedBy).toBe('佐藤');
    expect(getAudit(sqlite, undo.auditId)).toMatchObject({ action: 'undo', revertsId: all.auditId, after: { carried: before - inOrg - 1, skipped: 1 } });
    expect(() => undoConfirmCarried(sqlite, all.auditId!, '鈴木')).toThrow(/すでに取り消されています/);
    expect(() => undoConfirmCarried(sqlite, part.auditId! + 100000, '鈴木')).toThrow(/取り消せる一括確定/);
  });

  it('stores the rows of a bulk change as id ranges', () => {
    expect(toRanges([1, 2, 3, 7, 9, 10])).toEqual([
      [1, 3],
      [7, 7],
      [9, 10],
    ]);
    expect(toRanges([])).toEqual([]);
  });
});

describe('locking', () => {
  const r75 = () => listRounds(sqlite).find((r) => r.label === 'R7.5')!;

  it('refuses to lock while ranks are still 繰越', () => {
    refuses(() => lockRound(sqlite, r75().id, '山田'), /確認されていない繰越のランクが \d+ 件あります/);
  });

  it('locks: every write path to the round refuses, in Japanese, writing nothing', () => {
    confirmCarried(sqlite, { roundId: r75().id }, '山田');
    const change = setRank(sqlite, { issueId: acct1, roundId: r75().id, rank: '1', actor: '山田' });
    const round = lockRound(sqlite, r75().id, '山田');
    expect(round).toMatchObject({ lockedBy: '山田' });
    expect(round.lockedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(lastAudit()).toMatchObject({ action: 'round.lock', roundId: round.id, before: { lockedAt: null } });
    const locked = /評価回 R7.5 は公表済みでロックされています/;
    refuses(() => setRank(sqlite, { issueId: acct2, roundId: round.id, rank: '1', actor: '山田' }), locked);
    refuses(() => setComment(sqlite, { issueId: acct2, roundId: round.id, comment: 'x', actor: '山田' }), locked);
    refuses(() => undoChange(sqlite, change.auditId!, '山田'), locked);
    refuses(() => confirmCarried(sqlite, { roundId: round.id }, '山田'), locked);
    refuses(() => updateRound(sqlite, round.id, { ...fields, label: 'R7.5b', meetingDate: null }, '山田'), /ロックされているため変更できません/);
    refuses(() => deleteRound(sqlite, round.id, '山田'), /ロックされているため削除できません/);
    refuses(() => lockRound(sqlite, round.id, '山田'), /すでにロックされています/);
  });

  it('unlocks only with a reason, which is logged', () => {
    const id = r75().id;
    refuses(() => unlockRound(sqlite, id, '   ', '山田'), /理由を入力してください/);
    const round = unlockRound(sqlite, id, '公表後に誤記が見つかったため', '課長');
    expect(round).toMatchObject({ lockedAt: null, lockedBy: null });
    expect(lastAudit()).toMatchObject({ actor: '課長', action: 'round.unlock', after: { lockedAt: null, reason: '公表後に誤記が見つかったため' } });
    refuses(() => unlockRound(sqlite, id, '再度', '課長'), /ロックされていません/);
    expect(setRank(sqlite, { issueId: acct2, roundId: id, rank: '1', actor: '山田' }).row.rank).toBe('1');
  });
});

describe('editing and deleting', () => {
  it('renames and re-dates a round, auditing only what changed', () => {
    const r = createRound(sqlite, { ...fields, label: 'R8.1', title: '仮', asOf: '2026-01', meetingDate: null }, '山田').round;
    const updated = updateRound(sqlite, r.id, { ...fields, label: 'R8.2', title: '令和8年2月時点', asOf: '2026-02', meetingDate: null }, '山田');
    expect(updated).toMatchObject({ label: 'R8.2', title: '令和8年2月時点', asOf: '2026-02' });
    expect(lastAudit()).toMatchObject({ action: 'round.update', before: { label: 'R8.1', title: '仮', asOf: '2026-01' }, after: { label: 'R8.2', asOf: '2026-02' } });
    expect(Object.keys(lastAudit().after as object).sort()).toEqual(['asOf', 'label', 'title']);
    const n = auditCount();
    updateRound(sqlite, r.id, { ...fields, label: 'R8.2', title: '令和8年2月時点', asOf: '2026-02', meetingDate: null }, '山田');
    expect(auditCount()).toBe(n);
    refuses(() => updateRound(sqlite, r.id, { ...fields, label: 'R6.11', meetingDate: null }, '山田'), /ラベル「R6.11」の評価回はすでにあります/);
    deleteRound(sqlite, r.id, '山田');
  });

  it('deletes a round holding only unconfirmed 繰越 ranks, and refuses one with anyone’s work', () => {
    const r = createRound(sqlite, { ...fields, label: 'R8.5', asOf: '2026-05', carryFromRoundId: r611.id }, '山田').round;
    setComment(sqlite, { issueId: acct1, roundId: r.id, comment: '所見あり', actor: '山田' });
    refuses(() => deleteRound(sqlite, r.id, '山田'), /確定したランクまたは所見が 1 件あるため削除できません/);
    setComment(sqlite, { issueId: acct1, roundId: r.id, comment: '', actor: '山田' });
    const res = deleteRound(sqlite, r.id, '山田');
    expect(res).toMatchObject({ label: 'R8.5', discarded: 132 });
    expect(getRound(sqlite, r.id)).toBeUndefined();
    expect(sqlite.prepare('SELECT count(*) FROM evaluations WHERE round_id = ?').pluck().get(r.id)).toBe(0);
    expect(getAudit(sqlite, res.auditId)).toMatchObject({ action: 'round.delete', before: { label: 'R8.5', carried: 132 }, after: null });
    refuses(() => deleteRound(sqlite, r611.id, '山田'), /確定したランクまたは所見が 132 件/);
  });
});

describe('bulk changes take a verified backup first, and their undo is logged', () => {
  const backups = () => (existsSync(backupDirFor(db.file)) ? readdirSync(backupDirFor(db.file)).filter((f) => f.endsWith('-bulk.sqlite')) : []);

  it('backs up before carrying over and before a bulk confirmation; undoes a creation', async () => {
    const n = backups().length;
    const { round } = await createRoundSafely(db, { ...fields, label: 'R9.1', asOf: '2027-01', carryFromRoundId: r611.id }, '山田');
    expect(backups().length).toBe(n + 1);
    const copy = join(backupDirFor(db.file), backups().sort().at(-1)!);
    expect(existsSync(copy)).toBe(true);
    await confirmCarriedSafely(db, { roundId: round.id, levels: ['A'] }, '山田');
    expect(backups().length).toBe(n + 2);
    // Nothing to confirm, or a change that will be refused: no copy (and no waiting for one).
    await confirmCarriedSafely(db, { roundId: round.id }, '山田');
    await expect(createRoundSafely(db, { ...fields, label: 'R9.1', carryFromRoundId: r611.id }, '山田')).rejects.toThrow(/すでにあります/);
    await expect(confirmCarriedSafely(db, { roundId: 987654 }, '山田')).rejects.toThrow(/がありません/);
    expect(backups().length).toBe(n + 2);

    const created = sqlite.prepare("SELECT id FROM audit_log WHERE action = 'round.create' AND round_id = ?").pluck().get(round.id) as number;
    await expect(undoBulk(db, created, '山田')).rejects.toThrow(/確定したランクまたは所見が 132 件/);
    const confirmAll = sqlite.prepare("SELECT id FROM audit_log WHERE action = 'evaluation.confirmAll' AND round_id = ?").pluck().get(round.id) as number;
    expect((await undoBulk(db, confirmAll, '山田')).message).toMatch(/132 件を繰越に戻しました/);
    const undone = await undoBulk(db, created, '山田');
    expect(undone.message).toBe('評価回 R9.1 の作成を取り消しました (繰越 132 件も削除)');
    expect(getAudit(sqlite, undone.auditId)).toMatchObject({ action: 'undo', entity: 'round', revertsId: created });
    expect(getRound(sqlite, round.id)).toBeUndefined();
    await expect(undoBulk(db, created, '山田')).rejects.toThrow(/すでに削除されています/);
    await expect(undoBulk(db, 1, '山田')).rejects.toThrow(/取り消せる一括変更/);
  });

  it('leaves a database that passes every check', () => {
    expect(runChecks(sqlite).ok).toBe(true);
  });
});

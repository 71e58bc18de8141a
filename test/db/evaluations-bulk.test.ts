// Bulk rank/所見 (a paste from Excel, one rank for the selected rows): one transaction, one audit
// entry, one undo; rows changed by someone since are left alone by the undo.
import { describe, expect, it } from 'vitest';
import { getAudit } from '../../db/queries/audit';
import { describeAudit } from '../../common/audit-text';
import { setEvaluationsBulk, undoBulk } from '../../db/write/evaluations-bulk';
import { setRank } from '../../db/write/evaluations';
import { getIssueRow, issuePosition, listIssueIds, listIssues, resolveIssueKey } from '../../db/queries/issues';
import { latestRound } from '../../db/queries/rounds';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const roundId = latestRound(db.sqlite)!.id;
const ids = listIssueIds(db.sqlite, { roundId, levels: ['A'] }).slice(0, 5);
const auditCount = () => db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
const rankOf = (id: number) => getIssueRow(db.sqlite, id, roundId)!.rank;

describe('bulk rank and 所見', () => {
  it('lists the ids of a filter in the grid order and finds an issue in it', () => {
    const sorted = listIssueIds(db.sqlite, { roundId, sort: [{ column: 'title', desc: true }] });
    const page = listIssues(db.sqlite, { roundId, sort: [{ column: 'title', desc: true }], offset: 0, limit: 20 }).rows.map((r) => r.id);
    expect(sorted.slice(0, 20)).toEqual(page);
    expect(issuePosition(db.sqlite, { roundId, sort: [{ column: 'title', desc: true }] }, sorted[57]!)).toBe(57);
    expect(issuePosition(db.sqlite, { roundId, levels: ['B'] }, ids[0]!)).toBe(-1);
  });

  it('sets one rank on many rows as one audited change, and one undo puts each back', () => {
    const before = ids.map(rankOf);
    const entries = auditCount();
    const res = setEvaluationsBulk(db.sqlite, { roundId, field: 'rank', items: ids.map((issueId) => ({ issueId, value: '1' })), actor: '山田' });
    expect(res.changed).toBe(before.filter((r) => r !== '1').length);
    expect(ids.map(rankOf)).toEqual(ids.map(() => '1'));
    expect(auditCount()).toBe(entries + 1);
    const entry = getAudit(db.sqlite, res.auditId!)!;
    expect(entry).toMatchObject({ action: 'evaluation.bulk', actor: '山田', roundId });
    // The audit screen reads it in Japanese: how many rows, from what to what.
    expect(describeAudit(entry)).toEqual({
      action: 'ランク・所見の一括変更',
      target: `課題 ${res.changed} 件`,
      before: expect.stringMatching(new RegExp(`^ランク ${res.changed} 件: 2 ×\\d+`)),
      after: `ランク ${res.changed} 件: 1 ×${res.changed}`,
    });

    const undone = undoBulk(db.sqlite, res.auditId!, '山田');
    expect(undone).toMatchObject({ changed: res.changed, skipped: 0 });
    expect(ids.map(rankOf)).toEqual(before);
    // Redo is the undo of the undo.
    undoBulk(db.sqlite, undone.auditId!, '山田');
    expect(ids.map(rankOf)).toEqual(ids.map(() => '1'));
  });

  it('pastes different 所見 per row; an undo skips rows edited since', () => {
    const items = ids.map((issueId, i) => ({ issueId, value: `貼り付けた所見 ${i + 1}` }));
    const res = setEvaluationsBulk(db.sqlite, { roundId, field: 'comment', items, actor: '佐藤' });
    expect(res.changed).toBe(5);
    expect(getIssueRow(db.sqlite, ids[2]!, roundId)!.comment).toBe('貼り付けた所見 3');
    setRank(db.sqlite, { issueId: ids[0]!, roundId, rank: '2', actor: '鈴木' }); // a rank edit does not touch the 所見
    db.sqlite.prepare("UPDATE evaluations SET comment = '後から直した' WHERE issue_id = ? AND round_id = ?").run(ids[1], roundId);
    const undone = undoBulk(db.sqlite, res.auditId!, '佐藤');
    expect(undone).toMatchObject({ changed: 4, skipped: 1 });
    expect(getIssueRow(db.sqlite, ids[1]!, roundId)!.comment).toBe('後から直した');
    expect(getIssueRow(db.sqlite, ids[2]!, roundId)!.comment).toBe('');
    expect(() => undoBulk(db.sqlite, res.auditId!, '佐藤')).toThrow(/すでに取り消されています/);
  });

  it('creates the evaluation of an issue that has none in the round yet, and the undo leaves it 未評価', () => {
    const b = resolveIssueKey(db.sqlite, '財変-B-4')!;
    expect(getIssueRow(db.sqlite, b, roundId)).toMatchObject({ rank: null, comment: '' });
    const res = setEvaluationsBulk(db.sqlite, { roundId, field: 'rank', items: [{ issueId: b, value: '2' }, { issueId: ids[0]!, value: '3' }], actor: '山田' });
    expect(getIssueRow(db.sqlite, b, roundId)).toMatchObject({ rank: '2', comment: '', updatedBy: '山田' });
    undoBulk(db.sqlite, res.auditId!, '山田');
    expect(getIssueRow(db.sqlite, b, roundId)!.rank).toBeNull();
    const note = setEvaluationsBulk(db.sqlite, { roundId, field: 'comment', items: [{ issueId: b, value: 'B の所見' }], actor: '山田' });
    expect(getIssueRow(db.sqlite, b, roundId)).toMatchObject({ rank: null, comment: 'B の所見' });
    undoBulk(db.sqlite, note.auditId!, '山田');
    expect(getIssueRow(db.sqlite, b, roundId)!.comment).toBe('');
  });

  it('refuses a rank outside the scale or an unknown issue, writing nothing', () => {
    const entries = auditCount();
    const ranks = ids.map(rankOf);
    expect(() => setEvaluationsBulk(db.sqlite, { roundId, field: 'rank', items: [{ issueId: ids[0]!, value: '3' }, { issueId: ids[1]!, value: '5' }], actor: '山田' })).toThrow(
      /ランク「5」は評価回 R6.11 のランク基準にありません/,
    );
    expect(() => setEvaluationsBulk(db.sqlite, { roundId, field: 'rank', items: [{ issueId: ids[0]!, value: '3' }, { issueId: 999_999, value: '3' }], actor: '山田' })).toThrow(
      /変革課題 \(id 999999\) がありません/,
    );
    expect(ids.map(rankOf)).toEqual(ranks);
    expect(auditCount()).toBe(entries);
  });
});

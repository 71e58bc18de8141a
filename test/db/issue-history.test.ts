// An issue's history in its panel includes the bulk changes that changed it (one audit entry
// for many issues, picked apart when read; never copied per issue).
import { describe, expect, it } from 'vitest';
import { countAudit, listAudit } from '../../db/queries/audit-search';
import { listIssueHistory } from '../../db/queries/issue-history';
import { setEvaluationsBulk, undoBulk } from '../../db/write/evaluations-bulk';
import { setRank } from '../../db/write/evaluations';
import { getIssueRow, listIssueIds } from '../../db/queries/issues';
import { latestRound } from '../../db/queries/rounds';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const roundId = latestRound(db.sqlite)!.id;
const ids = listIssueIds(db.sqlite, { roundId, levels: ['A'] }).slice(0, 4);
const [a, b, c, outside] = ids as [number, number, number, number];
const auditCount = () => db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

describe("an issue's history", () => {
  it('shows each bulk change that included the issue with its own before → after, who and how many', () => {
    const rankBefore = getIssueRow(db.sqlite, b, roundId)!.rank;
    const entries = auditCount();
    const bulk = setEvaluationsBulk(db.sqlite, { roundId, field: 'rank', items: [a, b, c].map((issueId) => ({ issueId, value: '1' })), actor: '山田' });
    expect(auditCount()).toBe(entries + 1); // one entry for the three issues
    setRank(db.sqlite, { issueId: b, roundId, rank: '3', actor: '鈴木' });
    // A 所見 that spells another issue's item ("[id,") does not put that issue in the bulk change.
    const comments = setEvaluationsBulk(db.sqlite, { roundId, field: 'comment', items: [a, b].map((issueId) => ({ issueId, value: `一括の所見 [${outside},1]` })), actor: '佐藤' });
    const undo = undoBulk(db.sqlite, bulk.auditId!, '山田'); // b was changed since: skipped, a and c put back
    expect(undo.skipped).toBe(1);

    const history = listIssueHistory(db.sqlite, b);
    expect(history.slice(0, 3)).toEqual([
      expect.objectContaining({ id: comments.auditId, actor: '佐藤', action: 'evaluation.bulk', issueId: b, before: { comment: '' }, after: { comment: `一括の所見 [${outside},1]` }, bulk: { field: 'comment', count: 2 } }),
      expect.objectContaining({ actor: '鈴木', action: 'evaluation.rank', before: expect.objectContaining({ rank: '1' }), after: expect.objectContaining({ rank: '3' }), bulk: null }),
      expect.objectContaining({ id: bulk.auditId, actor: '山田', action: 'evaluation.bulk', before: { rank: rankBefore, carried: false }, after: { rank: '1', carried: false }, bulk: { field: 'rank', count: 3 } }),
    ]);
    // The undo of the bulk change did not touch b, so it is not in b's history; it is in a's.
    expect(history.map((h) => h.id)).not.toContain(undo.auditId);
    expect(listIssueHistory(db.sqlite, a)[0]).toMatchObject({ id: undo.auditId, action: 'undo', revertsId: bulk.auditId, before: { rank: '1' }, bulk: { field: 'rank', count: 2 } });
    // An issue outside every bulk change has none of them.
    expect(listIssueHistory(db.sqlite, outside).filter((h) => h.bulk)).toEqual([]);
    // The limit counts both kinds, newest first.
    expect(listIssueHistory(db.sqlite, b, 2).map((h) => h.id)).toEqual(history.slice(0, 2).map((h) => h.id));
  });
});

describe('the 監査ログ screen filtered by an issue', () => {
  it('lists the bulk changes that included the issue, and not those that did not', () => {
    const bulk = setEvaluationsBulk(db.sqlite, { roundId, field: 'comment', items: [a, c].map((issueId) => ({ issueId, value: '一括の所見 (監査ログ)' })), actor: '高橋' });
    const other = setEvaluationsBulk(db.sqlite, { roundId, field: 'comment', items: [b].map((issueId) => ({ issueId, value: `所見 [${c},2]` })), actor: '高橋' });
    const ids = (issueId: number) => listAudit(db.sqlite, { issueId }, 1000).rows.map((r) => r.id);
    expect(ids(c)).toContain(bulk.auditId);
    expect(ids(a)).toContain(bulk.auditId);
    expect(ids(b)).not.toContain(bulk.auditId);
    expect(ids(b)).toContain(other.auditId);
    expect(ids(c)).not.toContain(other.auditId);
    expect(countAudit(db.sqlite, { issueId: c })).toBe(ids(c).length);
  });
});
